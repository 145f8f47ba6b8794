import { loadEmojiIndex } from "./emojiData";

// A whole `:name:`, not glued to a word before it, so "12:30:45" and "a:b:c" stay as written.
const FULL_SHORTCODE = /(?<![\p{L}\p{N}_]):([a-z0-9_+-]{1,64}):/giu;

export type ShortcodeLookup = (shortcode: string) => string | undefined;

let known: ShortcodeLookup | undefined;
let loading: Promise<ShortcodeLookup> | undefined;

/** Whether `text` holds something shaped like `:name:`; only then is the emoji index worth loading. */
export function hasFullShortcode(text: string): boolean {
  FULL_SHORTCODE.lastIndex = 0;
  return FULL_SHORTCODE.test(text);
}

/** Every `:name:` that names an emoji becomes that emoji; unknown names stay as typed. */
export function replaceShortcodes(text: string, lookup: ShortcodeLookup): string {
  return text.replace(FULL_SHORTCODE, (whole, name: string) => lookup(name.toLowerCase()) ?? whole);
}

/**
 * Replaces the shortcodes on each side of the caret, so the caret stays after what was typed; one that the
 * caret splits is not finished yet and stays.
 */
export function replaceShortcodesAround(text: string, caret: number, lookup: ShortcodeLookup): { text: string; caret: number } {
  const before = replaceShortcodes(text.slice(0, caret), lookup);
  return { text: before + replaceShortcodes(text.slice(caret), lookup), caret: before.length };
}

/** The lookup, once the emoji index has loaded (see loadShortcodes); undefined until then. */
export function loadedShortcodes(): ShortcodeLookup | undefined {
  return known;
}

/** Loads the English index (shortcodes are English in every locale) and keeps its shortcodes for sync use. */
export function loadShortcodes(): Promise<ShortcodeLookup> {
  loading ??= loadEmojiIndex("en").then(
    (index) => {
      const map = new Map<string, string>();
      for (const entry of index.entries) for (const code of entry.shortcodes) if (!map.has(code)) map.set(code, entry.emoji);
      const lookup = (name: string) => map.get(name);
      known = lookup;
      return lookup;
    },
    (error: unknown) => {
      // A failed chunk load must not stick: the next message that needs it tries again.
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
