import { ROOM_MENTIONS } from "@natter/protocol";

/** The `@name` being typed just before the caret, if any: "hi @al" → { query: "al", start: 3 }. */
export function mentionQuery(textBeforeCaret: string): { query: string; start: number } | null {
  const match = /(?:^|\s)@([\p{L}\p{M}\p{N}_.-]*)$/u.exec(textBeforeCaret);
  if (!match) return null;
  const query = match[1] ?? "";
  return { query, start: textBeforeCaret.length - query.length - 1 };
}

const MAX_SUGGESTIONS = 6;

/** Names starting with the query first, then names containing it; `room` notifies everyone. */
export function mentionSuggestions(query: string, names: readonly string[], self: string, displayNames: Readonly<Record<string, string>> = {}): string[] {
  const wanted = query.toLowerCase();
  const candidates = [...new Set([...names, ROOM_MENTIONS[0]])].filter((name) => name !== self);
  const starts = candidates.filter((name) => name.toLowerCase().startsWith(wanted));
  // A display name (张伟 for zhangwei) finds its person too, after the usernames that begin with the text.
  const contains = candidates.filter((name) => !name.toLowerCase().startsWith(wanted) && `${name}\n${displayNames[name] ?? ""}`.toLowerCase().includes(wanted));
  return [...starts.sort(), ...contains.sort()].slice(0, MAX_SUGGESTIONS);
}

/** The text with the `@query` at `start` replaced by the chosen name and a space. */
export function completeMention(text: string, caret: number, start: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  return { text: text.slice(0, start) + inserted + text.slice(caret), caret: start + inserted.length };
}
