import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rename, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import pg from "pg";
import { migrationNames } from "../storage/migrations.js";
import { APPLICATION_NAME, openPostgresStore } from "../storage/postgres.js";
import { openSqliteStore, sqliteFile } from "../storage/sqlite.js";
import { readArchive } from "./archive.js";
import { BackupError, type Manifest } from "./manifest.js";
import { postgresTool, run } from "./postgresDump.js";
import { databaseInUse } from "./serverLock.js";
import { describeSqlite, integrityOf } from "./sqliteSnapshot.js";

export interface RestoreInput {
  file: string;
  dataDir: string;
  /** For a PostgreSQL backup: the database to restore into. */
  databaseUrl?: string;
  force: boolean;
}

/**
 * `natter restore FILE --data-dir DIR`: every check runs on a copy staged beside DIR (the archive's manifest
 * and checksums, the schema, `PRAGMA integrity_check`, then the migrations to this version); only when all
 * pass does the copy move into DIR. A refusal leaves DIR (and the database) as they were.
 */
export async function restore(input: RestoreInput): Promise<string> {
  const dataDir = resolve(input.dataDir);
  if (databaseInUse(sqliteFile(dataDir))) throw new BackupError(`a Natter server (or another natter command) has ${sqliteFile(dataDir)} open: stop it first`);
  await refuseNonEmpty(dataDir, input.force, (name) => !name.startsWith("."));
  await mkdir(dirname(dataDir), { recursive: true });
  const staging = await mkdtemp(`${dataDir}.restore-`);
  try {
    const manifest = await readArchive(input.file, staging);
    if (!migrationNames().includes(manifest.schema))
      throw new BackupError(`the backup's schema ${manifest.schema} is newer than this Natter knows: upgrade Natter first`);
    const restored = manifest.store === "sqlite" ? await checkSqlite(staging, manifest) : await restorePostgres(staging, manifest, input);
    await moveInto(staging, dataDir, input.force);
    const files = manifest.entries.filter((entry) => entry.name.startsWith("files/")).length;
    return `restored the backup of ${manifest.createdAt}: ${manifest.counts.messages} messages, ${manifest.counts.users} users, ${files} files, ${restored}`;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function refuseNonEmpty(dataDir: string, force: boolean, counts: (name: string) => boolean): Promise<void> {
  const present = existsSync(dataDir) ? (await readdir(dataDir)).filter(counts) : [];
  if (present.length > 0 && !force)
    throw new BackupError(`${dataDir} is not empty (${present.slice(0, 3).join(", ")}): add --force to replace its database and files`);
}

async function checkSqlite(staging: string, manifest: Manifest): Promise<string> {
  const file = sqliteFile(staging);
  const integrity = integrityOf(file);
  if (integrity !== "ok") throw new BackupError(`the backed-up database fails PRAGMA integrity_check: ${integrity.slice(0, 200)}`);
  const found = await describeSqlite(file);
  if (found.schema !== manifest.schema)
    throw new BackupError(`the backed-up database is at ${found.schema}, its manifest says ${manifest.schema}: the archive was changed`);
  const store = openSqliteStore({ dataDir: staging, synchronous: "full" });
  try {
    await store.migrate();
  } finally {
    await store.close();
  }
  const latest = migrationNames().at(-1) ?? manifest.schema;
  return latest === manifest.schema ? `schema ${latest}` : `schema migrated from ${manifest.schema} to ${latest}`;
}

/** pg_restore in one transaction: a failure rolls all of it back. The dump itself is left in staging. */
async function restorePostgres(staging: string, manifest: Manifest, input: RestoreInput): Promise<string> {
  const url = input.databaseUrl;
  if (!url) throw new BackupError("this is a PostgreSQL backup: name the database to restore into with --database-url (or DATABASE_URL)");
  const tool = postgresTool("pg_restore");
  if (!tool) throw new BackupError("pg_restore was not found: install the PostgreSQL client of the server's major version");
  const client = new pg.Client({ connectionString: url });
  await client.connect().catch((error: unknown) => {
    throw new BackupError(`cannot reach the database: ${error instanceof Error ? error.message : String(error)}`);
  });
  try {
    const servers = await client.query(
      "select 1 from pg_stat_activity where datname = current_database() and application_name = $1 and pid <> pg_backend_pid()",
      [APPLICATION_NAME],
    );
    if ((servers.rowCount ?? 0) > 0) throw new BackupError("a Natter server is connected to this database: stop every node first");
    const tables = await client.query("select 1 from information_schema.tables where table_schema = 'public' limit 1");
    if ((tables.rowCount ?? 0) > 0 && !input.force) throw new BackupError("the database is not empty: add --force to replace its tables");
  } finally {
    await client.end();
  }
  const dump = join(staging, "natter.pgdump");
  await run(tool, ["--no-owner", "--exit-on-error", "--single-transaction", ...(input.force ? ["--clean", "--if-exists"] : []), `--dbname=${url}`, dump]);
  await rm(dump);
  const store = openPostgresStore(url);
  try {
    await store.migrate();
  } finally {
    await store.close();
  }
  return `into the PostgreSQL database (schema ${manifest.schema}, migrated to ${migrationNames().at(-1) ?? manifest.schema})`;
}

/** The staged database and files replace DIR's; anything else in DIR stays. */
async function moveInto(staging: string, dataDir: string, force: boolean): Promise<void> {
  await mkdir(dataDir, { recursive: true });
  if (databaseInUse(sqliteFile(dataDir))) throw new BackupError(`a Natter server opened ${sqliteFile(dataDir)} during the restore: nothing was changed`);
  if (force) for (const name of ["natter.db", "natter.db-wal", "natter.db-shm", "files"]) await rm(join(dataDir, name), { recursive: true, force: true });
  for (const name of ["natter.db", "files"]) if (existsSync(join(staging, name))) await rename(join(staging, name), join(dataDir, name));
}
