/**
 * Slack's message markup (mrkdwn) to Natter's markdown, in one place. Slack writes links, mentions and
 * special words in angle brackets and escapes `&`, `<` and `>` everywhere else; bold is one star and
 * strike one tilde. Code (inline and fenced) keeps its characters: only its escapes are undone.
 */

/** How Slack ids read in Natter: a user's Natter username, a channel's room name. */
export interface SlackNames {
  user(id: string): string | undefined;
  channel(id: string): string | undefined;
}

export interface ConvertedText {
  text: string;
  /** Slack ids of the users the text mentions, in order, once each. */
  mentions: string[];
  /** @channel, @here or @everyone. */
  mentionsRoom: boolean;
}

const CODE = /```[\s\S]*?```|`[^`\n]+`/g;
const TOKEN = /<([^<>\n]+)>/g;
// A placeholder per converted token, from the Private Use Area, which Slack text does not carry.
const HOLE = /\uE000(\d+)\uE001/g;
const WORD = "\\p{L}\\p{N}";
const BOLD = new RegExp(`(^|[^${WORD}*\\\\])\\*(?=\\S)([^*\\n]*?\\S)\\*(?![${WORD}*])`, "gu");
const STRIKE = new RegExp(`(^|[^${WORD}~\\\\])~(?=\\S)([^~\\n]*?\\S)~(?![${WORD}~])`, "gu");

export function slackToMarkdown(text: string, names: SlackNames): ConvertedText {
  const found = { mentions: [] as string[], mentionsRoom: false };
  let out = "";
  let last = 0;
  for (const match of text.matchAll(CODE)) {
    out += convertProse(text.slice(last, match.index), names, found) + convertCode(match[0]);
    last = match.index + match[0].length;
  }
  out += convertProse(text.slice(last), names, found);
  return { text: out, mentions: found.mentions, mentionsRoom: found.mentionsRoom };
}

/** Slack's three escapes (and the quote some clients add), undone once: "&amp;lt;" stays "&lt;". */
export function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp|quot);/g, (_, name: string) => ({ lt: "<", gt: ">", amp: "&", quot: '"' })[name] ?? "");
}

function convertCode(code: string): string {
  return decodeEntities(code.replace(TOKEN, (_, inner: string) => inner.split("|")[0] ?? ""));
}

function convertProse(prose: string, names: SlackNames, found: { mentions: string[]; mentionsRoom: boolean }): string {
  const holes: string[] = [];
  const held = prose.replace(TOKEN, (_, inner: string) => {
    holes.push(convertToken(inner, names, found));
    return `\uE000${holes.length - 1}\uE001`;
  });
  const styled = decodeEntities(held.replace(BOLD, "$1**$2**").replace(STRIKE, "$1~~$2~~"));
  return styled.replace(HOLE, (_, index: string) => holes[Number(index)] ?? "");
}

function convertToken(inner: string, names: SlackNames, found: { mentions: string[]; mentionsRoom: boolean }): string {
  const bar = inner.indexOf("|");
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? undefined : decodeEntities(inner.slice(bar + 1));
  if (target.startsWith("@")) {
    const id = target.slice(1);
    if (!found.mentions.includes(id)) found.mentions.push(id);
    return `@${names.user(id) ?? label?.replace(/^@/, "") ?? id}`;
  }
  if (target.startsWith("#")) return `#${names.channel(target.slice(1)) ?? label ?? target.slice(1)}`;
  if (target.startsWith("!")) return specialWord(target.slice(1), label, found);
  const url = decodeEntities(target);
  if (url.startsWith("mailto:") && (label === undefined || label === url.slice(7))) return url.slice(7);
  if (label === undefined || label === url) return url;
  return `[${label.replace(/[[\]\\]/g, (c) => `\\${c}`)}](${url.replace(/[()\s]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`)})`;
}

/** @channel and @here address the whole room (Natter's @room); user groups and dates keep their label. */
function specialWord(word: string, label: string | undefined, found: { mentionsRoom: boolean }): string {
  if (word === "channel" || word === "here" || word === "group") {
    found.mentionsRoom = true;
    return "@room";
  }
  if (word === "everyone") {
    found.mentionsRoom = true;
    return "@everyone";
  }
  if (word.startsWith("subteam^")) return label ?? "@group";
  return label ?? "";
}
