import { openBlobStore } from "../blobs/openBlobStore.js";
import { ensureGeneral } from "../domain/rooms.js";
import { SettingsError, type Settings } from "../settings.js";
import { openStore } from "../storage/index.js";
import { importSlack } from "./slack/importSlack.js";
import type { ImportReport } from "./slack/report.js";

export const IMPORT_USAGE = `  import slack EXPORT.zip [--dry-run]
            bring in a Slack workspace export; run it again to resume (docs/integrations.md)`;

/**
 * `natter import slack EXPORT.zip [--dry-run]`, on the database of a running server or a stopped one.
 * Progress goes to stderr when it is a terminal; the report (counts, then what was skipped and why) to stdout.
 */
export async function runImport(
  settings: Settings,
  positionals: readonly string[],
  options: { dryRun: boolean; out: NodeJS.WritableStream; err: NodeJS.WriteStream | NodeJS.WritableStream },
): Promise<void> {
  const [, format, path] = positionals;
  if (format !== "slack") throw new SettingsError(`unknown import format "${format ?? ""}" (expected slack or natter)`);
  if (!path) throw new SettingsError("name the export: natter import slack EXPORT.zip");
  const store = openStore(settings);
  try {
    await store.migrate();
    const domain = { store, blobs: openBlobStore(settings), now: Date.now };
    await ensureGeneral(domain);
    const tty = "isTTY" in options.err && options.err.isTTY === true;
    const report = await importSlack(domain, path, {
      dryRun: options.dryRun,
      maxFileBytes: Math.floor(settings.maxUploadMb * 1024 * 1024),
      onProgress: tty ? (r) => void options.err.write(progressLine(r)) : undefined,
    });
    if (tty) options.err.write("\n");
    options.out.write(summary(report, options.dryRun));
  } finally {
    await store.close();
  }
}

function progressLine(report: ImportReport): string {
  const width = 30;
  const share = report.filesTotal === 0 ? 0 : report.filesDone / report.filesTotal;
  const bar = "#".repeat(Math.round(share * width)).padEnd(width, ".");
  const { messages, replies, alreadyImported } = report.counts;
  // \r and "erase line": one line redrawn in place.
  return `\r\u001b[2K[${bar}] ${report.filesDone}/${report.filesTotal} files, ${messages + replies} messages (${alreadyImported} already there) · ${report.step}`.slice(
    0,
    200,
  );
}

export function summary(report: ImportReport, dryRun: boolean): string {
  const c = report.counts;
  const lines = [
    dryRun ? "Dry run: nothing was written. It would bring in:" : "Imported:",
    `  ${c.users} accounts (no password until claimed), ${c.rooms} rooms, ${c.members} memberships`,
    `  ${c.messages} messages and ${c.replies} thread replies, ${c.reactions} reactions, ${c.files} files (${c.filesWithoutBytes} more named only: not in the export)`,
    `  ${c.alreadyImported} messages were there already (an earlier run)`,
    `Skipped: ${c.skipped}`,
    ...report.skips().map((skip) => `  ${skip.what}: ${skip.reason}`),
  ];
  return `${lines.join("\n")}\n`;
}
