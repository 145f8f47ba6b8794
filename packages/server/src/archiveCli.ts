import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { openBlobStore } from "./blobs/openBlobStore.js";
import { ExportError, exportRooms } from "./archive/exportRooms.js";
import { importNatter } from "./archive/importNatter.js";
import { ArchiveError } from "./archive/zipReader.js";
import { SettingsError, type Settings } from "./settings.js";
import { openStore } from "./storage/index.js";

export const ARCHIVE_USAGE = `  export --room NAME|--all --to FILE.zip   write rooms, people, messages and files (docs/export.md)
  import natter FILE.zip                   read such an archive into this installation (again: adds nothing)`;

export interface ExportFlags {
  room?: string | undefined;
  all?: boolean | undefined;
  to?: string | undefined;
}

/** `natter export`: written beside the target and renamed when complete, so no partial file has the name. */
export async function runExport(settings: Settings, flags: ExportFlags): Promise<string> {
  if (!flags.to) throw new SettingsError("export needs --to FILE.zip");
  if ((flags.room === undefined) === !flags.all) throw new SettingsError("export needs either --room NAME or --all");
  const scope = flags.room === undefined ? ({ kind: "all" } as const) : ({ kind: "room", room: flags.room } as const);
  const partial = `${flags.to}.part`;
  const store = openStore(settings);
  try {
    await store.migrate();
    const counts = await exportRooms({
      store,
      blobs: openBlobStore(settings),
      scope,
      out: createWriteStream(partial),
      onProgress: terminalProgress("exported"),
    });
    await rename(partial, flags.to);
    endProgress();
    return `exported ${counts.rooms} room(s), ${counts.messages} message(s), ${counts.files} file(s) and ${counts.users} user(s) to ${flags.to}`;
  } catch (error) {
    await rm(partial, { force: true });
    if (error instanceof ExportError) throw new SettingsError(error.message);
    throw error;
  } finally {
    await store.close();
  }
}

/** `natter import FORMAT FILE`: the format word says which reader. */
export async function runImport(settings: Settings, positionals: string[]): Promise<string> {
  const [, format, file] = positionals;
  if (format !== "natter") throw new SettingsError(`unknown import format "${format ?? ""}" (expected: natter)`);
  if (!file) throw new SettingsError("import natter needs the archive: natter import natter FILE.zip");
  const store = openStore(settings);
  try {
    await store.migrate();
    const counts = await importNatter({ store, blobs: openBlobStore(settings), file, onProgress: terminalProgress("imported") });
    endProgress();
    return `imported ${counts.messages} message(s) into ${counts.rooms} room(s) for ${counts.users} user(s); ${counts.skipped} were already here`;
  } catch (error) {
    if (error instanceof ArchiveError) throw new SettingsError(`refused ${file}: ${error.message}`);
    throw error;
  } finally {
    await store.close();
  }
}

/** On a terminal, one line redrawn in place; in a pipe or a log, nothing. */
function terminalProgress(verb: string) {
  return (counts: { messages: number }) => {
    if (process.stderr.isTTY) process.stderr.write(`\r${verb} ${counts.messages} message(s)…`);
  };
}

function endProgress(): void {
  if (process.stderr.isTTY) process.stderr.write("\n");
}
