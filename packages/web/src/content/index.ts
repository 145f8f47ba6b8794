import "./content.css";

export { MessageText, highlightText } from "./messageText";
export { EmojiPicker, type EmojiPickerProps } from "./EmojiPicker";
export { renderMarkdown } from "./markdown";
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
