import { characterCount, type Card, type HistoryPage, type Message, type ThreadResult, type User } from "@natter/protocol";
import type { MessageChange, RoomRow } from "../storage/index.js";
import { accessMembership, accessMessages, accessRoom, requireWritable } from "./access.js";
import { recordAudit } from "./audit.js";
import type { Domain } from "./context.js";
import { Refusal } from "./errors.js";
import { requireGuestMayWrite } from "./guests.js";
import { attachableFiles, deleteFilesOf } from "./files.js";
import { hydrateMessage, hydrateMessages } from "./hydrate.js";
import { spend } from "./limits.js";
import { findMentions } from "./mentions.js";
import { queueOutgoing } from "./integrations/outgoingHooks.js";
import { firstLink, queuePreview } from "./linkPreviews.js";
import { requireCustomEmoji } from "./customEmoji.js";
import { queueNotices } from "./notifications/engine.js";
import { toMessage } from "./wire.js";

/** Past this many missed messages (or changes) a reconnecting client reloads the room instead of catching up. */
export const CATCH_UP_LIMIT = 1_000;
export const LATEST_PAGE = 50;
const CATCH_UP_PAGE = 100;

export interface SendInput {
  room: string;
  text: string;
  clientMsgId: string;
  attachments?: readonly string[] | undefined;
  replyTo?: number | undefined;
  inRoom?: boolean | undefined;
  /** Set only by integrations (never from a client's payload), which spend their own budget instead of the author's sends. */
  card?: Card | undefined;
}

/**
 * Stores the message, then tells the room. Sending a clientMsgId the author already used stores
 * nothing and answers (and re-announces) the stored message, so clients may retry freely.
 */
export async function sendMessage(domain: Domain, user: User, input: SendInput): Promise<Message> {
  checkLength(domain, input.text);
  const fileIds = input.attachments ?? [];
  if (input.text.trim() === "" && fileIds.length === 0) throw new Refusal("BAD_REQUEST", "Write something or attach a file");
  const room = await accessRoom(domain, user.id, input.room);
  requireWritable(room);
  await requireGuestMayWrite(domain, user, room);
  const files = await attachableFiles(domain, user, fileIds, input.clientMsgId);
  if (!domain.publisher.available()) throw new Refusal("UNAVAILABLE", "Live delivery is unavailable; try again shortly");
  if (!input.card) await spend(domain.limits, "sends", user.id);
  const root = input.replyTo === undefined ? undefined : await threadRoot(domain, room, input.replyTo);
  const mentions = await findMentions(domain, room.id, user.id, input.text);
  const { message: row, created } = await domain.store.insertMessage({
    roomId: room.id,
    authorId: user.id,
    text: input.text,
    clientMsgId: input.clientMsgId,
    createdAt: domain.now(),
    replyToId: root?.id ?? null,
    inRoom: root ? input.inRoom !== false : true,
    mentionIds: mentions.userIds,
    mentionsRoom: mentions.room,
    fileIds: files.map((file) => file.id),
    card: input.card ? JSON.stringify(input.card) : null,
  });
  domain.typing.stop(room.id, user.id);
  const stored = { ...row, author_name: user.username };
  // A plain new message has nothing to look up yet; a retried one may have gathered reactions since.
  const plainAndNew = created && files.length === 0 && !root;
  const message = plainAndNew ? toMessage(stored, room.name) : await hydrateMessage(domain, room.name, stored);
  domain.publisher.toRoom(room.id, "message", message);
  if (created) {
    const sent = {
      roomId: room.id,
      roomKind: room.kind,
      memberCount: room.member_count,
      messageId: row.id,
      seq: row.seq,
      authorId: user.id,
      text: input.text,
      mentionIds: mentions.userIds,
      mentionsRoom: mentions.room,
      threadAuthorId: root?.author_id,
    };
    domain.notices.later(() => queueNotices(domain, sent));
    if (!input.card) {
      domain.notices.later(() => queueOutgoing(domain, { ...sent, roomName: room.name, authorName: user.username, replyToId: root?.id ?? null }));
      queuePreview(domain, room, row);
    }
  }
  if (root) await announceChange(domain, room, root.id);
  return message;
}

