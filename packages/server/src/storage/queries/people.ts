import { sql, type Kysely } from "kysely";
import type { Database } from "../schema.js";

/** `%` and `_` typed into a search are letters, not wildcards. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/** The console's reads and writes of people, and the overview's counts. */
export function peopleQueries(db: Kysely<Database>) {
  return {
    /** In key order, after `afterKey`; `text` matches part of the name or display name, ignoring case. */
    searchUsers(text: string, afterKey: string | undefined, limit: number) {
      let query = db.selectFrom("users").selectAll().orderBy("username_key").limit(limit);
      if (afterKey !== undefined) query = query.where("username_key", ">", afterKey);
      if (text !== "") {
        const pattern = `%${likeLiteral(text.toLowerCase())}%`;
        query = query.where((eb) =>
          eb.or([eb(sql`lower(username)`, "like", sql`${pattern} escape '\\'`), eb(sql`lower(display_name)`, "like", sql`${pattern} escape '\\'`)]),
        );
      }
      return query.execute();
    },

    async hasMessageFromOthers(roomId: number, userId: number) {
      const row = await db.selectFrom("messages").select("id").where("room_id", "=", roomId).where("author_id", "<>", userId).limit(1).executeTakeFirst();
      return row !== undefined;
    },

    setDeactivated: (userId: number, at: number | null) =>
      db.updateTable("users").set({ deactivated_at: at }).where("id", "=", userId).returningAll().executeTakeFirst(),

    /** Kinds of a guest's account turn into a member's; name, id and history stay. */
    upgradeGuest: (userId: number, passwordHash: string) =>
      db
        .updateTable("users")
        .set({ kind: "member", password_hash: passwordHash })
        .where("id", "=", userId)
        .where("kind", "=", "guest")
        .returningAll()
        .executeTakeFirst(),

    async overviewCounts() {
      const [people, rooms, files] = await Promise.all([
        db
          .selectFrom("users")
          .select((eb) => [eb.fn.countAll<number>().as("all"), eb.fn.count<number>("deactivated_at").as("deactivated")])
          .executeTakeFirstOrThrow(),
        db
          .selectFrom("rooms")
          .select((eb) => [
            eb.fn.count<number>(sql`case when kind <> 'dm' then 1 end`).as("rooms"),
            // Every message took the next seq of its room, so the seqs add up to the messages ever sent.
            eb.fn.coalesce(eb.fn.sum<number>("last_seq"), sql<number>`0`).as("messages"),
          ])
          .executeTakeFirstOrThrow(),
        db
          .selectFrom("files")
          .select((eb) => eb.fn.coalesce(eb.fn.sum<number>("size"), sql<number>`0`).as("bytes"))
          .executeTakeFirstOrThrow(),
      ]);
      const deactivated = Number(people.deactivated);
      return {
        people: Number(people.all) - deactivated,
        deactivated,
        rooms: Number(rooms.rooms),
        messages: Number(rooms.messages),
        storageBytes: Number(files.bytes),
      };
    },
  };
}
