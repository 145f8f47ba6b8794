import type { Mention } from "@natter/protocol";
import { useCallback } from "react";
import { useChat } from "../chat/ChatContext";
import { showMessage } from "../search/showMessage";
import { CatchUpEntry } from "./CatchUpEntry";
import { CatchUpPanel } from "./CatchUpPanel";
import { useCatchUpText } from "./text";
import { usePages } from "./usePages";

const byMessageId = (mention: Mention) => mention.message.id;

/** Every mention of the reader in their rooms, newest first, the unread ones marked; one opens the message in its room. */
export function MentionsPanel({ onClose }: { onClose(): void }) {
  const text = useCatchUpText();
  const { store, jumpTo, openThread } = useChat();
  const fetch = useCallback(
    (before: number | undefined) => store.server.mentions({ before }).then((page) => ({ items: page.mentions, hasMore: page.hasMore })),
    [store],
  );
  const pages = usePages(fetch, byMessageId);
  return (
    <CatchUpPanel title={text.mentions} closeLabel={text.closeMentions} empty={text.noMentions} pages={pages} onClose={onClose} testId="mentions-panel">
      {pages.items.map((mention) => (
        <li key={mention.message.id}>
          <CatchUpEntry
            message={mention.message}
            unread={mention.unread}
            onOpen={() => void showMessage({ store, jumpTo, openThread }, mention.message)}
            testId="mention"
          />
        </li>
      ))}
    </CatchUpPanel>
  );
}
