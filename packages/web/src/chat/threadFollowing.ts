import type { NatterClient } from "@natter/client";
import type { Message } from "@natter/protocol";
import type { ChatState } from "./chatState";
import { countThreadReply } from "./transitions";

/** The Threads view's badge counts replies in up to this many of the reader's most recently answered threads. */
const THREADS_FOLLOWED = 100;

/**
 * Which threads the reader follows and how many replies in each are new: read from the server at start,
 * counted live as replies arrive, and marked read (on the server too) while a thread is on screen.
 */
export class ThreadFollowing {
  private openId: number | null = null;

  constructor(
    private readonly client: NatterClient,
    private readonly state: () => ChatState,
    private readonly set: (next: ChatState) => void,
  ) {}

  async load(): Promise<void> {
    const { threads } = await this.client.threads({ limit: THREADS_FOLLOWED }).catch(() => ({ threads: [] }));
    const loaded = Object.fromEntries(threads.map((thread) => [thread.root.id, thread.unreadReplies]));
    // Replies counted live while the page was on its way are newer than it.
    this.set({ ...this.state(), threads: { ...loaded, ...this.state().threads } });
  }

  /** A new message, already folded into the state: a reply may count in a thread the reader follows. */
  received(state: ChatState, message: Message): ChatState {
    return countThreadReply(state, message, this.openId);
  }

  /** A thread on screen (null: none): read up to the newest reply shown, and new ones do not count while it stays open. */
  opened(root: Message | null, lastSeq = 0): void {
    this.openId = root?.id ?? null;
    const state = this.state();
    if (!root || state.threads[root.id] === undefined) return;
    this.set({ ...state, threads: { ...state.threads, [root.id]: 0 } });
    this.client.markThreadRead(root.room, root.id, lastSeq).catch(() => undefined);
  }
}
