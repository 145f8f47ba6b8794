import type { MarkdownIt } from "markdown-it";
import { customEmojiNamed } from "./customEmoji";

const CODE = /^:([a-z0-9_+-]{2,32}):/;

/**
 * A markdown-it plugin: `:name:` of a custom emoji the server has becomes its image (outside code, like every inline
 * rule). Any other `:word:` stays text. The image's address is our own (/api/emoji/…), which sanitize.ts checks.
 */
export function customEmojiPlugin(md: MarkdownIt): void {
  md.inline.ruler.push("custom_emoji", (state, silent) => {
    if (state.src.charCodeAt(state.pos) !== 0x3a) return false;
    const match = CODE.exec(state.src.slice(state.pos));
    const emoji = match?.[1] === undefined ? undefined : customEmojiNamed(match[1]);
    if (!match || !emoji) return false;
    if (!silent) {
      const token = state.push("custom_emoji", "img", 0);
      token.attrs = [
        ["class", "custom-emoji"],
        ["src", emoji.url],
        ["alt", match[0]],
        ["title", match[0]],
      ];
    }
    state.pos += match[0].length;
    return true;
  });
  md.renderer.rules.custom_emoji = (tokens, index, _options, _env, self) => {
    const token = tokens[index];
    return token ? `<img${self.renderAttrs(token)}>` : "";
  };
}
