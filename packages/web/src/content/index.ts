import "./content.css";
import "./messageBlocks.css";

export { MessageText, highlightText } from "./messageText";
// The picker itself is not re-exported: import "./EmojiPicker" lazily (messages/EmojiSlot.tsx does), so that its
// code stays out of the chunk that renders messages.
export type { EmojiPickerProps } from "./EmojiPicker";
export { renderMarkdown } from "./markdown";
export { completeCustomEmoji, CustomEmojiImage, EmojiGlyph, setCustomEmoji, useCustomEmoji } from "./customEmoji";
export { insertEmojiForShortcode, shortcodeQuery } from "./shortcodeQuery";
export {
  completeShortcode,
  loadEmojiIndex,
  recentEmoji,
  rememberEmoji,
  searchEmoji,
  withSkinTone,
  type EmojiEntry,
  type EmojiLocale,
  type ShortcodeSuggestion,
  type SkinTone,
} from "./emoji";
