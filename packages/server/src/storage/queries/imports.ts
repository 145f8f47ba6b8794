import type { Kysely } from "kysely";
import type { Database, ImportJobRow } from "../schema.js";
import type { Store } from "../store.js";
import { MAX_IDS_PER_QUERY } from "./common.js";

/** What imports keep besides the messages (stored by the message writers): keys of users and rooms, and jobs. */
export function importQueries(db: Kysely<Database>) {
  return {
    async importTargets(source: string, keys: readonly string[]) {
      const targets = new Map<string, number>();
      for (let start = 0; start < keys.length; start += MAX_IDS_PER_QUERY) {
        const rows = await db
          .selectFrom("import_keys")
          .select(["key", "target_id"])
          .where("source", "=", source)
          .where("key", "in", keys.slice(start, start + MAX_IDS_PER_QUERY))
          .execute();
        for (const row of rows) targets.set(row.key, row.target_id);
      }
      return targets;
    },

    async saveImportKey(source: string, kind: "user" | "room", key: string, targetId: number) {
      await db
        .insertInto("import_keys")
        .values({ source, kind, key, target_id: targetId })
        .onConflict((oc) => oc.columns(["source", "key"]).doNothing())
        .execute();
    },

    async isImportedUser(userId: number) {
      const row = await db.selectFrom("import_keys").select("key").where("kind", "=", "user").where("target_id", "=", userId).limit(1).executeTakeFirst();
      return row !== undefined;
    },

    async createImportJob(job: ImportJobRow) {
      await db.insertInto("import_jobs").values(job).execute();
    },

    async updateImportJob(id: string, change: Partial<Omit<ImportJobRow, "id">>) {
      if (Object.keys(change).length > 0) await db.updateTable("import_jobs").set(change).where("id", "=", id).execute();
    },

    importJobById: (id: string) => db.selectFrom("import_jobs").selectAll().where("id", "=", id).executeTakeFirst(),

    runningImportJob: (since: number) =>
      db.selectFrom("import_jobs").selectAll().where("state", "=", "running").where("updated_at", ">", since).limit(1).executeTakeFirst(),
  } satisfies Partial<Store>;
}