/** Authors edit their own messages; everyone sees the new text and when it was edited. */
export async function editMessage(domain: Domain, user: User, input: { room: string; id: number; text: string }): Promise<Message> {
  checkLength(domain, input.text);
  const { room } = await accessMembership(domain, user.id, input.room);
  requireWritable(room);
  const message = await existingMessage(domain, room, input.id);
  if (message.author_id !== user.id) throw new Refusal("FORBIDDEN", "Only the author can edit a message");
  await spend(domain.limits, "edits", user.id);
  if (message.deleted_at !== null) throw new Refusal("BAD_REQUEST", "A deleted message cannot be edited");
  const mentions = await findMentions(domain, room.id, user.id, input.text);
  // A new first link gets a new card, as in Slack; a card the author removed stays removed.
  const clearPreview = firstLink(message.text) !== firstLink(input.text);
  const edited = await change(domain, room, input.id, {
    kind: "edit",
    text: input.text,
    editedAt: domain.now(),
    mentionIds: mentions.userIds,
    mentionsRoom: mentions.room,
    clearPreview,
  });
  if (clearPreview && message.preview !== "") queuePreview(domain, room, { id: input.id, text: input.text });
  return edited;
}

/**
 * Authors delete their messages; room owners and admins, server moderators and admins delete anyone's in rooms
 * they can see (access.ts decides), and that is written to the audit log. A placeholder stays.
 */
export async function deleteMessage(domain: Domain, user: User, input: { room: string; id: number }, address?: string): Promise<Message> {
  const { room, moderates } = await accessMessages(domain, user, input.room);
  const message = await existingMessage(domain, room, input.id);
  const own = message.author_id === user.id;
  if (!own && !moderates) throw new Refusal("FORBIDDEN", "You can only delete your own messages");
  if (message.deleted_at !== null) return hydrateMessage(domain, room.name, message);
  await spend(domain.limits, "edits", user.id);
  await deleteFilesOf(domain, input.id);
  const deleted = await change(domain, room, input.id, { kind: "delete", deletedAt: domain.now() });
  if (!own) {
    const target = `message:${input.id}`;
    await recordAudit(domain, { actor: user, action: "message.delete", target, address, details: { room: room.name, author: message.author_name } });
  }
  return deleted;
}

/** Adds or removes the user's reaction; adding twice is the same as once. */
export async function react(domain: Domain, user: User, input: { room: string; id: number; emoji: string; on: boolean }): Promise<Message> {
  const { room } = await accessMembership(domain, user.id, input.room);
  const message = await existingMessage(domain, room, input.id);
  if (message.deleted_at !== null) throw new Refusal("BAD_REQUEST", "A deleted message cannot be reacted to");
  await spend(domain.limits, "reactions", user.id);
  if (input.on && input.emoji.startsWith(":")) await requireCustomEmoji(domain, input.emoji);
  return change(domain, room, input.id, { kind: "react", userId: user.id, emoji: input.emoji, on: input.on, at: domain.now() });
}

/** A thread: its first message and every reply, in order. */
export async function readThread(domain: Domain, user: User, input: { room: string; id: number }): Promise<ThreadResult> {
  const room = await accessRoom(domain, user.id, input.room);
  const root = await threadRoot(domain, room, input.id);
  const [rootMessage, replies] = await Promise.all([hydrateMessage(domain, room.name, root), domain.store.replies(root.id)]);
  return { root: rootMessage, replies: await hydrateMessages(domain, room.name, replies) };
}

export interface HistoryInput {
  room: string;
  limit: number;
  before?: number | undefined;
  after?: number | undefined;
  at?: string | undefined;
}

/** A page of a room's history for a member: from the time `at`, else newer than `after`, else older than `before`, else the latest. */
export async function readHistory(domain: Domain, user: User, input: HistoryInput): Promise<HistoryPage> {
  const room = await accessRoom(domain, user.id, input.room);
  return historyPage(domain, room, input);
}

