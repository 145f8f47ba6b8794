import type { TotpSetup, TwoFactorStatus, User } from "@natter/protocol";
import type { UserRow } from "../../storage/index.js";
import type { Domain } from "../context.js";
import { Refusal } from "../errors.js";
import { spend, tooFast } from "../limits.js";
import { looksLikeRecoveryCode, newRecoveryCodes, recoveryCodeHash } from "./recoveryCodes.js";
import { seal, unseal } from "./secretBox.js";
import { matchingStep, newTotpSecret, qrSvg, totpUri } from "./totp.js";

/** The roles the REQUIRE_TWO_FACTOR_FOR_STAFF setting covers (moderator, once that role exists). */
const STAFF_ROLES: ReadonlySet<string> = new Set(["admin", "moderator"]);

export function isTwoFactorOn(row: UserRow): boolean {
  return row.totp_enabled_at !== null;
}

export function isTwoFactorRequired(domain: Domain, row: UserRow): boolean {
  return (domain.settings.requireTwoFactorForStaff ?? false) && STAFF_ROLES.has(row.role);
}

export async function twoFactorStatus(domain: Domain, user: User): Promise<TwoFactorStatus> {
  const row = await userRow(domain, user.id);
  const enabled = isTwoFactorOn(row);
  return { enabled, recoveryCodesLeft: enabled ? await domain.store.recoveryCodesLeft(user.id) : 0, required: isTwoFactorRequired(domain, row) };
}

/** A new secret, shown once (QR and key); 2FA is on only once a first code confirms it. */
export async function startTwoFactor(domain: Domain, user: User): Promise<TotpSetup> {
  await spend(domain.limits, "accountSecurity", user.id);
  return beginSetup(domain, await userRow(domain, user.id));
}

export async function beginSetup(domain: Domain, row: UserRow): Promise<TotpSetup> {
  const secret = newTotpSecret();
  if (!(await domain.store.beginTotp(row.id, await seal(domain.store, secret)))) {
    throw new Refusal("BAD_REQUEST", "Two-factor authentication is already on; turn it off first");
  }
  const uri = totpUri(secret, row.username, "Natter");
  return { secret, uri, qrSvg: await qrSvg(uri) };
}

/** The first code proves the app holds the secret; the ten recovery codes are answered once and kept hashed. */
export async function confirmTwoFactor(domain: Domain, user: User, code: string, address: string): Promise<{ recoveryCodes: string[] }> {
  return confirmSetup(domain, await userRow(domain, user.id), code, address);
}

export async function confirmSetup(domain: Domain, row: UserRow, code: string, address: string): Promise<{ recoveryCodes: string[] }> {
  if (isTwoFactorOn(row) || row.totp_secret === null) throw new Refusal("BAD_REQUEST", "Start setting up two-factor authentication first");
  await refuseWhileLocked(domain, row, address);
  const step = matchingStep(await unseal(domain.store, row.totp_secret), code, domain.now());
  if (step === undefined) return failed(domain, row, address);
  const recoveryCodes = newRecoveryCodes();
  if (!(await domain.store.enableTotp(row.id, domain.now(), step, recoveryCodes.map(recoveryCodeHash)))) {
    throw new Refusal("BAD_REQUEST", "Start setting up two-factor authentication first");
  }
  await domain.limits.failedCodesByAccount.clear(accountKey(row));
  return { recoveryCodes };
}

/** Turning 2FA off takes a code too, so a session left open is not enough to remove it. */
export async function disableTwoFactor(domain: Domain, user: User, code: string, address: string): Promise<TwoFactorStatus> {
  const row = await userRow(domain, user.id);
  if (!isTwoFactorOn(row)) throw new Refusal("BAD_REQUEST", "Two-factor authentication is off");
  if (isTwoFactorRequired(domain, row)) throw new Refusal("FORBIDDEN", "This server requires two-factor authentication of its admins and moderators");
  await checkSecondFactor(domain, row, code, address);
  await domain.store.disableTotp(row.id);
  return twoFactorStatus(domain, user);
}

/**
 * A TOTP code (each time step taken once, so a code seen over a shoulder cannot be used again in its window)
 * or one of the recovery codes (each once). Failures count like failed passwords: per account and per address.
 */
export async function checkSecondFactor(domain: Domain, row: UserRow, code: string, address: string): Promise<void> {
  await refuseWhileLocked(domain, row, address);
  if (row.totp_secret !== null && /^\d{6}$/.test(code)) {
    const step = matchingStep(await unseal(domain.store, row.totp_secret), code, domain.now());
    if (step !== undefined && (await domain.store.takeTotpStep(row.id, step))) return succeeded(domain, row);
  } else if (looksLikeRecoveryCode(code) && (await domain.store.takeRecoveryCode(row.id, recoveryCodeHash(code)))) {
    return succeeded(domain, row);
  }
  return failed(domain, row, address);
}

async function refuseWhileLocked(domain: Domain, row: UserRow, address: string): Promise<void> {
  const { failedCodesByAccount, failedLoginsByAddress } = domain.limits;
  const lockedFor = Math.max(await failedCodesByAccount.lockedFor(accountKey(row)), await failedLoginsByAddress.lockedFor(address));
  if (lockedFor > 0) throw tooFast(`Too many wrong codes; try again in ${Math.ceil(lockedFor / 60_000)} minutes`, lockedFor);
}

async function failed(domain: Domain, row: UserRow, address: string): Promise<never> {
  await Promise.all([domain.limits.failedCodesByAccount.record(accountKey(row)), domain.limits.failedLoginsByAddress.record(address)]);
  throw new Refusal("BAD_CODE", "That code is wrong or was already used");
}

async function succeeded(domain: Domain, row: UserRow): Promise<void> {
  await domain.limits.failedCodesByAccount.clear(accountKey(row));
}

function accountKey(row: UserRow): string {
  return String(row.id);
}

async function userRow(domain: Domain, id: number): Promise<UserRow> {
  const row = await domain.store.userById(id);
  if (!row) throw new Refusal("UNAUTHORIZED", "Log in first");
  return row;
}
