import { characterCount, NAME_MAX, NAME_MIN, nameKey } from "./text.js";

/**
 * The one mention grammar: the server notifies by it and the web draws by it, so what looks like a
 * mention is one. A mention is "@" and a name's characters (see nameSchema), not straight after one
 * of them or another "@" ("me@example.com" mentions no one).
 */

/** Words that mention everyone in the room rather than one person; the composer offers the first. */
export const ROOM_MENTIONS = ["room", "all", "everyone"] as const;

const NOT_AFTER = /[\p{L}\p{M}\p{N}_.@-]/u;
const MENTION_AT = new RegExp(`@([\\p{L}\\p{M}\\p{N}_.-]{${NAME_MIN},${NAME_MAX}})`, "uy");

/** The name the "@" at `index` mentions, as written; undefined when it mentions no one. */
export function mentionAt(text: string, index: number): string | undefined {
  const before = [...text.slice(Math.max(0, index - 2), index)].pop();
  if (before !== undefined && NOT_AFTER.test(before)) return undefined;
  MENTION_AT.lastIndex = index;
  // A name may contain "." and "-", but a sentence ending "@bob." means bob.
  const name = MENTION_AT.exec(text)?.[1]?.replace(/[.-]+$/, "");
  return name !== undefined && characterCount(name) >= NAME_MIN ? name : undefined;
}

/** Every name the text mentions, in order, as written (room-wide words included). */
export function mentionedNames(text: string): string[] {
  const names: string[] = [];
  for (let index = text.indexOf("@"); index !== -1; index = text.indexOf("@", index + 1)) {
    const name = mentionAt(text, index);
    if (name !== undefined) names.push(name);
  }
  return names;
}

/** @room, @all and @everyone, in any case or width. */
export function isRoomMention(name: string): boolean {
  return (ROOM_MENTIONS as readonly string[]).includes(nameKey(name));
}