export async function historyPage(domain: Domain, room: RoomRow, input: Omit<HistoryInput, "room">): Promise<HistoryPage> {
  if (input.at !== undefined) {
    // Past the newest message the page is empty, and says there is older history: the reader lands at the end.
    const first = await domain.store.firstSeqFrom(room.id, Date.parse(input.at));
    return historyPage(domain, room, { limit: input.limit, after: (first ?? room.last_seq + 1) - 1 });
  }
  if (input.after !== undefined) {
    const rows = await domain.store.messagesAfter(room.id, input.after, input.limit + 1);
    return { messages: await hydrateMessages(domain, room.name, rows.slice(0, input.limit)), hasOlder: input.after > 0, hasNewer: rows.length > input.limit };
  }
  const rows = await domain.store.messagesBefore(room.id, input.before, input.limit + 1);
  const page = rows.slice(-input.limit);
  return {
    messages: await hydrateMessages(domain, room.name, page),
    hasOlder: rows.length > input.limit,
    hasNewer: input.before !== undefined && input.before <= room.last_seq,
  };
}

/** Messages changed since a rev, up to a seq the client already has: edits, deletes, reactions, reply counts. */
export async function changesSince(domain: Domain, room: RoomRow, sinceRev: number, uptoSeq: number): Promise<{ updated: Message[]; reset: boolean }> {
  if (sinceRev >= room.last_rev) return { updated: [], reset: false };
  const rows = await domain.store.messagesChangedSince(room.id, sinceRev, uptoSeq, CATCH_UP_LIMIT + 1);
  if (rows.length > CATCH_UP_LIMIT) return { updated: [], reset: true };
  return { updated: await hydrateMessages(domain, room.name, rows), reset: false };
}

/**
 * What a (re)joining client needs: the latest page, or everything after its last seq (and every change
 * since its last rev) when that is within reach. Further behind, it gets the latest page and `reset`.
 */
export async function catchUp(
  domain: Domain,
  room: RoomRow,
  after: number | undefined,
  sinceRev?: number,
): Promise<HistoryPage & { reset: boolean; updated: Message[] }> {
  const behind = after === undefined ? undefined : room.last_seq - after;
  const latest = async () => ({ ...(await historyPage(domain, room, { limit: LATEST_PAGE })), reset: after !== undefined, updated: [] });
  if (after === undefined || behind === undefined || behind > CATCH_UP_LIMIT || behind < 0) return latest();
  const changes = sinceRev === undefined ? { updated: [], reset: false } : await changesSince(domain, room, sinceRev, after);
  if (changes.reset) return latest();
  return { ...(await historyPage(domain, room, { after, limit: CATCH_UP_PAGE })), reset: false, updated: changes.updated };
}

/** "X is typing…" for the others in a room the user belongs to. */
export async function setTyping(domain: Domain, user: User, input: { room: string; typing: boolean }): Promise<void> {
  const room = await accessRoom(domain, user.id, input.room);
  // Spent only once access is granted, as every budget is: past it, a private room still answers as a missing one.
  await spend(domain.limits, "typing", user.id);
  if (input.typing) domain.typing.start(room.id, room.name, user);
  else domain.typing.stop(room.id, user.id);
}

async function change(domain: Domain, room: RoomRow, id: number, what: MessageChange): Promise<Message> {
  const row = await domain.store.changeMessage(room.id, id, what);
  if (!row) throw messageNotFound(id);
  return announceChange(domain, room, id);
}

async function announceChange(domain: Domain, room: RoomRow, id: number): Promise<Message> {
  const message = await existingMessage(domain, room, id);
  const wire = await hydrateMessage(domain, room.name, message);
  domain.publisher.toRoom(room.id, "message_updated", wire);
  return wire;
}

async function existingMessage(domain: Domain, room: RoomRow, id: number) {
  const message = await domain.store.messageById(room.id, id);
  if (!message) throw messageNotFound(id);
  return message;
}

/** Replies thread under the first message: replying to a reply joins the same thread. */
async function threadRoot(domain: Domain, room: RoomRow, id: number) {
  const message = await existingMessage(domain, room, id);
  return message.reply_to_id === null ? message : existingMessage(domain, room, message.reply_to_id);
}

function checkLength(domain: Domain, text: string): void {
  if (characterCount(text) > domain.settings.maxMessageLength) {
    throw new Refusal("MESSAGE_TOO_LONG", `Messages are at most ${domain.settings.maxMessageLength} characters`);
  }
}

function messageNotFound(id: number): Refusal {
  return new Refusal("NOT_FOUND", `No message ${id} in this room`);
}
