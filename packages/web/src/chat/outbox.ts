import type { PendingMessage } from "./chatState";

/** A message not sent by then is dropped from the outbox: a day-old "on my way" would mislead. */
export const OUTBOX_MAX_AGE_MS = 24 * 3_600_000;
const KEY_PREFIX = "natter.outbox.";

/**
 * Sends not yet answered, kept in localStorage under the user's id so that a reload (or a crash) loses
 * none of them; each keeps its clientMsgId, so one that did reach the server is stored there only once.
 */
export function loadOutbox(userId: number, now: number): PendingMessage[] {
  try {
    const raw = localStorage.getItem(KEY_PREFIX + userId);
    const items: unknown = raw ? JSON.parse(raw) : [];
    if (!Array.isArray(items)) return [];
    return items.filter(isPending).filter((item) => now - item.queuedAt < OUTBOX_MAX_AGE_MS);
  } catch {
    return [];
  }
}

export function saveOutbox(userId: number, pending: readonly PendingMessage[]): void {
  try {
    if (pending.length === 0) localStorage.removeItem(KEY_PREFIX + userId);
    else localStorage.setItem(KEY_PREFIX + userId, JSON.stringify(pending));
  } catch {
    // Storage full or refused (private mode): the outbox still works for this page's life.
  }
}

function isPending(item: unknown): item is PendingMessage {
  if (typeof item !== "object" || item === null) return false;
  const candidate = item as Partial<PendingMessage>;
  return (
    typeof candidate.clientMsgId === "string" &&
    typeof candidate.room === "string" &&
    typeof candidate.text === "string" &&
    typeof candidate.queuedAt === "number"
  );
}
