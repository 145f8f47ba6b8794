import type { Kysely } from "kysely";
import type { LifecycleStore } from "../lifecycleStore.js";
import type { Database, DataExportRow } from "../schema.js";
import { literalLimit, messagesWithAuthor } from "./common.js";

/** Export and import, retention, a person's own archive and the end of their account (see lifecycleStore.ts). */
export function lifecycleQueries(db: Kysely<Database>): LifecycleStore {
  return {
    allRooms: () => db.selectFrom("rooms").selectAll().where("kind", "<>", "dm").orderBy("id").execute(),

    usersPage: (afterId, limit) => db.selectFrom("users").selectAll().where("id", ">", afterId).orderBy("id").limit(literalLimit(limit)).execute(),

    filesOfRoom: (roomId, afterId, limit) =>
      db
        .selectFrom("files")
        .selectAll()
        .where("room_id", "=", roomId)
        .where("message_id", "is not", null)
        .where("id", ">", afterId)
        .orderBy("id")
        .limit(literalLimit(limit))
        .execute(),

    messageByClientMsgId: (authorId, clientMsgId) =>
      db.selectFrom("messages").selectAll().where("author_id", "=", authorId).where("client_msg_id", "=", clientMsgId).executeTakeFirst(),

    async roomsToTrim(serverDays) {
      const rows = await db
        .selectFrom("rooms")
        .select(["id", "retention_days"])
        .where((eb) => eb.or([eb("retention_days", ">", 0), ...(serverDays > 0 ? [eb("retention_days", "is", null)] : [])]))
        .orderBy("id")
        .execute();
      return rows.map((row) => ({ id: row.id, days: row.retention_days ?? serverDays }));
    },

    setRoomRetention: (roomId, days) => db.updateTable("rooms").set({ retention_days: days }).where("id", "=", roomId).returningAll().executeTakeFirst(),

    trimRoom(roomId, cutoff, limit) {
      return db.transaction().execute(async (trx) => {
        const old = trx.selectFrom("messages as m").select(["m.id", "m.reply_to_id"]).where("m.room_id", "=", roomId).where("m.created_at", "<", cutoff);
        // Replies first: once the old ones are gone, a first message that still has replies has a recent one, and stays.
        let rows = await old.where("m.reply_to_id", "is not", null).orderBy("m.created_at").orderBy("m.id").limit(literalLimit(limit)).execute();
        if (rows.length === 0) {
          rows = await old
            .where((eb) => eb.not(eb.exists(eb.selectFrom("messages as r").select("r.id").whereRef("r.reply_to_id", "=", "m.id"))))
            .orderBy("m.created_at")
            .orderBy("m.id")
            .limit(literalLimit(limit))
            .execute();
        }
        if (rows.length === 0) return { deleted: 0, files: [] };
        const ids = rows.map((row) => row.id);
        const files = await trx.selectFrom("files").selectAll().where("message_id", "in", ids).execute();
        // Reactions, files, thread reads and queued notifications cascade; SQLite's search index follows by trigger.
        await trx.deleteFrom("messages").where("id", "in", ids).execute();
        const repliesGone = new Map<number, number>();
        for (const row of rows) if (row.reply_to_id !== null) repliesGone.set(row.reply_to_id, (repliesGone.get(row.reply_to_id) ?? 0) + 1);
        for (const [rootId, count] of repliesGone) {
          await trx
            .updateTable("messages")
            .set((eb) => ({ reply_count: eb("reply_count", "-", count) }))
            .where("id", "=", rootId)
            .execute();
        }
        await trx
          .updateTable("rooms")
          .set({ history_starts_at: cutoff })
          .where("id", "=", roomId)
          .where((eb) => eb.or([eb("history_starts_at", "is", null), eb("history_starts_at", "<", cutoff)]))
          .execute();
        return { deleted: ids.length, files };
      });
    },

    async takeLease(name, holder, now, until) {
      const row = await db
        .insertInto("leases")
        .values({ name, holder, until })
        .onConflict((oc) =>
          oc
            .column("name")
            .doUpdateSet({ holder, until })
            .where((eb) => eb.or([eb("leases.holder", "=", holder), eb("leases.until", "<", now)])),
        )
        .returning("holder")
        .executeTakeFirst();
      return row?.holder === holder;
    },

    messagesOfAuthor: (userId, afterId, limit) =>
      messagesWithAuthor(db)
        .innerJoin("rooms", "rooms.id", "messages.room_id")
        .select("rooms.name as room_name")
        .where("messages.author_id", "=", userId)
        .where("messages.id", ">", afterId)
        .where("messages.deleted_at", "is", null)
        .orderBy("messages.id")
        .limit(literalLimit(limit))
        .execute(),

    filesOfOwner: (userId, afterId, limit) =>
      db.selectFrom("files").selectAll().where("owner_id", "=", userId).where("id", ">", afterId).orderBy("id").limit(literalLimit(limit)).execute(),

    async createDataExport(row) {
      await db.insertInto("data_exports").values(row).execute();
    },

    dataExportById: (id) => db.selectFrom("data_exports").selectAll().where("id", "=", id).executeTakeFirst(),

    async finishDataExport(id, change) {
      await db.updateTable("data_exports").set(change).where("id", "=", id).execute();
    },

    takeExpiredDataExports: (now, limit) =>
      db.transaction().execute(async (trx) => {
        const rows: DataExportRow[] = await trx
          .selectFrom("data_exports")
          .selectAll()
          .where("expires_at", "<", now)
          .orderBy("expires_at")
          .limit(literalLimit(limit))
          .execute();
        if (rows.length > 0)
          await trx
            .deleteFrom("data_exports")
            .where(
              "id",
              "in",
              rows.map((row) => row.id),
            )
            .execute();
        return rows;
      }),

    closeAccount(userId, at) {
      return db.transaction().execute(async (trx) => {
        const files = await trx.selectFrom("files").selectAll().where("owner_id", "=", userId).execute();
        const exports = await trx.selectFrom("data_exports").selectAll().where("user_id", "=", userId).execute();
        const rooms = await trx.selectFrom("memberships").select("room_id").where("user_id", "=", userId).execute();
        const roomIds = rooms.map((row) => row.room_id);
        // Only their own messages carry their files.
        await trx
          .updateTable("messages")
          .set({ file_count: 0 })
          .where("id", "in", (eb) =>
            eb
              .selectFrom("files")
              .select("message_id")
              .where("owner_id", "=", userId)
              .where("message_id", "is not", null)
              .$narrowType<{ message_id: number }>(),
          )
          .execute();
        await trx.deleteFrom("files").where("owner_id", "=", userId).execute();
        await trx.deleteFrom("data_exports").where("user_id", "=", userId).execute();
        await trx
          .updateTable("messages")
          .set((eb) => ({
            reaction_count: eb(
              "reaction_count",
              "-",
              eb
                .selectFrom("reactions")
                .select(eb.fn.countAll<number>().as("n"))
                .whereRef("reactions.message_id", "=", "messages.id")
                .where("reactions.user_id", "=", userId),
            ),
          }))
          .where("id", "in", (eb) => eb.selectFrom("reactions").select("message_id").where("user_id", "=", userId))
          .execute();
        await trx.deleteFrom("reactions").where("user_id", "=", userId).execute();
        if (roomIds.length > 0) {
          await trx
            .updateTable("rooms")
            .set((eb) => ({ member_count: eb("member_count", "-", 1) }))
            .where("id", "in", roomIds)
            .execute();
        }
        for (const table of ["memberships", "thread_reads", "push_subscriptions", "notification_jobs", "email_tokens", "sessions"] as const) {
          await trx.deleteFrom(table).where("user_id", "=", userId).execute();
        }
        // The name is freed: the key below can never be a real name's key (names have no ':').
        await trx
          .updateTable("users")
          .set({
            username: `deleted-user-${userId}`,
            username_key: `deleted:${userId}`,
            password_hash: null,
            display_name: "Deleted user",
            status: "",
            status_emoji: "",
            status_expires_at: null,
            dnd_until: null,
            keywords: "",
            email: null,
            email_verified_at: null,
            role: "user",
            deleted_at: at,
          })
          .where("id", "=", userId)
          .execute();
        return { files, exports, roomIds };
      });
    },

    emptyMessagesOf(userId, at, limit) {
      return db.transaction().execute(async (trx) => {
        const rows = await trx
          .selectFrom("messages")
          .select(["id", "room_id"])
          .where("author_id", "=", userId)
          .where("deleted_at", "is", null)
          .orderBy("id")
          .limit(literalLimit(limit))
          .execute();
        const byRoom = new Map<number, number[]>();
        for (const row of rows) byRoom.set(row.room_id, [...(byRoom.get(row.room_id) ?? []), row.id]);
        for (const [roomId, ids] of byRoom) {
          // One rev for the room's emptied messages: catch-up by rev sees each of them as changed.
          const { last_rev: rev } = await trx
            .updateTable("rooms")
            .set((eb) => ({ last_rev: eb("last_rev", "+", 1) }))
            .where("id", "=", roomId)
            .returning("last_rev")
            .executeTakeFirstOrThrow();
          await trx
            .updateTable("messages")
            .set({ text: "", deleted_at: at, mention_ids: "", mentions_room: 0, reaction_count: 0, file_count: 0, rev })
            .where("id", "in", ids)
            .execute();
          await trx.deleteFrom("reactions").where("message_id", "in", ids).execute();
        }
        return rows.length;
      });
    },
  };
}
