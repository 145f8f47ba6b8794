import type { Kysely } from "kysely";
import type { Database, FileRow } from "../schema.js";
import type { Store } from "../store.js";

/** Uploads; they are attached to messages by the message writers. */
export function fileQueries(db: Kysely<Database>) {
  return {
    async insertFile(file: FileRow) {
      await db.insertInto("files").values(file).execute();
    },

    fileById: (id: string) => db.selectFrom("files").selectAll().where("id", "=", id).executeTakeFirst(),

    async filesByIds(ids: readonly string[]) {
      if (ids.length === 0) return [];
      return db.selectFrom("files").selectAll().where("id", "in", ids).execute();
    },

    async filesOfMessages(messageIds: readonly number[]) {
      if (messageIds.length === 0) return [];
      return db.selectFrom("files").selectAll().where("message_id", "in", messageIds).orderBy("created_at").orderBy("id").execute();
    },

    deleteFilesOfMessage: (messageId: number) => db.deleteFrom("files").where("message_id", "=", messageId).returningAll().execute(),

    async bytesUsed(ownerId: number) {
      const row = await db
        .selectFrom("files")
        .select((eb) => eb.fn.sum<number>("size").as("n"))
        .where("owner_id", "=", ownerId)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  } satisfies Partial<Store>;
}
