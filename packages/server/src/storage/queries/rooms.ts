import { sql, type Kysely } from "kysely";
import { isUniqueViolation } from "../failures.js";
import type { Database, RoomRow } from "../schema.js";
import type { NewRoom, RoomChange, Store } from "../store.js";
import { BatchedRead } from "../batchedRead.js";
import { first, inList, mentionsUser } from "./common.js";

/** Rooms and the sidebar's list of them. Every join and send reads its room: those reads are SQL. */
export function roomQueries(db: Kysely<Database>) {
  const roomById = (id: number) => first(db, sql<RoomRow>`select * from rooms where id = ${id}`);
  // Every socket's set-up asks it: the rooms of a burst of users are read in a few queries.
  const roomsOfUsers = new BatchedRead(async (userIds: number[]) => {
    const { rows } = await sql<RoomRow & { member_id: number }>`select rooms.*, memberships.user_id as member_id from rooms
      inner join memberships on memberships.room_id = rooms.id where memberships.user_id in (${inList(userIds)}) order by rooms.name_key`.execute(db);
    const byUser = new Map<number, RoomRow[]>();
    for (const { member_id: userId, ...room } of rows) {
      const rooms = byUser.get(userId);
      if (rooms) rooms.push(room);
      else byUser.set(userId, [room]);
    }
    return byUser;
  });

  return {
    createRoom(room: NewRoom) {
      return db
        .insertInto("rooms")
        .values({
          name: room.name,
          name_key: room.nameKey,
          topic: room.topic,
          created_by: room.createdBy,
          created_at: room.createdAt,
          kind: room.kind ?? "public",
          dm_key: room.dmKey ?? null,
          archived_at: null,
        })
        .onConflict((oc) => oc.doNothing())
        .returningAll()
        .executeTakeFirst();
    },

    roomByKey: (nameKey: string) => first(db, sql<RoomRow>`select * from rooms where name_key = ${nameKey}`),

    roomById,

    roomByDmKey: (dmKey: string) => db.selectFrom("rooms").selectAll().where("dm_key", "=", dmKey).executeTakeFirst(),

    async updateRoom(id: number, change: RoomChange) {
      if (Object.keys(change).length === 0) return roomById(id);
      try {
        return await db.updateTable("rooms").set(change).where("id", "=", id).returningAll().executeTakeFirst();
      } catch (error) {
        if (isUniqueViolation(error)) return undefined;
        throw error;
      }
    },

    roomsOfUser: async (userId: number) => (await roomsOfUsers.load(userId)) ?? [],

    async listRooms(forUserId: number) {
      const rows = await db
        .selectFrom("rooms")
        .leftJoin("memberships as mine", (join) => join.onRef("mine.room_id", "=", "rooms.id").on("mine.user_id", "=", forUserId))
        .selectAll("rooms")
        .select((eb) => [
          "mine.role as role",
          "mine.last_read_seq as my_last_read",
          "mine.notify as my_notify",
          "mine.user_id as my_id",
          eb
            .selectFrom("messages")
            .select(eb.fn.countAll<number>().as("n"))
            .whereRef("messages.room_id", "=", "rooms.id")
            .whereRef("messages.seq", ">", "mine.last_read_seq")
            .where("messages.author_id", "<>", forUserId)
            .where("messages.in_room", "=", 1)
            .where("messages.deleted_at", "is", null)
            .as("unread"),
          eb
            .selectFrom("messages")
            .select(eb.fn.countAll<number>().as("n"))
            .whereRef("messages.room_id", "=", "rooms.id")
            .whereRef("messages.seq", ">", "mine.last_read_seq")
            .where("messages.author_id", "<>", forUserId)
            .where("messages.deleted_at", "is", null)
            .where(mentionsUser("messages", forUserId))
            .as("mentions"),
        ])
        // Archived public rooms leave the directory; their members keep them. A deleted room has no members left.
        .where((eb) =>
          eb.and([
            eb("rooms.deleted_at", "is", null),
            eb.or([
              eb.and([
                eb("rooms.kind", "=", "public"),
                eb("rooms.archived_at", "is", null),
                // Nor do the public rooms the reader is banned from.
                eb.not(
                  eb.exists(
                    eb
                      .selectFrom("room_bans")
                      .select("room_bans.user_id")
                      .whereRef("room_bans.room_id", "=", "rooms.id")
                      .where("room_bans.user_id", "=", forUserId),
                  ),
                ),
              ]),
              eb("mine.user_id", "is not", null),
            ]),
          ]),
        )
        .orderBy("rooms.name_key")
        .execute();
      return rows.map(({ my_last_read, my_notify, my_id, ...row }) => ({
        ...row,
        joined: my_id !== null,
        role: row.role ?? null,
        last_read_seq: my_last_read ?? 0,
        notify: my_notify ?? "all",
        unread: my_id === null ? 0 : Number(row.unread ?? 0),
        mentions: my_id === null ? 0 : Number(row.mentions ?? 0),
      }));
    },
  } satisfies Partial<Store>;
}
