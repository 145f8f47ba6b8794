import { sql, type Kysely } from "kysely";
import type { Database } from "../schema.js";

/** `%` and `_` typed into a search are letters, not wildcards. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

export interface DirectoryQuery {
  text: string;
  afterKey: string | undefined;
  limit: number;
  /** A guest's id: only the people who share a room with them (as Slack and Mattermost show guests). */
  sharingWith?: number | undefined;
}

/** The people directory's read: accounts that can sign in (or bots), never deactivated or deleted ones. */
export function directoryQueries(db: Kysely<Database>) {
  return {
    directory(query: DirectoryQuery) {
      let select = db
        .selectFrom("users")
        .selectAll()
        .where("deactivated_at", "is", null)
        .where("deleted_at", "is", null)
        .orderBy("username_key")
        .limit(query.limit);
      if (query.afterKey !== undefined) select = select.where("username_key", ">", query.afterKey);
      if (query.text !== "") {
        const pattern = `%${likeLiteral(query.text.toLowerCase())}%`;
        select = select.where((eb) =>
          eb.or([eb(sql`lower(username)`, "like", sql`${pattern} escape '\\'`), eb(sql`lower(display_name)`, "like", sql`${pattern} escape '\\'`)]),
        );
      }
      const guest = query.sharingWith;
      if (guest !== undefined) {
        select = select.where("id", "in", (eb) =>
          eb
            .selectFrom("memberships as theirs")
            .innerJoin("memberships as mine", "mine.room_id", "theirs.room_id")
            .select("theirs.user_id")
            .where("mine.user_id", "=", guest),
        );
      }
      return select.execute();
    },
  };
}
