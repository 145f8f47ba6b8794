import type { Message } from "@natter/protocol";
import type { ChatStore } from "../chat/chatStore";

const MAX_PAGES = 200;

interface Navigation {
  store: ChatStore;
  jumpTo(seq: number): void;
  openThread(root: Message): void;
}

/**
 * Opens a found message in its room: switches to the room, loads history back to the message's seq
 * (contiguous with what is loaded, so the timeline has no gap), then scrolls to it and flashes it.
 * A reply posted only to its thread is shown in its thread, beside its first message.
 */
export async function showMessage({ store, jumpTo, openThread }: Navigation, message: Message): Promise<void> {
  const room = message.room;
  const threadRoot = message.inRoom ? null : message.replyTo;
  await showSeq({ store, jumpTo }, room, threadRoot ? threadRoot.seq : message.seq);
  const root = threadRoot && store.getState().views[room]?.messages.find((known) => known.id === threadRoot.id);
  if (root) openThread(root);
}

/** Opens the room, loads its history back to `seq`, and scrolls to that message (a push's link asks this). */
export async function showSeq({ store, jumpTo }: Omit<Navigation, "openThread">, room: string, seq: number): Promise<void> {
  if (store.getState().views[room]) store.select(room);
  else await store.joinRoom(room);
  await nextFrame();
  await loadBackTo(store, room, seq);
  // The list draws only the rows near the view: it scrolls to the message itself once the message is loaded.
  if (store.getState().views[room]?.messages.some((known) => known.seq === seq)) jumpTo(seq);
  // A message deleted, purged or never there reads as a room one may not see would: not found.
  else if (store.getState().views[room]) store.showFailure(Object.assign(new Error(`No message ${seq} in ${room}`), { code: "NOT_FOUND" }));
}

/** Loads older pages of the room until the message with this seq is loaded (or the room's beginning). */
export async function loadBackTo(store: ChatStore, room: string, seq: number): Promise<void> {
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const view = store.getState().views[room];
    const oldest = view?.messages[0];
    if (!view || !view.hasOlder || (oldest && oldest.seq <= seq)) return;
    // A page the list itself asked for is on its way: let it land rather than skip it.
    if (view.loadingOlder) {
      await delay(50);
      continue;
    }
    await store.loadOlder(room);
    const after = store.getState().views[room];
    // The list may have asked for the same page meanwhile: wait for it rather than read no progress as a failure.
    if (after?.loadingOlder) continue;
    // A failed page leaves the oldest message where it was (the store shows the error): stop there.
    if (after?.messages[0]?.seq === oldest?.seq) return;
  }
}

export function nextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve()));
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => window.setTimeout(resolve, ms));
}
