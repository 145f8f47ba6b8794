import type { Kysely } from "kysely";
import type { CustomEmojiRow, Database } from "../schema.js";

/** The server's custom emoji, by name; written by domain/customEmoji.ts only. */
export interface CustomEmojiStore {
  /** Every one, by name, with its creator's username (null once that account is gone). */
  customEmoji(): Promise<(CustomEmojiRow & { creator: string | null })[]>;
  customEmojiByName(name: string): Promise<CustomEmojiRow | undefined>;
  /** False when the name is taken. */
  addCustomEmoji(row: CustomEmojiRow): Promise<boolean>;
  /** The removed row, for its blob; undefined when there was none. */
  removeCustomEmoji(name: string): Promise<CustomEmojiRow | undefined>;
}

export function customEmojiQueries(db: Kysely<Database>): CustomEmojiStore {
  return {
    customEmoji: () =>
      db
        .selectFrom("custom_emoji")
        .leftJoin("users", "users.id", "custom_emoji.created_by")
        .selectAll("custom_emoji")
        .select("users.username as creator")
        .orderBy("custom_emoji.name")
        .execute(),

    customEmojiByName: (name) => db.selectFrom("custom_emoji").selectAll().where("name", "=", name).executeTakeFirst(),

    async addCustomEmoji(row) {
      const added = await db
        .insertInto("custom_emoji")
        .values(row)
        .onConflict((oc) => oc.column("name").doNothing())
        .returning("name")
        .executeTakeFirst();
      return added !== undefined;
    },

    removeCustomEmoji: (name) => db.deleteFrom("custom_emoji").where("name", "=", name).returningAll().executeTakeFirst(),
  };
}
