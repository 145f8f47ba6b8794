import type { Emoji, ShortcodesDataset } from "emojibase";

export type EmojiLocale = "en" | "zh-CN";

/** One emoji as the picker and search see it. */
export interface EmojiEntry {
  emoji: string;
  hexcode: string;
  /** Its name in the index's locale. */
  label: string;
  /** Without colons, GitHub's names first (":+1:", ":thumbsup:"), then emojibase's. */
  shortcodes: string[];
  /** Lower-cased names in every language the index searches. */
  names: string[];
  /** Lower-cased names and tags in every language the index searches. */
  keywords: string[];
  /** The same emoji in skin tones 1–5 (index 0 is tone 1); empty when it has none. */
  skins: string[];
  order: number;
}

export interface EmojiIndex {
  entries: EmojiEntry[];
  /** Any form of an emoji (with or without U+FE0F, any skin tone) to its entry. */
  byEmoji: Map<string, EmojiEntry>;
}

const COMPONENTS_GROUP = 2;
const VARIATION_SELECTOR = /\uFE0F/g;

// Each dataset is its own chunk, fetched on first use: together they are about 1 MB.
const loadEnglish = () => import("emojibase-data/en/data.json").then((module) => module.default);
const loadChinese = () => import("emojibase-data/zh/data.json").then((module) => module.default);
const loadGithubShortcodes = () => import("emojibase-data/en/shortcodes/github.json").then((module) => module.default);
const loadEmojibaseShortcodes = () => import("emojibase-data/en/shortcodes/emojibase.json").then((module) => module.default);

const indexes = new Map<EmojiLocale, Promise<EmojiIndex>>();

/** The emoji index for a locale; Chinese also searches the English names, which many people type. */
export function loadEmojiIndex(locale: EmojiLocale): Promise<EmojiIndex> {
  let index = indexes.get(locale);
  if (!index) {
    index = buildIndex(locale);
    // A failed chunk load must not stick: the next call tries again.
    index.catch(() => indexes.delete(locale));
    indexes.set(locale, index);
  }
  return index;
}

/** The emoji without U+FE0F, so "👍" and "👍️" are one key. */
export function emojiKey(emoji: string): string {
  return emoji.replace(VARIATION_SELECTOR, "");
}

async function buildIndex(locale: EmojiLocale): Promise<EmojiIndex> {
  const [english, chinese, github, emojibase] = await Promise.all([
    loadEnglish(),
    locale === "zh-CN" ? loadChinese() : Promise.resolve(undefined),
    loadGithubShortcodes(),
    loadEmojibaseShortcodes(),
  ]);
  const chineseByHexcode = new Map((chinese ?? []).map((emoji) => [emoji.hexcode, emoji]));
  const entries = english
    .filter((emoji) => emoji.group !== undefined && emoji.group !== COMPONENTS_GROUP)
    .map((emoji) => toEntry(emoji, chineseByHexcode.get(emoji.hexcode), [github, emojibase]))
    .sort((a, b) => a.order - b.order);
  const byEmoji = new Map<string, EmojiEntry>();
  for (const entry of entries) {
    for (const form of [entry.emoji, ...entry.skins]) byEmoji.set(emojiKey(form), entry);
  }
  return { entries, byEmoji };
}

function toEntry(english: Emoji, chinese: Emoji | undefined, shortcodeSets: ShortcodesDataset[]): EmojiEntry {
  const languages = [english, ...(chinese ? [chinese] : [])];
  const names = languages.map((emoji) => emoji.label.toLowerCase());
  const tags = languages.flatMap((emoji) => emoji.tags ?? []).map((tag) => tag.toLowerCase());
  const shortcodes = shortcodeSets.flatMap((set) => asList(set[english.hexcode]));
  return {
    emoji: english.emoji,
    hexcode: english.hexcode,
    label: (chinese ?? english).label,
    shortcodes: [...new Set(shortcodes)],
    names,
    keywords: [...new Set([...names, ...tags])],
    skins: (english.skins ?? []).filter((skin) => typeof skin.tone === "number").map((skin) => skin.emoji),
    order: english.order ?? Number.MAX_SAFE_INTEGER,
  };
}

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === "string" ? [value] : value;
}
