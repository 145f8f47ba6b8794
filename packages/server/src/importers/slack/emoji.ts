import { createRequire } from "node:module";

/** Slack's emoji names are iamcal's emoji-data names; emojibase ships that table (hexcode → name or names). */
const table = createRequire(import.meta.url)("emojibase-data/en/shortcodes/iamcal.json") as Record<string, string | string[]>;
let byName: Map<string, string> | undefined;

/** Skin tones 2–6 are the five Fitzpatrick modifiers. */
const TONE = /^skin-tone-([2-6])$/;

/** The emoji a Slack reaction name stands for ("+1", "thumbsup::skin-tone-3"); undefined for a workspace's custom one. */
export function emojiOf(name: string): string | undefined {
  byName ??= new Map(
    Object.entries(table).flatMap(([hex, names]) =>
      [names].flat().map((n) => [n, String.fromCodePoint(...hex.split("-").map((part) => parseInt(part, 16)))] as const),
    ),
  );
  const [base = "", modifier] = name.split("::");
  const emoji = byName.get(base);
  const tone = modifier?.match(TONE)?.[1];
  if (emoji === undefined || tone === undefined) return emoji;
  const [first = "", ...rest] = [...emoji];
  return first + String.fromCodePoint(0x1f3fb + Number(tone) - 2) + rest.filter((c) => c !== "\ufe0f").join("");
}
