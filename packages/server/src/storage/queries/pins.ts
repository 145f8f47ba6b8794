import { sql, type Kysely } from "kysely";
import type { Database } from "../schema.js";
import type { MessageWithAuthor, Store } from "../store.js";
import { literalLimit } from "./common.js";

export type PinListing = MessageWithAuthor & { pinned_by: number | null; pinner_name: string | null; pinned_at: number };
export type SavedListing = MessageWithAuthor & { room_name: string; saved_at: number };

/** Pins of a room and each person's saved messages (issue 19); deleted messages leave both lists. */
export function pinQueries(db: Kysely<Database>) {
  return {
    /** False when the message was pinned already (the first pin, and who made it, stays). */
    async addPin(pin: { messageId: number; roomId: number; pinnedBy: number; pinnedAt: number }): Promise<boolean> {
      const added = await db
        .insertInto("pins")
        .values({ message_id: pin.messageId, room_id: pin.roomId, pinned_by: pin.pinnedBy, pinned_at: pin.pinnedAt })
        .onConflict((oc) => oc.column("message_id").doNothing())
        .executeTakeFirst();
      return Number(added.numInsertedOrUpdatedRows ?? 0) > 0;
    },

    async removePin(messageId: number): Promise<boolean> {
      const removed = await db.deleteFrom("pins").where("message_id", "=", messageId).executeTakeFirst();
      return Number(removed.numDeletedRows) > 0;
    },

    async countPins(roomId: number): Promise<number> {
      const row = await db
        .selectFrom("pins")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("room_id", "=", roomId)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    async pinsOf(roomId: number, limit: number): Promise<PinListing[]> {
      const rows = await sql<PinListing>`
        select messages.*, users.username as author_name, pins.pinned_by, pinner.username as pinner_name, pins.pinned_at
        from pins
        inner join messages on messages.id = pins.message_id
        inner join users on users.id = messages.author_id
        left join users pinner on pinner.id = pins.pinned_by
        where pins.room_id = ${roomId} and messages.deleted_at is null
        order by pins.pinned_at desc, pins.message_id desc limit ${literalLimit(limit)}`.execute(db);
      return rows.rows;
    },

    async saveMessage(userId: number, messageId: number, savedAt: number): Promise<void> {
      await db
        .insertInto("saved_messages")
        .values({ user_id: userId, message_id: messageId, saved_at: savedAt })
        .onConflict((oc) => oc.columns(["user_id", "message_id"]).doNothing())
        .execute();
    },

    async unsaveMessage(userId: number, messageId: number): Promise<void> {
      await db.deleteFrom("saved_messages").where("user_id", "=", userId).where("message_id", "=", messageId).execute();
    },

    /** Only messages of rooms the person is still in: leaving a room takes its messages out of the view. */
    async savedOf(userId: number, after: { savedAt: number; messageId: number } | undefined, limit: number): Promise<SavedListing[]> {
      const before =
        after === undefined
          ? sql``
          : sql`and (saved_messages.saved_at < ${after.savedAt} or (saved_messages.saved_at = ${after.savedAt} and saved_messages.message_id < ${after.messageId}))`;
      const rows = await sql<SavedListing>`
        select messages.*, users.username as author_name, rooms.name as room_name, saved_messages.saved_at
        from saved_messages
        inner join messages on messages.id = saved_messages.message_id
        inner join memberships on memberships.room_id = messages.room_id and memberships.user_id = ${userId}
        inner join rooms on rooms.id = messages.room_id
        inner join users on users.id = messages.author_id
        where saved_messages.user_id = ${userId} and messages.deleted_at is null ${before}
        order by saved_messages.saved_at desc, saved_messages.message_id desc limit ${literalLimit(limit)}`.execute(db);
      return rows.rows;
    },
  } satisfies Partial<Store>;
}
