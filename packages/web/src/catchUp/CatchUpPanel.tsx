import { X } from "lucide-react";
import type { ReactNode } from "react";
import { useCatchUpText } from "./text";
import type { Pages } from "./usePages";

interface CatchUpPanelProps {
  title: string;
  closeLabel: string;
  empty: string;
  pages: Pages<unknown>;
  onClose(): void;
  testId: string;
  children: ReactNode;
}

/** The frame both catch-up views share beside the room: a heading, the list, older pages, Escape closes. */
export function CatchUpPanel({ title, closeLabel, empty, pages, onClose, testId, children }: CatchUpPanelProps) {
  const text = useCatchUpText();
  return (
    <aside className="thread search-panel" aria-label={title} data-testid={testId} onKeyDown={(event) => event.key === "Escape" && onClose()}>
      <header>
        <h2>{title}</h2>
        <button type="button" className="icon" aria-label={closeLabel} onClick={onClose} data-testid="close-catch-up" autoFocus>
          <X />
        </button>
      </header>
      <div className="search-results" aria-busy={pages.status === "loading"}>
        {pages.status === "done" && pages.items.length === 0 && (
          <p className="meta" role="status">
            {empty}
          </p>
        )}
        <ol>{children}</ol>
        {pages.status === "loading" && (
          <p className="meta" role="status">
            {text.loading}
          </p>
        )}
        {pages.status === "done" && pages.hasMore && (
          <button type="button" className="small" onClick={pages.more} data-testid="catch-up-more">
            {text.more}
          </button>
        )}
      </div>
    </aside>
  );
}
