import type { CustomEmoji } from "@natter/protocol";
import { useSyncExternalStore } from "react";
import type { ShortcodeSuggestion } from "./emoji";

/**
 * The server's custom emoji, for everything that draws or offers them (messages, reactions, the picker,
 * completion). The chat store sets it from GET /api/emoji and from each `custom_emoji` event.
 */
let current: ReadonlyMap<string, CustomEmoji> = new Map();
const listeners = new Set<() => void>();

export function setCustomEmoji(list: readonly CustomEmoji[]): void {
  current = new Map(list.map((emoji) => [emoji.name, emoji]));
  for (const listener of listeners) listener();
}

/** The custom emoji a `:name:` code stands for, if the server has one of that name. */
export function customEmojiOf(code: string): CustomEmoji | undefined {
  const name = /^:([a-z0-9_+-]{2,32}):$/.exec(code)?.[1];
  return name === undefined ? undefined : current.get(name);
}

export function customEmojiNamed(name: string): CustomEmoji | undefined {
  return current.get(name);
}

/** Re-renders when an admin adds or deletes one, on any node. */
export function useCustomEmoji(): ReadonlyMap<string, CustomEmoji> {
  return useSyncExternalStore(subscribe, () => current);
}

/** Completion for `:par` typed: custom emoji whose name starts with it, before the built-in ones. */
export function completeCustomEmoji(prefix: string, limit = 4): ShortcodeSuggestion[] {
  const needle = prefix.replace(/^:+|:+$/g, "").toLowerCase();
  if (!needle) return [];
  return [...current.values()]
    .filter((emoji) => emoji.name.startsWith(needle))
    .slice(0, limit)
    .map((emoji) => ({ shortcode: emoji.name, emoji: `:${emoji.name}:`, label: emoji.name }));
}

/** A custom emoji drawn inline: its code is the alternative text, so copying or a screen reader gets `:name:`. */
export function CustomEmojiImage({ emoji }: { emoji: CustomEmoji }) {
  return <img className="custom-emoji" src={emoji.url} alt={`:${emoji.name}:`} title={`:${emoji.name}:`} draggable={false} />;
}

/** An emoji as shown in a reaction or the picker: a custom one's image, or the character itself. */
export function EmojiGlyph({ emoji }: { emoji: string }) {
  useCustomEmoji();
  const custom = customEmojiOf(emoji);
  return custom ? <CustomEmojiImage emoji={custom} /> : <>{emoji}</>;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
