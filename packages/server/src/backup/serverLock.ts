import Database from "better-sqlite3";
import { existsSync } from "node:fs";

/**
 * Whether a process (a server, `natter admin`, a backup) has this SQLite database open. Every connection
 * in WAL mode holds a shared POSIX lock on the `-shm` file for as long as it is open; taking the database
 * in exclusive locking mode needs there to be none, and fails at once (busy_timeout 0) when there is.
 * So the server's own connection is the lock, and a server that crashed holds none. POSIX locks are not
 * reliable over NFS: keep DATA_DIR on a local disk.
 */
export function databaseInUse(file: string): boolean {
  if (!existsSync(file)) return false;
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true });
  } catch {
    return false;
  }
  try {
    db.pragma("busy_timeout = 0");
    db.pragma("locking_mode = exclusive");
    db.exec("begin exclusive");
    db.exec("commit");
    return false;
  } catch (error) {
    // Anything else (not a database at all, say) is no database a server could have open.
    return (error as { code?: unknown }).code === "SQLITE_BUSY";
  } finally {
    db.close();
  }
}
