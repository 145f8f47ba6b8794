import { isRoomMention, mentionedNames } from "@natter/protocol";
import type { Domain } from "./context.js";
import { usernameKey } from "./usernames.js";

export interface Mentions {
  userIds: number[];
  room: boolean;
}

/** Who a text mentions: members of the room named with @, and @room for everyone. The author never counts. */
export async function findMentions(domain: Domain, roomId: number, authorId: number, text: string): Promise<Mentions> {
  const names = mentionedNames(text);
  const keys = new Set(names.filter((name) => !isRoomMention(name)).map(usernameKey));
  // Most messages name no one: no reads then.
  if (keys.size === 0) return { userIds: [], room: names.some(isRoomMention) };
  const users = await domain.store.usersByKeys([...keys]);
  const members = await domain.store.membersAmong(
    roomId,
    users.map((u) => u.id).filter((id) => id !== authorId),
  );
  return { userIds: members.sort((a, b) => a - b), room: names.some(isRoomMention) };
}
