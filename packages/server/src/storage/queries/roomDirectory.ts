import { sql, type Kysely } from "kysely";
import type { Database } from "../schema.js";
import type { Store } from "../store.js";

export interface DirectoryFilter {
  userId: number;
  /** Lower-cased part of the name or topic. */
  contains: string | undefined;
  limit: number;
}

export interface DirectoryListing {
  name: string;
  topic: string;
  member_count: number;
  last_activity_at: number | null;
  joined: boolean;
}

/** The room directory: public rooms that are not archived nor deleted, without those the reader is banned from. */
export function roomDirectoryQueries(db: Kysely<Database>) {
  return {
    async roomDirectory({ userId, contains, limit }: DirectoryFilter): Promise<DirectoryListing[]> {
      let query = db
        .selectFrom("rooms")
        .leftJoin("memberships as mine", (join) => join.onRef("mine.room_id", "=", "rooms.id").on("mine.user_id", "=", userId))
        .select(["rooms.name", "rooms.topic", "rooms.member_count", "mine.user_id as my_id"])
        .select((eb) =>
          eb
            .selectFrom("messages")
            .select("messages.created_at")
            .whereRef("messages.room_id", "=", "rooms.id")
            .whereRef("messages.seq", "=", "rooms.last_seq")
            .as("last_activity_at"),
        )
        .where("rooms.kind", "=", "public")
        .where("rooms.archived_at", "is", null)
        .where("rooms.deleted_at", "is", null)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb.selectFrom("room_bans").select("room_bans.user_id").whereRef("room_bans.room_id", "=", "rooms.id").where("room_bans.user_id", "=", userId),
            ),
          ),
        )
        .orderBy("rooms.last_seq", "desc")
        .orderBy("rooms.name_key")
        .limit(limit);
      if (contains) {
        const pattern = `%${contains.replace(/[\\%_]/g, "\\$&")}%`;
        query = query.where(sql<boolean>`(rooms.name_key like ${pattern} escape '\\' or lower(rooms.topic) like ${pattern} escape '\\')`);
      }
      const rows = await query.execute();
      return rows.map(({ my_id, ...row }) => ({
        ...row,
        member_count: Number(row.member_count),
        last_activity_at: row.last_activity_at === null || row.last_activity_at === undefined ? null : Number(row.last_activity_at),
        joined: my_id !== null,
      }));
    },
  } satisfies Partial<Store>;
}
