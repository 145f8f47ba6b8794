import type { SecondFactorStep, TotpSetup } from "@natter/protocol";
import type { UserRow } from "../../storage/index.js";
import { openSession, type ClientOrigin, type Session } from "../accounts.js";
import { recordAudit } from "../audit.js";
import type { Domain } from "../context.js";
import { Refusal } from "../errors.js";
import { spend } from "../limits.js";
import { hashToken, newSessionToken } from "../tokens.js";
import { beginSetup, checkSecondFactor, confirmSetup, isTwoFactorOn, isTwoFactorRequired } from "./secondFactor.js";

export type SecondStep = SecondFactorStep;

/** Five minutes to type the code: the ticket is no session, it only lets its holder try codes (which are counted). */
export const TICKET_TTL_MS = 5 * 60_000;

/** After the right password: the ticket of the second step, or undefined when the account needs none. */
export async function secondStep(domain: Domain, row: UserRow, origin: ClientOrigin): Promise<SecondStep | undefined> {
  const enroll = !isTwoFactorOn(row);
  if (enroll && !isTwoFactorRequired(domain, row)) return undefined;
  const ticket = newSessionToken();
  const expiresAt = domain.now() + TICKET_TTL_MS;
  await domain.store.deleteExpiredTickets(domain.now());
  await domain.store.createLoginTicket({
    token_hash: hashToken(ticket),
    user_id: row.id,
    expires_at: expiresAt,
    user_agent: origin.userAgent.slice(0, 512),
    address: origin.address,
  });
  return { ticket, enroll, expiresAt };
}

/** An account that must set 2FA up before it may log in gets its secret with the ticket. */
export async function enrollWithTicket(domain: Domain, ticket: string): Promise<TotpSetup> {
  const row = await ticketUser(domain, ticket);
  await spend(domain.limits, "accountSecurity", row.id);
  return beginSetup(domain, row);
}

/** The code ends the log-in: a session, from where the password was typed; and the recovery codes, if it set 2FA up. */
export async function finishLogin(domain: Domain, ticket: string, code: string, address: string): Promise<Session & { recoveryCodes?: string[] }> {
  const row = await ticketUser(domain, ticket);
  const setUp = isTwoFactorOn(row) ? (await checkSecondFactor(domain, row, code, address), undefined) : await confirmSetup(domain, row, code, address);
  // Taken, not read: two requests racing with one ticket make one session.
  const taken = await domain.store.takeLoginTicket(hashToken(ticket));
  if (!taken) throw badTicket();
  const session = await openSession(domain, row, { address: taken.address, userAgent: taken.user_agent });
  await recordAudit(domain, { actor: row, action: "login", target: row.username, address: taken.address, details: { secondFactor: true } });
  return setUp ? { ...session, recoveryCodes: setUp.recoveryCodes } : session;
}

async function ticketUser(domain: Domain, ticket: string): Promise<UserRow> {
  const found = await domain.store.loginTicket(hashToken(ticket));
  const row = found && found.expires_at > domain.now() ? await domain.store.userById(found.user_id) : undefined;
  if (!row) throw badTicket();
  return row;
}

function badTicket(): Refusal {
  return new Refusal("BAD_TICKET", "This log-in has expired; enter your name and password again");
}
