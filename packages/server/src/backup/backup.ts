import { mkdir, mkdtemp, readdir, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Settings } from "../settings.js";
import { sqliteFile } from "../storage/sqlite.js";
import { digest, writeArchive, type SourceFile } from "./archive.js";
import { BACKUP_FORMAT, BackupError, type Manifest } from "./manifest.js";
import { dumpPostgres } from "./postgresDump.js";
import { describeSqlite, snapshotSqlite } from "./sqliteSnapshot.js";

export type BackupSettings = Pick<Settings, "databaseUrl" | "dataDir" | "blobStore">;

export interface BackupReport {
  file: string;
  manifest: Manifest;
  bytes: number;
  seconds: number;
}

/**
 * `natter backup FILE`, while the server runs: a consistent copy of the database (SQLite's online backup,
 * or pg_dump) and the files folder, in one tar (gzipped when FILE ends in .gz or .tgz) with a manifest.
 */
export async function backup(settings: BackupSettings, file: string): Promise<BackupReport> {
  const started = performance.now();
  await mkdir(dirname(file), { recursive: true }).catch(() => undefined);
  // The copy is staged beside the archive, so a backup never fills the disk the server writes to unless it is the same.
  const staging = await mkdtemp(join(dirname(file), `.${basename(file)}.staging-`)).catch((error: unknown) => {
    throw new BackupError(`cannot write in ${dirname(file)}: ${error instanceof Error ? error.message : String(error)}`);
  });
  try {
    const database = settings.databaseUrl
      ? await dumpPostgres(settings.databaseUrl, join(staging, "natter.pgdump"))
      : await copySqlite(settings.dataDir, staging);
    const blobs = settings.blobStore === "disk" ? await blobFiles(join(settings.dataDir, "files")) : [];
    const sources = [database.source, ...blobs];
    const entries = [];
    for (const source of sources) entries.push({ name: source.name, ...(await digest(source.path)) });
    const manifest: Manifest = {
      format: BACKUP_FORMAT,
      version: 1,
      createdAt: new Date().toISOString(),
      store: settings.databaseUrl ? "postgres" : "sqlite",
      schema: database.schema,
      counts: database.counts,
      entries,
    };
    await writeArchive(file, manifest, sources, /\.(t?gz)$/i.test(file));
    return { file, manifest, bytes: entries.reduce((sum, entry) => sum + entry.size, 0), seconds: (performance.now() - started) / 1000 };
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

async function copySqlite(dataDir: string, staging: string) {
  const path = join(staging, "natter.db");
  await snapshotSqlite(sqliteFile(dataDir), path).catch((error: unknown) => {
    throw new BackupError(`cannot copy the database in ${dataDir}: ${error instanceof Error ? error.message : String(error)}`);
  });
  const { schema, counts } = await describeSqlite(path);
  return { source: { name: "natter.db", path }, schema, counts };
}

/** Every stored blob (DATA_DIR/files/<2 chars>/<key>); `.part` files are uploads still being written. */
async function blobFiles(root: string): Promise<SourceFile[]> {
  const found: SourceFile[] = [];
  const folders = await readdir(root, { withFileTypes: true }).catch(() => []);
  for (const folder of folders.filter((entry) => entry.isDirectory()).sort((a, b) => a.name.localeCompare(b.name))) {
    const names = await readdir(join(root, folder.name), { withFileTypes: true });
    for (const name of names.filter((entry) => entry.isFile() && /^[A-Za-z0-9_-]+$/.test(entry.name)).sort((a, b) => a.name.localeCompare(b.name))) {
      found.push({ name: `files/${folder.name}/${name.name}`, path: join(root, folder.name, name.name) });
    }
  }
  return found;
}
