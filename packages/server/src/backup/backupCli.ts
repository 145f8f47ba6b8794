import type { Settings } from "../settings.js";
import { backup } from "./backup.js";
import { BackupError } from "./manifest.js";
import { restore } from "./restore.js";

export const BACKUP_USAGE = `  backup FILE   a consistent copy while the server runs (SQLite online backup or pg_dump, plus DATA_DIR/files)
                into one tar (gzipped if FILE ends in .gz) with a manifest; same DATA_DIR / DATABASE_URL as the server
  restore FILE --data-dir DIR [--database-url URL] [--force]
                checks the archive, then restores it into a stopped server's DIR (and database, for PostgreSQL)`;

/** `natter backup FILE` and `natter restore FILE`: one line of result, or a BackupError's one line. */
export async function runBackupCommand(settings: Settings, command: "backup" | "restore", positionals: string[], force: boolean): Promise<string> {
  const file = positionals[1];
  if (!file || positionals.length > 2) throw new BackupError(`usage: natter ${command} FILE${command === "restore" ? " --data-dir DIR [--force]" : ""}`);
  if (command === "restore") return restore({ file, dataDir: settings.dataDir, databaseUrl: settings.databaseUrl, force });
  const report = await backup(settings, file);
  const { counts } = report.manifest;
  const mb = (report.bytes / 1024 / 1024).toFixed(1);
  return `wrote ${file}: ${counts.messages} messages, ${counts.users} users, ${report.manifest.entries.length - 1} files, ${mb} MB in ${report.seconds.toFixed(1)} s (schema ${report.manifest.schema})`;
}
