import type { Domain } from "./context.js";

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
