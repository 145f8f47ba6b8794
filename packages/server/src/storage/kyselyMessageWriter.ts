import type { Kysely, Transaction } from "kysely";
import { isUniqueViolation } from "./failures.js";
import type { InsertResult, MessageWriter } from "./messageWriter.js";
import type { Database, MessageRow } from "./schema.js";
import type { NewMessage } from "./store.js";

/**
 * The portable path (PostgreSQL): each message in its own transaction that takes the room row's next seq,
 * so commit order is seq order in a room even with many nodes writing.
 */
export class KyselyMessageWriter implements MessageWriter {
  constructor(private readonly db: Kysely<Database>) {}

  /** In parallel over the pool: the room row's lock orders writers within a room, and a stuck one delays no other. */
  write(batch: readonly NewMessage[]): Promise<(InsertResult | Error)[]> {
    return Promise.all(batch.map((message) => this.writeOne(message).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))))));
  }

  private async writeOne(message: NewMessage): Promise<InsertResult> {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const stored = await storedByClientId(trx, message.authorId, message.clientMsgId);
        if (stored) return { message: stored, created: false };
        const room = await trx
          .updateTable("rooms")
          .set((eb) => ({ last_seq: eb("last_seq", "+", 1), last_rev: eb("last_rev", "+", 1) }))
          .where("id", "=", message.roomId)
          .returning(["last_seq", "last_rev"])
          .executeTakeFirstOrThrow();
        let inserted = await trx.insertInto("messages").values(messageValues(message, room.last_seq, room.last_rev)).returningAll().executeTakeFirstOrThrow();
        if (message.replyToId) {
          await trx.updateTable("messages").set((eb) => ({ reply_count: eb("reply_count", "+", 1), rev: room.last_rev })).where("id", "=", message.replyToId).execute();
        }
        if (message.fileIds && message.fileIds.length > 0) {
          const attached = await trx
            .updateTable("files")
            .set({ message_id: inserted.id, room_id: message.roomId })
            .where("id", "in", message.fileIds)
            .where("owner_id", "=", message.authorId)
            .where("message_id", "is", null)
            .executeTakeFirst();
          inserted = await trx.updateTable("messages").set({ file_count: Number(attached.numUpdatedRows) }).where("id", "=", inserted.id).returningAll().executeTakeFirstOrThrow();
        }
        const mentionIds = message.mentionIds ?? [];
        if (mentionIds.length > 0) {
          await trx.insertInto("mentions").values(mentionIds.map((userId) => ({ message_id: inserted.id, user_id: userId, room_id: message.roomId, seq: inserted.seq }))).execute();
        }
        return { message: inserted, created: true };
      });
    } catch (error) {
      // A retry that raced its original on another node: the original won, and its row is the answer.
      if (!isUniqueViolation(error)) throw error;
      const stored = await storedByClientId(this.db, message.authorId, message.clientMsgId);
      if (!stored) throw error;
      return { message: stored, created: false };
    }
  }
}

function storedByClientId(db: Kysely<Database> | Transaction<Database>, authorId: number, clientMsgId: string): Promise<MessageRow | undefined> {
  return db.selectFrom("messages").selectAll().where("author_id", "=", authorId).where("client_msg_id", "=", clientMsgId).executeTakeFirst();
}

/** The row for a new message; shared by both writers so they store the same thing. */
export function messageValues(message: NewMessage, seq: number, rev: number) {
  return {
    room_id: message.roomId,
    seq,
    rev,
    author_id: message.authorId,
    text: message.text,
    client_msg_id: message.clientMsgId,
    created_at: message.createdAt,
    edited_at: null,
    deleted_at: null,
    reply_to_id: message.replyToId ?? null,
    in_room: message.inRoom === false ? 0 : 1,
    mention_ids: (message.mentionIds ?? []).join(","),
    mentions_room: message.mentionsRoom ? 1 : 0,
  };
}
