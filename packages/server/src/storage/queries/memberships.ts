import { sql, type Kysely, type Transaction } from "kysely";
import type { Database, MembershipRow, RoomRow } from "../schema.js";
import type { Store } from "../store.js";
import { first, MAX_IDS_PER_QUERY } from "./common.js";

type NullableMembership = { [Column in keyof Omit<MembershipRow, "room_id" | "user_id"> as `member_${Column}`]: MembershipRow[Column] | null };

/** Who belongs to which room, and how far each has read. Access checks read memberships on every request: SQL. */
export function membershipQueries(db: Kysely<Database>) {
  const membership = (roomId: number, userId: number) =>
    first(db, sql<MembershipRow>`select * from memberships where room_id = ${roomId} and user_id = ${userId}`);

  return {
    membership,

    async isMember(roomId: number, userId: number) {
      return (await membership(roomId, userId)) !== undefined;
    },

    async roomWithMembership(nameKey: string, userId: number) {
      const row = await first(
        db,
        sql<RoomRow & NullableMembership>`
          select rooms.*, memberships.joined_at as member_joined_at, memberships.role as member_role,
            memberships.last_read_seq as member_last_read_seq, memberships.notify as member_notify,
            memberships.notify_chosen as member_notify_chosen
          from rooms left join memberships on memberships.room_id = rooms.id and memberships.user_id = ${userId}
          where rooms.name_key = ${nameKey}`,
      );
      if (!row) return undefined;
      const {
        member_joined_at: joinedAt,
        member_role: role,
        member_last_read_seq: lastReadSeq,
        member_notify: notify,
        member_notify_chosen: notifyChosen,
        ...room
      } = row;
      const joined = joinedAt !== null && role !== null && lastReadSeq !== null && notify !== null && notifyChosen !== null;
      return {
        room,
        membership: joined
          ? { room_id: room.id, user_id: userId, joined_at: joinedAt, role, last_read_seq: lastReadSeq, notify, notify_chosen: notifyChosen }
          : undefined,
      };
    },

    addMember(roomId: number, userId: number, at: number, role: MembershipRow["role"] = "member") {
      return db.transaction().execute((trx) => insertMembership(trx, roomId, userId, at, role));
    },

    removeMember(roomId: number, userId: number) {
      return db.transaction().execute(async (trx) => {
        const result = await trx.deleteFrom("memberships").where("room_id", "=", roomId).where("user_id", "=", userId).executeTakeFirst();
        const removed = Number(result.numDeletedRows) > 0;
        if (removed) await countMembers(trx, roomId, -1);
        return removed;
      });
    },

    members(roomId: number) {
      return db
        .selectFrom("memberships")
        .innerJoin("users", "users.id", "memberships.user_id")
        .select(["memberships.user_id", "users.username", "memberships.role"])
        .where("memberships.room_id", "=", roomId)
        .orderBy("users.username_key")
        .execute();
    },

    async membersAmong(roomId: number, userIds: readonly number[]) {
      const found: number[] = [];
      // In slices, as the databases cap the parameters of one statement.
      for (let start = 0; start < userIds.length; start += MAX_IDS_PER_QUERY) {
        const slice = userIds.slice(start, start + MAX_IDS_PER_QUERY);
        const rows = await db.selectFrom("memberships").select("user_id").where("room_id", "=", roomId).where("user_id", "in", slice).execute();
        for (const row of rows) found.push(row.user_id);
      }
      return found;
    },

    async updateMembership(roomId: number, userId: number, change: Partial<{ role: MembershipRow["role"]; notify: MembershipRow["notify"] }>) {
      const chosen = change.notify === undefined ? {} : { notify_chosen: 1 };
      await db
        .updateTable("memberships")
        .set({ ...change, ...chosen })
        .where("room_id", "=", roomId)
        .where("user_id", "=", userId)
        .execute();
    },

    async markRead(roomId: number, userId: number, seq: number) {
      await db
        .updateTable("memberships")
        .set({ last_read_seq: seq })
        .where("room_id", "=", roomId)
        .where("user_id", "=", userId)
        .where("last_read_seq", "<", seq)
        .execute();
      return (await membership(roomId, userId))?.last_read_seq ?? 0;
    },
  } satisfies Partial<Store>;
}

/** A membership and the room's count, in the caller's transaction: false when it was there already. */
export async function insertMembership(trx: Transaction<Database>, roomId: number, userId: number, at: number, role: MembershipRow["role"]): Promise<boolean> {
  const result = await trx
    .insertInto("memberships")
    .values({ room_id: roomId, user_id: userId, joined_at: at, role })
    .onConflict((oc) => oc.columns(["room_id", "user_id"]).doNothing())
    .executeTakeFirst();
  const added = Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  if (added) await countMembers(trx, roomId, +1);
  return added;
}

async function countMembers(trx: Transaction<Database>, roomId: number, change: 1 | -1): Promise<void> {
  await trx
    .updateTable("rooms")
    .set((eb) => ({ member_count: eb("member_count", "+", change) }))
    .where("id", "=", roomId)
    .execute();
}
