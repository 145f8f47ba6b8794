import type { Kysely } from "kysely";
import type { CustomEmojiRow, Database } from "../schema.js";

/** The server's custom emoji, by name; written by domain/customEmoji.ts only. */
export interface CustomEmojiStore {
  customEmoji(): Promise<CustomEmojiRow[]>;
  customEmojiByName(name: string): Promise<CustomEmojiRow | undefined>;
  /** False when the name is taken. */
  addCustomEmoji(row: CustomEmojiRow): Promise<boolean>;
  /** The removed row, for its blob; undefined when there was none. */
  removeCustomEmoji(name: string): Promise<CustomEmojiRow | undefined>;
}

export function customEmojiQueries(db: Kysely<Database>): CustomEmojiStore {
  return {
    customEmoji: () => db.selectFrom("custom_emoji").selectAll().orderBy("name").execute(),

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
