import type { Message } from "@natter/protocol";
import { useState, useSyncExternalStore } from "react";

/** A message to open for editing from outside it (↑ in an empty composer), and where focus goes back after. */
interface EditRequest {
  messageId: number;
  inThread: boolean;
  returnFocusTo: HTMLElement | null;
}

let request: EditRequest | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function setRequest(next: EditRequest | null): void {
  request = next;
  for (const listener of listeners) listener();
}

/** Opens the edit form of a message shown in the room (or in the thread panel, with `inThread`). */
export function requestEdit(messageId: number, inThread: boolean, returnFocusTo: HTMLElement | null): void {
  setRequest({ messageId, inThread, returnFocusTo });
}

/**
 * A message's editing state: opened by its own Edit action or by a request. Closing a requested edit gives focus
 * back to the composer it came from, so ↑, Enter, typing goes on without the mouse.
 */
export function useEditing(messageId: number, inThread: boolean): [boolean, (editing: boolean) => void] {
  const requested = useSyncExternalStore(subscribe, () => request?.messageId === messageId && request.inThread === inThread);
  const [own, setOwn] = useState(false);
  const setEditing = (editing: boolean) => {
    setOwn(editing);
    if (editing || !requested || !request) return;
    const { returnFocusTo } = request;
    setRequest(null);
    returnFocusTo?.focus();
  };
  return [own || requested, setEditing];
}

/** The message ↑ edits: my newest one not deleted, among those the composer's list shows (the room's, or one thread's). */
export function lastEditable(messages: readonly Message[], meId: number, replyTo: number | undefined): Message | undefined {
  return messages.findLast(
    (message) => message.author.id === meId && !message.deleted && (replyTo === undefined ? message.inRoom : message.replyTo?.id === replyTo),
  );
}
