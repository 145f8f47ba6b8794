import type { SearchHit, SearchQuery, SearchResponse } from "@natter/protocol";
import { useCallback, useRef, useState } from "react";
import { useErrorText } from "../i18n/errorText";
import { toSearchQuery, type SearchForm } from "./searchQuery";

export type SearchFn = (query: SearchQuery) => Promise<SearchResponse>;

export interface SearchState {
  /** The query the results are for, to highlight its words. */
  query: string;
  hits: SearchHit[];
  hasMore: boolean;
  status: "idle" | "searching" | "done" | "failed";
  error: string | null;
}

const idle: SearchState = { query: "", hits: [], hasMore: false, status: "idle", error: null };

/** Runs searches; an answer that arrives after a newer search started is dropped. */
export function useSearch(search: SearchFn) {
  const [state, setState] = useState<SearchState>(idle);
  const errorText = useErrorText();
  const latest = useRef(0);
  const lastForm = useRef<SearchForm | null>(null);

  const run = useCallback(
    async (form: SearchForm, append: boolean) => {
      const ticket = ++latest.current;
      const before = append ? state.hits.at(-1)?.message.id : undefined;
      setState((current) => ({ ...current, status: "searching", error: null, ...(append ? {} : { hits: [], hasMore: false, query: form.q.trim() }) }));
      try {
        const answer = await search(toSearchQuery(form, before));
        if (ticket !== latest.current) return;
        setState((current) => ({
          query: form.q.trim(),
          hits: append ? [...current.hits, ...answer.results] : answer.results,
          hasMore: answer.hasMore,
          status: "done",
          error: null,
        }));
      } catch (error) {
        if (ticket !== latest.current) return;
        setState((current) => ({ ...current, status: "failed", error: errorText(error) }));
      }
    },
    [search, state.hits, errorText],
  );

  const submit = useCallback(
    (form: SearchForm) => {
      if (form.q.trim().length === 0) return;
      lastForm.current = form;
      void run(form, false);
    },
    [run],
  );

  const more = useCallback(() => {
    if (lastForm.current) void run(lastForm.current, true);
  }, [run]);

  return { state, submit, more };
}
