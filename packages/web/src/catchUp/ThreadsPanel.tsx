import type { ThreadSummary } from "@natter/protocol";
import { useCallback } from "react";
import { useChat, useChatState } from "../chat/ChatContext";
import { showMessage } from "../search/showMessage";
import { CatchUpEntry } from "./CatchUpEntry";
import { CatchUpPanel } from "./CatchUpPanel";
import { useCatchUpText } from "./text";
import { usePages } from "./usePages";

const byLastReply = (thread: ThreadSummary) => thread.lastReplyId;

/** Threads the reader started, answered or was mentioned in, most recently answered first; one opens beside its room. */
export function ThreadsPanel({ onClose }: { onClose(): void }) {
  const text = useCatchUpText();
  const { store, jumpTo, openThread } = useChat();
  const { threads: followed } = useChatState();
  const fetch = useCallback(
    (before: number | undefined) => store.server.threads({ before }).then((page) => ({ items: page.threads, hasMore: page.hasMore })),
    [store],
  );
  const pages = usePages(fetch, byLastReply);
  return (
    <CatchUpPanel title={text.threads} closeLabel={text.closeThreads} empty={text.noThreads} pages={pages} onClose={onClose} testId="threads-panel">
      {pages.items.map((thread) => {
        // What arrived since the page was read is counted live by the store.
        const unread = followed[thread.root.id] ?? thread.unreadReplies;
        return (
          <li key={thread.root.id}>
            <CatchUpEntry
              message={thread.root}
              unread={unread > 0}
              note={unread > 0 ? text.unreadReplies(unread) : text.replies(thread.root.replyCount)}
              onOpen={() => void showMessage({ store, jumpTo, openThread }, thread.root).then(() => openThread(thread.root))}
              testId="thread-entry"
            />
          </li>
        );
      })}
    </CatchUpPanel>
  );
}
