import { sql, type Kysely } from "kysely";
import type { Database } from "../schema.js";
import type { MentionListing, Store, ThreadListing } from "../store.js";
import { first, literalLimit, mentionsUser } from "./common.js";

/** What a person missed: a room's counts, moving the read position back, the Mentions and Threads views. */
export function catchUpQueries(db: Kysely<Database>) {
  return {
    /** Every join asks this: two counts over the room's (room_id, seq) index from the read position on. */
    async roomCounts(roomId: number, userId: number, afterSeq: number) {
      const row = await first(
        db,
        sql<{ unread: number | null; mentions: number | null }>`
          select sum(case when messages.in_room = 1 then 1 else 0 end) as unread,
            sum(case when ${mentionsUser("messages", userId)} then 1 else 0 end) as mentions
          from messages
          where messages.room_id = ${roomId} and messages.seq > ${afterSeq} and messages.author_id <> ${userId} and messages.deleted_at is null`,
      );
      return { unread: Number(row?.unread ?? 0), mentions: Number(row?.mentions ?? 0) };
    },

    async setReadPosition(roomId: number, userId: number, seq: number) {
      await db.updateTable("memberships").set({ last_read_seq: seq }).where("room_id", "=", roomId).where("user_id", "=", userId).execute();
    },

    /** The first condition is the partial index messages_mentioning's, written out so both databases use it. */
    async mentionsOf(userId: number, beforeId: number | undefined, limit: number) {
      const before = beforeId === undefined ? sql`` : sql`and messages.id < ${beforeId}`;
      const rows = await sql<MentionListing>`
        select messages.*, users.username as author_name, rooms.name as room_name, memberships.last_read_seq as last_read_seq
        from messages
        inner join memberships on memberships.room_id = messages.room_id and memberships.user_id = ${userId}
        inner join rooms on rooms.id = messages.room_id
        inner join users on users.id = messages.author_id
        where (messages.mention_ids <> '' or messages.mentions_room = 1) and ${mentionsUser("messages", userId)} and messages.author_id <> ${userId} and messages.deleted_at is null ${before}
        order by messages.id desc limit ${literalLimit(limit)}`.execute(db);
      return rows.rows;
    },

    async threadsOf(userId: number, beforeReplyId: number | undefined, limit: number) {
      const before = beforeReplyId === undefined ? sql`` : sql`and threads.last_reply_id < ${beforeReplyId}`;
      const rows = await sql<ThreadListing>`
        select * from (
          select messages.*, users.username as author_name, rooms.name as room_name,
            (select max(reply.id) from messages reply where reply.reply_to_id = messages.id) as last_reply_id,
            (select count(*) from messages reply where reply.reply_to_id = messages.id and reply.author_id <> ${userId}
              and reply.deleted_at is null and reply.seq > coalesce(thread_reads.last_read_seq, 0)) as unread_replies
          from messages
          inner join memberships on memberships.room_id = messages.room_id and memberships.user_id = ${userId}
          inner join rooms on rooms.id = messages.room_id
          inner join users on users.id = messages.author_id
          left join thread_reads on thread_reads.root_id = messages.id and thread_reads.user_id = ${userId}
          where messages.reply_to_id is null and messages.reply_count > 0 and (
            messages.author_id = ${userId} or ${mentionsUser("messages", userId)} or exists (
              select 1 from messages reply where reply.reply_to_id = messages.id and (reply.author_id = ${userId} or ${mentionsUser("reply", userId)})))
        ) threads where threads.last_reply_id is not null ${before}
        order by threads.last_reply_id desc limit ${literalLimit(limit)}`.execute(db);
      return rows.rows.map((row) => ({ ...row, last_reply_id: Number(row.last_reply_id), unread_replies: Number(row.unread_replies) }));
    },

    /** Forward only, like a room's read position; answers the position now stored. */
    async markThreadRead(userId: number, rootId: number, seq: number) {
      await db
        .insertInto("thread_reads")
        .values({ user_id: userId, root_id: rootId, last_read_seq: seq })
        .onConflict((oc) =>
          oc
            .columns(["user_id", "root_id"])
            .doUpdateSet((eb) => ({ last_read_seq: eb.ref("excluded.last_read_seq") }))
            .where("thread_reads.last_read_seq", "<", (eb) => eb.ref("excluded.last_read_seq")),
        )
        .execute();
      const row = await db.selectFrom("thread_reads").select("last_read_seq").where("user_id", "=", userId).where("root_id", "=", rootId).executeTakeFirst();
      return row?.last_read_seq ?? 0;
    },
  } satisfies Partial<Store>;
}
