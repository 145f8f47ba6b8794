import type { Attachment, Message } from "@natter/protocol";
import type { MessageWithAuthor } from "../storage/index.js";
import type { Domain } from "./context.js";
import { toAttachment } from "./files.js";
import { groupReactions, toMessage, toQuote } from "./wire.js";

/**
 * Rows to full messages: their reactions, attachments and the quotes of what they reply to. Each is looked
 * up only for the rows that have some, so a page of plain messages costs no query beyond its own.
 */
export async function hydrateMessages(domain: Domain, room: string, rows: readonly MessageWithAuthor[]): Promise<Message[]> {
  if (rows.length === 0) return [];
  const rootIds = [...new Set(rows.flatMap((row) => (row.reply_to_id === null ? [] : [row.reply_to_id])))];
  const reacted = rows.flatMap((row) => (row.reaction_count > 0 ? [row.id] : []));
  const withFiles = rows.flatMap((row) => (row.file_count > 0 ? [row.id] : []));
  const [reactionRows, roots, files] = await Promise.all([
    domain.store.reactionsFor(reacted),
    domain.store.messagesByIds(rootIds),
    domain.store.filesOfMessages(withFiles),
  ]);
  const reactions = groupReactions(reactionRows);
  const quotes = new Map(roots.map((root) => [root.id, toQuote(root)]));
  const attachments = new Map<number, Attachment[]>();
  for (const file of files) if (file.message_id !== null) attachments.set(file.message_id, [...(attachments.get(file.message_id) ?? []), toAttachment(file)]);
  return rows.map((row) =>
    toMessage(row, room, {
      reactions: reactions.get(row.id) ?? [],
      replyTo: row.reply_to_id === null ? null : (quotes.get(row.reply_to_id) ?? null),
      attachments: attachments.get(row.id) ?? [],
    }),
  );
}

export async function hydrateMessage(domain: Domain, room: string, row: MessageWithAuthor): Promise<Message> {
  const [message] = await hydrateMessages(domain, room, [row]);
  if (!message) throw new Error("hydration lost a message");
  return message;
}

/** Rows of several rooms (search, mentions, threads), each room's hydrated together, in the rows' order. */
export async function hydrateAcrossRooms(domain: Domain, rows: readonly (MessageWithAuthor & { room_name: string })[]): Promise<Message[]> {
  const byRoom = new Map<string, MessageWithAuthor[]>();
  for (const row of rows) byRoom.set(row.room_name, [...(byRoom.get(row.room_name) ?? []), row]);
  const hydrated = new Map<number, Message>();
  for (const [room, roomRows] of byRoom) for (const message of await hydrateMessages(domain, room, roomRows)) hydrated.set(message.id, message);
  return rows.flatMap((row) => hydrated.get(row.id) ?? []);
}
