import type { Availability } from "@natter/protocol";

export const HOUR_MS = 3_600_000;
/** "Until tomorrow" ends at this hour of the next day, on the browser's own clock. */
const TOMORROW_HOUR = 8;

/** Do-not-disturb and status ends are absolute times: the browser knows the user's local day, the server does not. */
export function inOneHour(now: Date): string {
  return new Date(now.getTime() + HOUR_MS).toISOString();
}

export function tomorrowMorning(now: Date): string {
  const next = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, TOMORROW_HOUR);
  return next.toISOString();
}

/** The end of the user's local day, for a status "for today". */
export function endOfToday(now: Date): string {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1).toISOString();
}

export type Shown = "active" | "away" | "dnd";

/** Do-not-disturb outranks away: it is the one that changes what others may expect. */
export function shownState(availability: Availability | undefined, now = Date.now()): Shown {
  if (availability?.dnd && !lapsed(availability.dndUntil, now)) return "dnd";
  return availability?.away ? "away" : "active";
}

/** The server announces a change, not a lapse: what ran out is hidden when drawn, without waiting for news. */
export function liveStatus(availability: Availability | undefined, now = Date.now()): { emoji: string; text: string } | null {
  if (!availability || lapsed(availability.statusExpiresAt, now)) return null;
  const { statusEmoji: emoji, statusText: text } = availability;
  return emoji === "" && text === "" ? null : { emoji, text };
}

function lapsed(until: string | null, now: number): boolean {
  return until !== null && Date.parse(until) <= now;
}
