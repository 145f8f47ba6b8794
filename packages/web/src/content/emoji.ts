import { emojiKey, loadEmojiIndex, type EmojiEntry, type EmojiIndex, type EmojiLocale } from "./emojiData";
import type { SkinTone } from "./emojiPreferences";

export { emojiKey, loadEmojiIndex, type EmojiEntry, type EmojiIndex, type EmojiLocale } from "./emojiData";
export {
  preferredSkinTone,
  recentEmoji,
  rememberEmoji,
  setPreferredSkinTone,
  RECENT_LIMIT,
  SKIN_TONES,
  type PreferenceStore,
  type SkinTone,
} from "./emojiPreferences";

export interface ShortcodeSuggestion {
  shortcode: string;
  emoji: string;
  label: string;
}

// Its own name first (":smile:" is 😄, "猫" is 🐈), then a tag, then the start or the middle of any word.
const MATCH = { name: 0, tag: 1, prefix: 2, contains: 3 } as const;
type Match = (typeof MATCH)[keyof typeof MATCH];

/** Emoji whose shortcodes, names or tags match `query` (English, and Chinese for zh-CN); best matches first. */
export async function searchEmoji(query: string, locale: EmojiLocale, limit = 48): Promise<EmojiEntry[]> {
  return searchIndex(await loadEmojiIndex(locale), query, limit);
}

export function searchIndex(index: EmojiIndex, query: string, limit: number): EmojiEntry[] {
  const needle = normalizeQuery(query);
  if (!needle) return [];
  return index.entries
    .map((entry) => ({ entry, match: matchEntry(entry, needle) }))
    .filter((candidate): candidate is { entry: EmojiEntry; match: Match } => candidate.match !== undefined)
    .sort((a, b) => a.match - b.match || a.entry.order - b.entry.order)
    .slice(0, limit)
    .map((candidate) => candidate.entry);
}

/** Suggestions for a `:shortcode` being typed (":thu" or "thu"): exact name first, then in emoji order. */
export async function completeShortcode(prefix: string, limit = 8): Promise<ShortcodeSuggestion[]> {
  const needle = normalizeQuery(prefix);
  if (!needle) return [];
  const index = await loadEmojiIndex("en");
  const suggestions: { suggestion: ShortcodeSuggestion; exact: boolean; order: number }[] = [];
  for (const entry of index.entries) {
    const shortcode = entry.shortcodes.find((code) => code.startsWith(needle));
    if (!shortcode) continue;
    const exact = entry.shortcodes.includes(needle);
    const suggestion = { shortcode: exact ? needle : shortcode, emoji: entry.emoji, label: entry.label };
    suggestions.push({ suggestion, exact, order: entry.order });
  }
  return suggestions
    .sort((a, b) => Number(b.exact) - Number(a.exact) || a.order - b.order)
    .slice(0, limit)
    .map((candidate) => candidate.suggestion);
}

/** The emoji in the chosen skin tone, or as it is when it has no skin tones. */
export function withSkinTone(entry: EmojiEntry, tone: SkinTone): string {
  return tone === 0 ? entry.emoji : (entry.skins[tone - 1] ?? entry.emoji);
}

/** The entry for an emoji in any of its forms, e.g. to label a recently used one. */
export function findEmoji(index: EmojiIndex, emoji: string): EmojiEntry | undefined {
  return index.byEmoji.get(emojiKey(emoji));
}

function normalizeQuery(query: string): string {
  return query
    .trim()
    .replace(/^:+|:+$/g, "")
    .toLowerCase();
}

function matchEntry(entry: EmojiEntry, needle: string): Match | undefined {
  if (entry.shortcodes.includes(needle) || entry.names.includes(needle)) return MATCH.name;
  const words = [...entry.shortcodes, ...entry.keywords];
  if (words.includes(needle)) return MATCH.tag;
  if (words.some((word) => word.startsWith(needle))) return MATCH.prefix;
  if (words.some((word) => word.includes(needle))) return MATCH.contains;
  return undefined;
}
