import { sql, type Kysely, type Migration } from "kysely";
import type { Dialect } from "./migrations.js";

/** The migrations of the send path's cost (issue 20). migrations.ts spreads them after the team's. */
export function sendPathMigrations(dialect: Dialect): Record<string, Migration> {
  return {
    "039_search_index_per_batch": {
      async up(db: Kysely<unknown>) {
        if (dialect !== "sqlite") return;
        // FTS5 flushes its pending terms at the end of every statement, so a trigger (a statement per row) made
        // the trigram index 35–75 µs of each send. The message writer now indexes a group commit's new messages
        // in one statement, in the same transaction (10–14 µs each at 50–200 a batch): search stays exact at once.
        await sql`drop trigger if exists messages_fts_insert`.execute(db);
      },
    },
  };
}
