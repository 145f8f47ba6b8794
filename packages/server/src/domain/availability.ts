import type { Availability, SetAvailabilityBody, User, UserRef } from "@natter/protocol";
import type { AvailabilityRow, UserChange, UserRow } from "../storage/index.js";
import type { Domain } from "./context.js";
import { Refusal } from "./errors.js";
import { spend } from "./limits.js";
import { iso, toUserRef } from "./wire.js";

/**
 * What `dnd_until` holds for do-not-disturb "until turned off": the last instant a JavaScript date can hold,
 * so every "is it still on?" is one comparison with no special case.
 */
export const DND_FOREVER = 8_640_000_000_000_000;

/** Whether notifications to the user should stay silent at `now` (ms since the epoch). */
export async function isDoNotDisturb(domain: Domain, userId: number, now: number): Promise<boolean> {
  const row = await domain.store.userById(userId);
  return dndActive(row?.dnd_until ?? null, now);
}

export function dndActive(dndUntil: number | null, now: number): boolean {
  return dndUntil !== null && dndUntil > now;
}

/** The custom status lapses on its own: past its expiry it reads as none, with no job to clear it. */
export function statusLive(row: Pick<UserRow, "status_expires_at">, now: number): boolean {
  return row.status_expires_at === null || row.status_expires_at > now;
}

export function toAvailability(row: Omit<AvailabilityRow, "id">, idle: boolean, now: number): Availability {
  const dnd = dndActive(row.dnd_until, now);
  const live = statusLive(row, now);
  return {
    away: row.away_chosen === 1 || idle,
    awayChosen: row.away_chosen === 1,
    dnd,
    dndUntil: dnd && row.dnd_until !== DND_FOREVER && row.dnd_until !== null ? iso(row.dnd_until) : null,
    statusEmoji: live ? row.status_emoji : "",
    statusText: live ? row.status : "",
    statusExpiresAt: live && row.status_expires_at !== null ? iso(row.status_expires_at) : null,
  };
}

/** Nothing to show beyond online: left out of the join answer's map, which stays small in a big room. */
function isPlain(availability: Availability): boolean {
  return !availability.away && !availability.dnd && availability.statusEmoji === "" && availability.statusText === "";
}

/** How each of these (online) people is, for those with something to show. */
export async function availabilityOf(domain: Domain, users: readonly UserRef[]): Promise<Record<string, Availability>> {
  const ids = users.map((user) => user.id);
  const [rows, idle] = await Promise.all([domain.store.availabilitiesSet(ids), domain.presence.idle(ids)]);
  const now = domain.now();
  const shown: Record<string, Availability> = {};
  // The idle who chose nothing are away all the same.
  for (const id of idle) shown[String(id)] = toAvailability(NOTHING_CHOSEN, true, now);
  for (const row of rows) {
    const availability = toAvailability(row, idle.has(row.id), now);
    if (!isPlain(availability)) shown[String(row.id)] = availability;
  }
  return shown;
}

const NOTHING_CHOSEN: Omit<AvailabilityRow, "id"> = { away_chosen: 0, dnd_until: null, status: "", status_emoji: "", status_expires_at: null };

export async function readAvailability(domain: Domain, userId: number): Promise<Availability> {
  const row = await domain.store.userById(userId);
  if (!row) throw new Refusal("NOT_FOUND", "Your account no longer exists");
  return toAvailability(row, (await domain.presence.idle([userId])).has(userId), domain.now());
}

/** Away by choice, do-not-disturb and the custom status; the user's rooms and own tabs see the change live. */
export async function setAvailability(domain: Domain, user: User, body: SetAvailabilityBody): Promise<Availability> {
  await spend(domain.limits, "availability", user.id);
  const now = domain.now();
  const change: UserChange = {};
  if (body.away !== undefined) change.away_chosen = body.away ? 1 : 0;
  if (body.dnd !== undefined)
    change.dnd_until = body.dnd === null ? null : body.dnd.until === null ? DND_FOREVER : future(body.dnd.until, now, "Do-not-disturb");
  if (body.customStatus !== undefined) {
    const status = body.customStatus ?? { emoji: "", text: "", expiresAt: null };
    change.status = status.text;
    change.status_emoji = status.emoji;
    change.status_expires_at = status.expiresAt === null ? null : future(status.expiresAt, now, "The status");
  }
  const row = await domain.store.updateUser(user.id, change);
  if (!row) throw new Refusal("NOT_FOUND", "Your account no longer exists");
  const availability = toAvailability(row, (await domain.presence.idle([user.id])).has(user.id), now);
  await announceAvailability(domain, toUserRef(user), availability);
  return availability;
}

/** A tab reports its user idle or back; when that turns them away or back everywhere, their rooms hear it. */
export async function reportActivity(domain: Domain, user: User, connectionId: string, idle: boolean): Promise<void> {
  await spend(domain.limits, "activity", user.id);
  if (await domain.presence.setIdle(toUserRef(user), connectionId, idle))
    await announceAvailability(domain, toUserRef(user), await readAvailability(domain, user.id));
}

export async function announceAvailability(domain: Domain, user: UserRef, availability: Availability): Promise<void> {
  const event = { user: toUserRef(user), availability };
  for (const room of await domain.store.roomsOfUser(user.id)) domain.publisher.toRoomExceptUser(room.id, user.id, "availability", event);
  domain.publisher.toUser(user.id, "availability", event);
}

function future(time: string, now: number, what: string): number {
  const at = Date.parse(time);
  if (!(at > now)) throw new Refusal("BAD_REQUEST", `${what} must end in the future`);
  return at;
}
