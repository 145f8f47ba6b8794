import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Kysely } from "kysely";
import { BusySqliteDialect } from "./sqliteDialect.js";
import { kyselyStore } from "./kyselyStore.js";
import { SqliteMessageWriter } from "./sqliteMessageWriter.js";
import type { Database as Schema } from "./schema.js";
import type { Store } from "./store.js";
import type { CommitObserver } from "./messageWriter.js";

export interface SqliteOptions {
  dataDir: string;
  /** "normal" loses at most the last moments on power loss, never on a crash; "full" fsyncs each commit. */
  synchronous: "normal" | "full";
  /** 0: no cap but the disk's. */
  maxSizeMb?: number;
  observeCommits?: CommitObserver;
}

export function sqliteFile(dataDir: string): string {
  return join(dataDir, "natter.db");
}

export function openSqliteStore(options: SqliteOptions): Store {
  mkdirSync(options.dataDir, { recursive: true });
  const database = new Database(sqliteFile(options.dataDir));
  database.pragma("journal_mode = WAL");
  // Set after WAL: this build otherwise switches to FULL when WAL is enabled.
  database.pragma(`synchronous = ${options.synchronous.toUpperCase()}`);
  database.pragma("foreign_keys = ON");
  database.pragma("busy_timeout = 5000");
  if (options.maxSizeMb) capSize(database, options.maxSizeMb);
  return kyselyStore(new Kysely<Schema>({ dialect: new BusySqliteDialect(database) }), "sqlite", new SqliteMessageWriter(database), options.observeCommits);
}

/** A full database refuses writes with SQLITE_FULL (answered as STORAGE_FULL) and keeps serving reads. */
function capSize(database: Database.Database, maxSizeMb: number): void {
  const pageSize = Number(database.pragma("page_size", { simple: true }));
  database.pragma(`max_page_count = ${Math.max(1, Math.floor((maxSizeMb * 1024 * 1024) / pageSize))}`);
}
