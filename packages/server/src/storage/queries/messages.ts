import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../schema.js";
import type { MessageChange, MessageWithAuthor, Store } from "../store.js";
import { literalLimit, MESSAGES_WITH_AUTHOR, messagesWithAuthor } from "./common.js";

/**
 * Reading messages, and changing them after they are sent (they are stored by the message writers).
 * History pages are read on every join and reconnect: those two are SQL.
 */
export function messageQueries(db: Kysely<Database>) {
  return {
    changeMessage(roomId: number, messageId: number, change: MessageChange) {
      return db.transaction().execute(async (trx) => {
        const current = await trx.selectFrom("messages").select("id").where("id", "=", messageId).where("room_id", "=", roomId).executeTakeFirst();
        if (!current) return undefined;
        const { last_rev: rev } = await trx
          .updateTable("rooms")
          .set((eb) => ({ last_rev: eb("last_rev", "+", 1) }))
          .where("id", "=", roomId)
          .returning("last_rev")
          .executeTakeFirstOrThrow();
        await applyChange(trx, messageId, change);
        return trx.updateTable("messages").set({ rev }).where("id", "=", messageId).returningAll().executeTakeFirst();
      });
    },

    async messagesBefore(roomId: number, beforeSeq: number | undefined, limit: number) {
      const before = beforeSeq === undefined ? sql`` : sql`and messages.seq < ${beforeSeq}`;
      const query = sql<MessageWithAuthor>`${MESSAGES_WITH_AUTHOR} where messages.room_id = ${roomId} ${before} order by messages.seq desc limit ${literalLimit(limit)}`;
      return (await query.execute(db)).rows.reverse();
    },

    async messagesAfter(roomId: number, afterSeq: number, limit: number) {
      const query = sql<MessageWithAuthor>`${MESSAGES_WITH_AUTHOR} where messages.room_id = ${roomId} and messages.seq > ${afterSeq} order by messages.seq asc limit ${literalLimit(limit)}`;
      return (await query.execute(db)).rows;
    },

    async firstSeqFrom(roomId: number, at: number) {
      const row = await db
        .selectFrom("messages")
        .select("seq")
        .where("room_id", "=", roomId)
        .where("created_at", ">=", at)
        .orderBy("seq", "asc")
        .limit(1)
        .executeTakeFirst();
      return row?.seq;
    },

    messageById: (roomId: number, id: number) => messagesWithAuthor(db).where("messages.room_id", "=", roomId).where("messages.id", "=", id).executeTakeFirst(),

    async messagesByIds(ids: readonly number[]) {
      if (ids.length === 0) return [];
      return messagesWithAuthor(db).where("messages.id", "in", ids).execute();
    },

    messagesChangedSince(roomId: number, sinceRev: number, uptoSeq: number, limit: number) {
      return messagesWithAuthor(db)
        .where("messages.room_id", "=", roomId)
        .where("messages.rev", ">", sinceRev)
        .where("messages.seq", "<=", uptoSeq)
        .orderBy("messages.rev", "asc")
        .limit(literalLimit(limit))
        .execute();
    },

    replies: (rootId: number) => messagesWithAuthor(db).where("messages.reply_to_id", "=", rootId).orderBy("messages.seq", "asc").execute(),

    async reactionsFor(messageIds: readonly number[]) {
      if (messageIds.length === 0) return [];
      return db.selectFrom("reactions").selectAll().where("message_id", "in", messageIds).orderBy("created_at").orderBy("user_id").execute();
    },
  } satisfies Partial<Store>;
}

async function applyChange(trx: Transaction<Database>, messageId: number, change: MessageChange): Promise<void> {
  switch (change.kind) {
    case "edit": {
      await trx
        .updateTable("messages")
        .set({ text: change.text, edited_at: change.editedAt, mention_ids: change.mentionIds.join(","), mentions_room: change.mentionsRoom ? 1 : 0 })
        .where("id", "=", messageId)
        .execute();
      if (change.clearPreview) await trx.updateTable("messages").set({ preview: null }).where("id", "=", messageId).where("preview", "<>", "").execute();
      return;
    }
    case "delete":
      await trx
        .updateTable("messages")
        .set({ text: "", deleted_at: change.deletedAt, mention_ids: "", mentions_room: 0, reaction_count: 0, file_count: 0, card: null, preview: null })
        .where("id", "=", messageId)
        .execute();
      await trx.deleteFrom("reactions").where("message_id", "=", messageId).execute();
      return;
    case "react":
      if (change.on) {
        await trx
          .insertInto("reactions")
          .values({ message_id: messageId, user_id: change.userId, emoji: change.emoji, created_at: change.at })
          .onConflict((oc) => oc.doNothing())
          .execute();
      } else {
        await trx.deleteFrom("reactions").where("message_id", "=", messageId).where("user_id", "=", change.userId).where("emoji", "=", change.emoji).execute();
      }
      // Changes in a room wait for its row (locked first in changeMessage), so this count sees every earlier reaction.
      await trx
        .updateTable("messages")
        .set((eb) => ({ reaction_count: eb.selectFrom("reactions").select(eb.fn.countAll<number>().as("n")).where("message_id", "=", messageId) }))
        .where("id", "=", messageId)
        .execute();
      return;
    case "preview": {
      const update = trx.updateTable("messages").set({ preview: change.preview }).where("id", "=", messageId);
      await (change.preview === "" ? update : update.where("preview", "is", null)).execute();
      return;
    }
  }
}
