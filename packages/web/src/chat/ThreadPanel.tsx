import { X } from "lucide-react";
import type { Message } from "@natter/protocol";
import { useEffect, useState } from "react";
import { useI18n } from "../i18n/I18n";
import { MessageItem } from "../messages/MessageItem";
import { PendingItems } from "../messages/PendingItem";
import { useChat, useChatState } from "./ChatContext";
import { Composer } from "./Composer";
import { mergeMessages } from "./timeline";

/** A message and its replies beside the room; live replies come from the room's own stream. */
export function ThreadPanel({ root, onClose }: { root: Message; onClose(): void }) {
  const { t } = useI18n();
  const { store } = useChat();
  const state = useChatState();
  const [fetched, setFetched] = useState<Message[]>([]);
  useEffect(() => {
    let live = true;
    store.server.thread(root.room, root.id).then(
      (result) => live && setFetched([result.root, ...result.replies]),
      () => undefined,
    );
    return () => void (live = false);
  }, [store, root.room, root.id]);
  const known = (state.views[root.room]?.messages ?? []).filter((message) => message.id === root.id || message.replyTo?.id === root.id);
  const thread = mergeMessages(mergeMessages([root], fetched), known);
  const pending = state.pending.filter((item) => item.replyTo === root.id);
  const lastSeq = thread.at(-1)?.seq ?? root.seq;
  // On screen means read: up to the newest reply shown, again as each new one arrives.
  useEffect(() => store.threads.opened(root, lastSeq), [store, root, lastSeq]);
  useEffect(() => () => store.threads.opened(null), [store]);
  return (
    <aside className="thread" aria-label={t.thread} data-testid="thread">
      <header>
        <h2>{t.thread}</h2>
        <button type="button" className="icon" aria-label={t.closeThread} onClick={onClose} data-testid="close-thread">
          <X />
        </button>
      </header>
      <ol>
        {thread.map((message) => (
          <li key={message.id}>
            <MessageItem message={message} inThread />
          </li>
        ))}
        <PendingItems pending={pending} />
      </ol>
      <Composer room={root.room} replyTo={root.id} testId="thread-composer" />
    </aside>
  );
}
