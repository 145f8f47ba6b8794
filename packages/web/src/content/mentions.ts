import type { MarkdownIt, StateInline } from "markdown-it";

const AT_SIGN = 0x40;
// The characters of a Natter name (see nameSchema), so every valid name can be mentioned.
const MENTION = /^@([\p{L}\p{M}\p{N}_][\p{L}\p{M}\p{N}_.-]{0,31})/u;
const NAME_CHARACTER = /[\p{L}\p{M}\p{N}_]/u;
// The composer offers "@room" to notify everyone in the room (see chat/mentionQuery.ts).
const ROOM_WIDE = "room";

/** A markdown-it plugin: `@alice` and `@room` become `<span class="mention">` (never links). */
export function mentionsPlugin(md: MarkdownIt): void {
  md.inline.ruler.push("mention", parseMention);
  md.renderer.rules.mention = (tokens, index) => renderMention(tokens[index]?.content ?? "", md.utils.escapeHtml);
}

function parseMention(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== AT_SIGN) return false;
  // "bob@example.com" is an address, not a mention.
  if (state.pos > 0 && NAME_CHARACTER.test(state.src.charAt(state.pos - 1))) return false;
  const match = MENTION.exec(state.src.slice(state.pos));
  // A name may contain "." and "-", but a sentence ending "@bob." means bob.
  const name = match?.[1]?.replace(/[.-]+$/, "");
  if (!name) return false;
  if (!silent) state.push("mention", "span", 0).content = name;
  state.pos += 1 + name.length;
  return true;
}

function renderMention(name: string, escapeHtml: (text: string) => string): string {
  const kind = name.toLowerCase() === ROOM_WIDE ? "mention mention-room" : "mention";
  const safeName = escapeHtml(name);
  return `<span class="${kind}" data-mention="${safeName}">@${safeName}</span>`;
}
