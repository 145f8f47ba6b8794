/**
 * Where the full emoji picker plugs in (src/content's EmojiPicker, lazy-loaded) once it lands;
 * until then the quick reactions and the keyboard's own emoji input cover it.
 */
export function EmojiSlot(_props: { onPick(emoji: string): void; label: string }) {
  return null;
}
