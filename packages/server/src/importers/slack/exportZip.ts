import type { Readable } from "node:stream";
import yauzl from "yauzl";

/** A JSON file bigger than this is skipped: one day of one channel is far smaller in any real export. */
export const MAX_JSON_BYTES = 64 * 1024 * 1024;

/** One day of one conversation: `general/2024-03-01.json`. */
export interface DayFile {
  folder: string;
  day: string;
  entry: yauzl.Entry;
}

/**
 * A Slack export's zip, read in place: only its directory is held in memory, and each file is inflated when
 * it is read, so a 1 GB export costs the largest single file, not the archive.
 */
export class ExportZip {
  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly entries: Map<string, yauzl.Entry>,
  ) {}

  static async open(path: string): Promise<ExportZip> {
    // autoClose off: files are read out of the directory's order, after it is read; close() lets the file go.
    const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false, strictFileNames: false, decodeStrings: true });
    try {
      const entries = new Map<string, yauzl.Entry>();
      for await (const entry of zip.eachEntry()) if (!entry.fileName.endsWith("/")) entries.set(entry.fileName, entry);
      return new ExportZip(zip, entries);
    } catch (error) {
      zip.close();
      throw error;
    }
  }

  close(): void {
    this.zip.close();
  }

  /** The top-level file, or the one inside a single wrapping folder (some tools zip the export's folder). */
  find(name: string): yauzl.Entry | undefined {
    return this.entries.get(name) ?? this.entries.get(`${this.prefix()}${name}`);
  }

  /** Each conversation folder's day files, in day order (and so in ts order). */
  dayFiles(): Map<string, DayFile[]> {
    const prefix = this.prefix();
    const folders = new Map<string, DayFile[]>();
    for (const [name, entry] of this.entries) {
      const match = name.slice(prefix.length).match(/^([^/]+)\/(\d{4}-\d{2}-\d{2})\.json$/);
      if (!name.startsWith(prefix) || !match?.[1] || !match[2]) continue;
      const days = folders.get(match[1]) ?? [];
      days.push({ folder: match[1], day: match[2], entry });
      folders.set(match[1], days);
    }
    for (const days of folders.values()) days.sort((a, b) => a.day.localeCompare(b.day));
    return folders;
  }

  /**
   * Files whose bytes the export carries, by Slack file id: `__uploads/F123/name` (Slack's exports with files)
   * or `<folder>/attachments/F123-name` (common export tools).
   */
  fileBytes(): Map<string, yauzl.Entry> {
    const files = new Map<string, yauzl.Entry>();
    for (const [name, entry] of this.entries) {
      const match = name.match(/(?:^|\/)(?:__uploads|attachments|files)\/(F[A-Z0-9]{4,})(?:\/|[-_.])/);
      if (match?.[1]) files.set(match[1], entry);
    }
    return files;
  }

  /** The parsed JSON of a file, or why it could not be read. */
  async readJson(entry: yauzl.Entry): Promise<{ json: unknown } | { error: string }> {
    if (entry.uncompressedSize > MAX_JSON_BYTES) return { error: `larger than ${MAX_JSON_BYTES / 1024 / 1024} MB` };
    try {
      return { json: JSON.parse((await this.read(entry, MAX_JSON_BYTES)).toString("utf8")) as unknown };
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
  }

  /** The bytes of a file, refused past `limit` (the size in the directory may lie; the inflated stream cannot). */
  async read(entry: yauzl.Entry, limit: number): Promise<Buffer> {
    const stream: Readable = await this.zip.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > limit) {
        stream.destroy();
        throw new Error(`larger than ${limit} bytes`);
      }
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  }

  /** A single folder every entry sits in, else "". */
  private prefix(): string {
    if (this.entries.has("users.json") || this.entries.has("channels.json")) return "";
    for (const name of this.entries.keys()) {
      const top = name.split("/")[0];
      if (top && this.entries.has(`${top}/channels.json`)) return `${top}/`;
    }
    return "";
  }
}
