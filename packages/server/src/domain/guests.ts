import type { User } from "@natter/protocol";
import type { RoomRow } from "../storage/schema.js";
import { openSession, type Session } from "./accounts.js";
import { accessSettings } from "./accessSettings.js";
import { recordAudit } from "./audit.js";
import type { Domain } from "./context.js";
import { Refusal } from "./errors.js";
import { hashPassword } from "./passwords.js";
import { GENERAL } from "./rooms.js";

/**
 * What guests may do, by the settings (defaults: join public rooms and post there, create no rooms, start no
 * direct messages). Checked in the domain, so REST, sockets and programs meet the same rule.
 */
export async function requireGuestMay(domain: Domain, user: User, power: "createRooms" | "directMessages"): Promise<void> {
  if (user.kind !== "guest") return;
  const { guestPowers } = await accessSettings(domain);
  if (guestPowers[power]) return;
  throw new Refusal("NOT_FOR_GUESTS", power === "createRooms" ? "Guests cannot create rooms here" : "Guests can only answer people who wrote to them");
}

/** Joining a public room beyond general. */
export async function requireGuestMayJoin(domain: Domain, user: User, room: RoomRow): Promise<void> {
  if (user.kind !== "guest" || room.name_key === GENERAL) return;
  if ((await accessSettings(domain)).guestPowers.joinPublicRooms) return;
  throw new Refusal("NOT_FOR_GUESTS", "Guests can only talk in general here");
}

/**
 * Posting in a direct conversation: unless guests may start them, only where someone else has written first,
 * so a guest cannot be the first to message anyone.
 */
export async function requireGuestMayWrite(domain: Domain, user: User, room: RoomRow): Promise<void> {
  if (user.kind !== "guest" || room.kind !== "dm") return;
  if ((await accessSettings(domain)).guestPowers.directMessages) return;
  if (await domain.store.hasMessageFromOthers(room.id, user.id)) return;
  throw new Refusal("NOT_FOR_GUESTS", "Guests can only answer people who wrote to them");
}

/** A guest becomes a member with a password; same account, so name, rooms and history stay. */
export async function upgradeGuest(domain: Domain, user: User, input: { password: string }, address: string): Promise<Session> {
  if (user.kind !== "guest") throw new Refusal("BAD_REQUEST", "This account has a password already");
  const { registration } = await accessSettings(domain);
  if (registration !== "open") throw new Refusal("REGISTRATION_CLOSED", "Accounts are made by invite or by an admin on this server");
  const row = await domain.store.upgradeGuest(user.id, await hashPassword(input.password));
  if (!row) throw new Refusal("BAD_REQUEST", "This account has a password already");
  // Sessions opened as a guest end with the guest: the new session is the member's.
  await domain.store.deleteSessionsOf(user.id);
  domain.publisher.closeUser(user.id);
  await recordAudit(domain, { actor: row, action: "user.upgrade", target: row.username, address });
  return openSession(domain, row);
}
