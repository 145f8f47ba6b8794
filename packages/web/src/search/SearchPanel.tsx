import { X } from "lucide-react";
import type { Message } from "@natter/protocol";
import { useCallback, useState } from "react";
import { useChat } from "../chat/ChatContext";
import { SearchFilters } from "./SearchFilters";
import { emptySearchForm, type SearchForm } from "./searchQuery";
import { SearchResult } from "./SearchResult";
import { showMessage } from "./showMessage";
import { useSearchText } from "./text";
import { useSearch } from "./useSearch";

/** Search over every room and DM the user is in, beside the room; a result opens the message in context. */
export function SearchPanel({ onClose }: { onClose(): void }) {
  const text = useSearchText();
  const { store, jumpTo, openThread } = useChat();
  const [form, setForm] = useState<SearchForm>(emptySearchForm);
  const { state, submit, more } = useSearch(store.server.search);
  const open = useCallback((message: Message) => void showMessage({ store, jumpTo, openThread }, message), [store, jumpTo, openThread]);

  return (
    <aside className="thread search-panel" aria-label={text.title} data-testid="search-panel" onKeyDown={(event) => event.key === "Escape" && onClose()}>
      <header>
        <h2>{text.title}</h2>
        <button type="button" className="icon" aria-label={text.close} onClick={onClose} data-testid="close-search">
          <X />
        </button>
      </header>
      <form
        className="search-form"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          submit(form);
        }}
      >
        <div className="row">
          <input
            type="search"
            aria-label={text.query}
            placeholder={text.placeholder}
            value={form.q}
            maxLength={200}
            autoFocus
            onChange={(event) => setForm({ ...form, q: event.target.value })}
            data-testid="search-input"
          />
          <button type="submit" disabled={form.q.trim().length === 0} data-testid="search-submit">
            {text.submit}
          </button>
        </div>
        <SearchFilters form={form} onChange={setForm} />
      </form>
      <div className="search-results" aria-label={text.results} aria-busy={state.status === "searching"}>
        {state.status === "failed" && (
          <p className="upload-error" role="alert" data-testid="search-error">
            {state.error}
          </p>
        )}
        {state.status === "done" && state.hits.length === 0 && (
          <p className="meta" role="status" data-testid="search-empty">
            {text.noResults}
          </p>
        )}
        <ol>
          {state.hits.map((hit) => (
            <li key={hit.message.id}>
              <SearchResult message={hit.message} query={state.query} onOpen={open} />
            </li>
          ))}
        </ol>
        {state.status === "searching" && (
          <p className="meta" role="status">
            {text.searching}
          </p>
        )}
        {state.status === "done" && state.hasMore && (
          <button type="button" className="small" onClick={more} data-testid="search-more">
            {text.more}
          </button>
        )}
      </div>
    </aside>
  );
}
