import { nameKey } from "@natter/protocol";
import type { Domain } from "./context.js";

// "@name" at the start or after anything that cannot be part of a name ("me@example.com" mentions no one).
const MENTION = /(?:^|[^\p{L}\p{M}\p{N}_.@-])@([\p{L}\p{M}\p{N}_.-]{2,32})/gu;
const EVERYONE = new Set(["room", "all", "everyone"]);

export interface Mentions {
  userIds: number[];
  room: boolean;
}

/** Who a text mentions: members of the room named with @, and @room for everyone. The author never counts. */
export async function findMentions(domain: Domain, roomId: number, authorId: number, text: string): Promise<Mentions> {
  const keys = new Set<string>();
  for (const match of text.matchAll(MENTION)) if (match[1]) keys.add(nameKey(match[1].replace(/[.-]+$/, "")));
  const room = [...keys].some((key) => EVERYONE.has(key));
  const users = await domain.store.usersByKeys([...keys].filter((key) => !EVERYONE.has(key)));
  const members = await domain.store.membersAmong(roomId, users.map((u) => u.id).filter((id) => id !== authorId));
  return { userIds: members.sort((a, b) => a - b), room };
}
