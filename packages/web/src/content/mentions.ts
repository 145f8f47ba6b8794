import { isRoomMention, mentionAt } from "@natter/protocol";
import type { MarkdownIt, StateInline } from "markdown-it";

const AT_SIGN = 0x40;

/** A markdown-it plugin: `@alice` and `@room` become `<span class="mention">` (never links), by the protocol's grammar. */
export function mentionsPlugin(md: MarkdownIt): void {
  md.inline.ruler.push("mention", parseMention);
  md.renderer.rules.mention = (tokens, index) => renderMention(tokens[index]?.content ?? "", md.utils.escapeHtml);
}

function parseMention(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== AT_SIGN) return false;
  const name = mentionAt(state.src, state.pos);
  if (!name) return false;
  if (!silent) state.push("mention", "span", 0).content = name;
  state.pos += 1 + name.length;
  return true;
}

function renderMention(name: string, escapeHtml: (text: string) => string): string {
  // @room, @all and @everyone notify the whole room, so they are drawn as such.
  const kind = isRoomMention(name) ? "mention mention-room" : "mention";
  const safeName = escapeHtml(name);
  return `<span class="${kind}" data-mention="${safeName}">@${safeName}</span>`;
}
