// After a space or at the start, so "12:30" and "http://" never open the list; two characters before it does.
const SHORTCODE_BEING_TYPED = /(?:^|\s):([a-z0-9_+-]{2,})$/i;

/** The `:shortcode` being typed just before the caret, if any: "nice :thu" → { query: "thu", start: 5 }. */
export function shortcodeQuery(textBeforeCaret: string): { query: string; start: number } | null {
  const match = SHORTCODE_BEING_TYPED.exec(textBeforeCaret);
  const query = match?.[1];
  if (!query) return null;
  return { query, start: textBeforeCaret.length - query.length - 1 };
}

/** The text with the `:query` at `start` replaced by the emoji, and where the caret goes after it. */
export function insertEmojiForShortcode(text: string, caret: number, start: number, emoji: string): { text: string; caret: number } {
  return { text: text.slice(0, start) + emoji + text.slice(caret), caret: start + emoji.length };
}
