import type { MentionsResponse, ReadState, ThreadsResponse, User } from "@natter/protocol";
import { accessMembership } from "./access.js";
import type { Domain } from "./context.js";
import { Refusal } from "./errors.js";
import { hydrateAcrossRooms } from "./hydrate.js";
import { spend } from "./limits.js";
import { announceReadPosition } from "./rooms.js";

/**
 * "Mark unread from here": the read position moves back to just before `seq`, the one action allowed to
 * move it backward (mark_read only moves forward, so a late mark from another tab cannot undo this one).
 */
export async function markUnread(domain: Domain, user: User, name: string, seq: number): Promise<ReadState> {
  const { room } = await accessMembership(domain, user.id, name);
  await spend(domain.limits, "readMarks", user.id);
  const position = Math.min(seq, room.last_seq + 1) - 1;
  await domain.store.setReadPosition(room.id, user.id, position);
  return announceReadPosition(domain, user, room, position);
}

/** Every mention of the user in rooms they are in now, newest first; unread when after their read position there. */
export async function listMentions(domain: Domain, user: User, input: { before?: number | undefined; limit: number }): Promise<MentionsResponse> {
  const rows = await domain.store.mentionsOf(user.id, input.before, input.limit + 1);
  const page = rows.slice(0, input.limit);
  const messages = await hydrateAcrossRooms(domain, page);
  const unread = new Map(page.map((row) => [row.id, row.seq > row.last_read_seq]));
  return { mentions: messages.map((message) => ({ message, unread: unread.get(message.id) ?? false })), hasMore: rows.length > input.limit };
}

/** Threads the user started, replied to or was mentioned in, most recently answered first, with their unread replies. */
export async function listThreads(domain: Domain, user: User, input: { before?: number | undefined; limit: number }): Promise<ThreadsResponse> {
  const rows = await domain.store.threadsOf(user.id, input.before, input.limit + 1);
  const page = rows.slice(0, input.limit);
  const roots = await hydrateAcrossRooms(domain, page);
  const byId = new Map(page.map((row) => [row.id, row]));
  const threads = roots.flatMap((root) => {
    const row = byId.get(root.id);
    return row ? [{ root, lastReplyId: row.last_reply_id, unreadReplies: row.unread_replies }] : [];
  });
  return { threads, hasMore: rows.length > input.limit };
}

/** The user has read a thread up to a reply's seq (forward only); its replies up to there stop counting as unread. */
export async function markThreadRead(domain: Domain, user: User, name: string, rootId: number, seq: number): Promise<number> {
  const { room } = await accessMembership(domain, user.id, name);
  await spend(domain.limits, "readMarks", user.id);
  const root = await domain.store.messageById(room.id, rootId);
  if (!root || root.reply_to_id !== null) throw new Refusal("NOT_FOUND", `No thread ${rootId} in "${room.name}"`);
  return domain.store.markThreadRead(user.id, root.id, Math.min(seq, room.last_seq));
}
