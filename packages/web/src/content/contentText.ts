import type { EmojiLocale } from "./emojiData";

/** The words message content draws itself, like the picker's: a message can be shown outside the app's dictionary. */
export const CONTENT_TEXT = {
  en: { copyCode: "Copy", codeCopied: "Copied" },
  "zh-CN": { copyCode: "复制", codeCopied: "已复制" },
} satisfies Record<EmojiLocale, unknown>;
