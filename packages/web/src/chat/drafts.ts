export type DraftStore = Pick<Storage, "getItem" | "setItem" | "removeItem">;

const PREFIX = "natter.draft.";

/** Where a composer's draft lives: per account, per room, and per thread inside a room. */
export interface DraftPlace {
  userId: number;
  room: string;
  replyTo?: number;
}

/**
 * The words left in a composer, kept in localStorage so they survive switching rooms and reloading. The key is
 * JSON, so a room called "a.1" can never meet the thread 1 of room "a".
 */
export function loadDraft(place: DraftPlace, store: DraftStore = localStorage): string {
  try {
    return store.getItem(draftKey(place)) ?? "";
  } catch {
    return "";
  }
}

/** Keeps `text` as the draft; an empty composer (a sent message included) leaves no draft behind. */
export function saveDraft(place: DraftPlace, text: string, store: DraftStore = localStorage): void {
  try {
    if (text.trim() === "") store.removeItem(draftKey(place));
    else store.setItem(draftKey(place), text);
  } catch {
    // Storage full or refused (private mode): the draft lives as long as the page.
  }
}

function draftKey({ userId, room, replyTo }: DraftPlace): string {
  return PREFIX + JSON.stringify([userId, room, replyTo ?? null]);
}
