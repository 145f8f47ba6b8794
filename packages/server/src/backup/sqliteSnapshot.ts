import Database from "better-sqlite3";

/**
 * 256 pages (1 MB at SQLite's 4 KB pages) per step: a step takes a few milliseconds, so a backup run inside
 * the server (the schedule) never holds its event loop, and so its sends, for long.
 */
const PAGES_PER_STEP = 256;

/**
 * Copies a live database with SQLite's online backup API. The source connection holds one read
 * transaction for the whole copy: in WAL mode that blocks no writer (they append to the WAL), and the
 * copy is the database as of that instant. Without it, every commit by the server between two steps
 * would restart the copy from page one (measured: 4,355 restarts in 6 s under steady sends).
 */
export async function snapshotSqlite(source: string, target: string, onProgress?: (copied: number, total: number) => void): Promise<void> {
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    db.exec("begin");
    db.prepare("select count(*) from sqlite_master").get();
    await db.backup(target, {
      progress({ totalPages, remainingPages }) {
        onProgress?.(totalPages - remainingPages, totalPages);
        return PAGES_PER_STEP;
      },
    });
    db.exec("commit");
  } finally {
    db.close();
  }
}

/** What the manifest tells of a SQLite copy, and `PRAGMA integrity_check`'s verdict on it. */
export function describeSqlite(file: string): { schema: string; counts: { users: number; rooms: number; messages: number; files: number }; integrity: string } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const count = (table: string) => Number(db.prepare(`select count(*) from ${table}`).pluck().get());
    const schema = db.prepare("select name from kysely_migration order by name desc limit 1").pluck().get();
    const integrity = (db.prepare("pragma integrity_check").pluck().all() as string[]).join("; ");
    return {
      schema: typeof schema === "string" ? schema : "",
      counts: { users: count("users"), rooms: count("rooms"), messages: count("messages"), files: count("files") },
      integrity,
    };
  } finally {
    db.close();
  }
}
