import { sql, type Kysely } from "kysely";
import type { Database, FileRow, RoomRow } from "../schema.js";
import type { Store } from "../store.js";

/** A room as the console's list shows it. */
export type AdminRoomListing = RoomRow & { last_activity_at: number | null };

export interface AdminRoomFilter {
  /** Part of the name key (lower case). */
  contains?: string | undefined;
  /** Continue after this name key. */
  afterKey?: string | undefined;
  limit: number;
}

/** What names a deleted room while its rows are purged: `#` is in no room name, so no lookup finds it. */
export const deletedRoomKey = (roomId: number) => `#deleted-${roomId}`;

/**
 * Deleting rooms, and the console's list of rooms. A deletion retires the room in one short transaction, then
 * purges its messages in batches, each its own transaction, so that sends to other rooms go on in between.
 */
export function roomDeletionQueries(db: Kysely<Database>) {
  return {
    /** Takes the room out of every lookup and list and drops its memberships and bans; answers who was in it. */
    retireRoom(roomId: number, at: number): Promise<number[]> {
      return db.transaction().execute(async (trx) => {
        const members = await trx.selectFrom("memberships").select("user_id").where("room_id", "=", roomId).execute();
        await trx
          .updateTable("rooms")
          .set({ deleted_at: at, name_key: deletedRoomKey(roomId), dm_key: null, member_count: 0 })
          .where("id", "=", roomId)
          .execute();
        await trx.deleteFrom("memberships").where("room_id", "=", roomId).execute();
        await trx.deleteFrom("room_bans").where("room_id", "=", roomId).execute();
        return members.map((m) => Number(m.user_id));
      });
    },

    /**
     * Deletes up to `limit` of the room's messages, newest first (a reply goes before its thread's first
     * message), with what hangs on them: reactions, thread reads, queued notices, reports, search entries and
     * file rows. Answers how many messages went and the files whose bytes are to be deleted.
     */
    purgeRoomMessages(roomId: number, limit: number): Promise<{ messages: number; files: FileRow[] }> {
      return db.transaction().execute(async (trx) => {
        const rows = await trx.selectFrom("messages").select("id").where("room_id", "=", roomId).orderBy("seq", "desc").limit(limit).execute();
        const ids = rows.map((row) => Number(row.id));
        if (ids.length === 0) return { messages: 0, files: [] };
        const files = await trx.deleteFrom("files").where("message_id", "in", ids).returningAll().execute();
        await trx.deleteFrom("reactions").where("message_id", "in", ids).execute();
        await trx.deleteFrom("thread_reads").where("root_id", "in", ids).execute();
        await trx.deleteFrom("notification_jobs").where("message_id", "in", ids).execute();
        await trx.deleteFrom("reports").where("message_id", "in", ids).execute();
        await trx.deleteFrom("messages").where("id", "in", ids).execute();
        return { messages: ids.length, files };
      });
    },

    /** The last step, once no message is left: the room's row and any file rows still pointing at it. */
    dropRoom(roomId: number): Promise<FileRow[]> {
      return db.transaction().execute(async (trx) => {
        const files = await trx.deleteFrom("files").where("room_id", "=", roomId).returningAll().execute();
        // Anything a send stored after the last batch goes with the row (messages cascade).
        await trx.deleteFrom("rooms").where("id", "=", roomId).where("deleted_at", "is not", null).execute();
        return files;
      });
    },

    /** Rooms deleted but not yet purged: a restart finishes them. */
    async retiredRooms(): Promise<number[]> {
      const rows = await db.selectFrom("rooms").select("id").where("deleted_at", "is not", null).orderBy("id").execute();
      return rows.map((row) => Number(row.id));
    },

    /** Every room but direct conversations and deleted ones, by name key, with when its newest message came. */
    adminRooms(filter: AdminRoomFilter): Promise<AdminRoomListing[]> {
      let query = db
        .selectFrom("rooms")
        .selectAll("rooms")
        .select((eb) =>
          eb
            .selectFrom("messages")
            .select("messages.created_at")
            .whereRef("messages.room_id", "=", "rooms.id")
            .whereRef("messages.seq", "=", "rooms.last_seq")
            .as("last_activity_at"),
        )
        .where("rooms.kind", "<>", "dm")
        .where("rooms.deleted_at", "is", null)
        .orderBy("rooms.name_key")
        .limit(filter.limit);
      if (filter.afterKey !== undefined) query = query.where("rooms.name_key", ">", filter.afterKey);
      if (filter.contains) query = query.where(sql<boolean>`rooms.name_key like ${`%${filter.contains.replace(/[\\%_]/g, "\\$&")}%`} escape '\\'`);
      return query.execute();
    },
  } satisfies Partial<Store>;
}
