import { useEffect, useState, type RefObject } from "react";
import { completeCustomEmoji, completeShortcode, insertEmojiForShortcode, shortcodeQuery, type ShortcodeSuggestion } from "../content";
import { handleCompletionKey, placeCaret, type Completion } from "./completion";

interface Found {
  query: string;
  suggestions: ShortcodeSuggestion[];
}

/** `:shortcode` completion (":smi" offers 😄 :smile:…): the emoji index loads the first time one is typed. */
export function useShortcodeCompletion(input: RefObject<HTMLTextAreaElement | null>, setText: (text: string) => void): Completion {
  const [query, setQuery] = useState<{ query: string; start: number } | null>(null);
  const [found, setFound] = useState<Found>({ query: "", suggestions: [] });
  const [active, setActive] = useState(0);
  const term = query?.query;

  useEffect(() => {
    if (term === undefined) return;
    let live = true;
    // Suggestions are a convenience: if the emoji data cannot load, typing simply goes on.
    completeShortcode(term).then(
      (suggestions) => live && setFound({ query: term, suggestions: [...completeCustomEmoji(term), ...suggestions] }),
      () => undefined,
    );
    return () => void (live = false);
  }, [term]);

  const suggestions = term !== undefined && found.query === term ? found.suggestions : [];

  function refresh() {
    const element = input.current;
    const next = element ? shortcodeQuery(element.value.slice(0, element.selectionStart)) : null;
    setQuery(next);
    if (next?.query !== term) setActive(0);
  }

  function pick(index: number) {
    const element = input.current;
    const chosen = suggestions[index];
    if (!element || !query || !chosen) return;
    const done = insertEmojiForShortcode(element.value, element.selectionStart, query.start, chosen.emoji);
    setText(done.text);
    setQuery(null);
    placeCaret(element, done);
  }

  const close = () => setQuery(null);
  return {
    // A custom emoji's "emoji" is its :name: code, shown once.
    options: suggestions.map((suggestion) => ({
      key: suggestion.emoji,
      text: suggestion.emoji.startsWith(":") ? suggestion.emoji : `${suggestion.emoji} :${suggestion.shortcode}:`,
    })),
    active,
    onKeyDown: (event) => handleCompletionKey(event, { count: suggestions.length, active, setActive, pick, close }),
    pick,
    refresh,
    close,
  };
}
