import { sql, type Kysely, type Migration } from "kysely";
import type { Dialect } from "./migrations.js";

/** The migrations of link previews and custom emoji (issue 19, points 8 and 9); migrations.ts spreads them in. */
export function linkAndEmojiMigrations(dialect: Dialect): Record<string, Migration> {
  const bigint = dialect === "postgres" ? "bigint" : "integer";

  return {
    "035_link_previews": {
      async up(db: Kysely<unknown>) {
        // A message's preview as JSON (protocol's linkPreviewSchema); '' once its author removed it, so it is not fetched again.
        await sql`alter table messages add column preview text`.execute(db);
        // What a URL's page gave, kept until expires_at; a null preview remembers a page that gave none.
        await sql`create table link_previews (url text primary key, preview text, expires_at ${sql.raw(bigint)} not null)`.execute(db);
        // Each new entry sweeps the expired ones, so the cache holds about a day of links and no more.
        await sql`create index link_previews_expiry on link_previews (expires_at)`.execute(db);
      },
    },
    "036_custom_emoji": {
      async up(db: Kysely<unknown>) {
        await sql`create table custom_emoji (
          name text primary key,
          blob_key text not null,
          content_type text not null,
          created_by ${sql.raw(bigint)} references users(id) on delete set null,
          created_at ${sql.raw(bigint)} not null
        )`.execute(db);
      },
    },
  };
}
