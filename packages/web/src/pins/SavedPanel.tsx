import type { SavedMessage } from "@natter/protocol";
import { useCallback, useEffect, useState } from "react";
import { useChat } from "../chat/ChatContext";
import { CatchUpEntry } from "../catchUp/CatchUpEntry";
import { CatchUpPanel } from "../catchUp/CatchUpPanel";
import { showMessage } from "../search/showMessage";
import { usePinsText } from "./text";

/** The reader's saved messages, newest saved first, page by page; one opens the message, another unsaves it. */
export function SavedPanel({ onClose }: { onClose(): void }) {
  const text = usePinsText();
  const { store, jumpTo, openThread } = useChat();
  const [items, setItems] = useState<SavedMessage[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [status, setStatus] = useState<"loading" | "done" | "failed">("loading");

  const load = useCallback(
    (before: string | undefined) => {
      setStatus("loading");
      store.server.staples.saved({ before }).then(
        (page) => {
          setItems((shown) => (before === undefined ? page.saved : [...shown, ...page.saved]));
          setNext(page.nextBefore);
          setStatus("done");
        },
        (failure: unknown) => {
          setStatus("failed");
          store.showFailure(failure);
        },
      );
    },
    [store],
  );
  useEffect(() => load(undefined), [load]);

  const unsave = async (id: number) => {
    try {
      await store.server.staples.unsave(id);
      setItems((shown) => shown.filter((saved) => saved.message.id !== id));
    } catch (failure) {
      store.showFailure(failure);
    }
  };

  const pages = { items, hasMore: next !== null, status, more: () => next && load(next) };
  return (
    <CatchUpPanel title={text.saved} closeLabel={text.closeSaved} empty={text.noSaved} pages={pages} onClose={onClose} testId="saved-panel">
      {items.map((saved) => (
        <li key={saved.message.id} className="pin">
          <CatchUpEntry message={saved.message} unread={false} onOpen={() => void showMessage({ store, jumpTo, openThread }, saved.message)} testId="saved" />
          <button type="button" className="small" onClick={() => void unsave(saved.message.id)} data-testid="unsave">
            {text.unsave}
          </button>
        </li>
      ))}
    </CatchUpPanel>
  );
}
