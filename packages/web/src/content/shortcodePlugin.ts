import type { MarkdownIt } from "markdown-it";
import { replaceShortcodes, type ShortcodeLookup } from "./shortcodes";

/** What renderMarkdown passes to markdown-it: the shortcodes, once the emoji index has loaded. */
export interface ShortcodeEnv {
  shortcodes?: ShortcodeLookup;
}

/** A markdown-it plugin: `:tada:` in a message's text is drawn as 🎉, never inside code. */
export function shortcodesPlugin(md: MarkdownIt): void {
  md.core.ruler.after("text_join", "shortcodes", (state) => {
    const { shortcodes } = state.env as ShortcodeEnv;
    if (!shortcodes) return;
    for (const block of state.tokens) {
      for (const token of block.children ?? []) {
        if (token.type === "text") token.content = replaceShortcodes(token.content, shortcodes);
      }
    }
  });
}
