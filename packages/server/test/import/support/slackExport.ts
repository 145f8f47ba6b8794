import { createWriteStream } from "node:fs";
import { pipeline } from "node:stream/promises";
import yazl from "yazl";

/** A file of an export: JSON (written as Slack writes it) or raw bytes (a broken file, an uploaded file). */
export type ExportFiles = Record<string, unknown>;

/** Writes a Slack export's zip, as Slack's "Export data" makes it, to `path`. */
export async function writeSlackExport(path: string, files: ExportFiles): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(files)) {
    const bytes = Buffer.isBuffer(content) ? content : typeof content === "string" ? Buffer.from(content) : Buffer.from(JSON.stringify(content, null, 4));
    zip.addBuffer(bytes, name);
  }
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path));
}

/** Slack's ts for a time in seconds, with microseconds that order messages of the same second. */
export function ts(seconds: number, micros = 0): string {
  return `${seconds}.${String(micros).padStart(6, "0")}`;
}
