import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { createInterface } from "node:readline";
import yauzl, { type Entry, type ZipFile } from "yauzl";

/** The longest JSON line read; a message of the longest text is far below it. */
const LINE_MAX = 4 * 1024 * 1024;

/** A refused archive: the CLI prints the message as its one line and changes nothing. */
export class ArchiveError extends Error {}

/** A zip opened for reading any entry by name, in any order; yauzl checks the structure and every size. */
export class ZipReader {
  private constructor(
    private readonly zip: ZipFile,
    readonly entries: ReadonlyMap<string, Entry>,
  ) {}

  static async open(path: string): Promise<ZipReader> {
    const zip = await new Promise<ZipFile>((resolve, reject) =>
      yauzl.open(path, { lazyEntries: true, autoClose: false, strictFileNames: true }, (error, opened) => (error ? reject(refusal(error)) : resolve(opened))),
    );
    const entries = new Map<string, Entry>();
    await new Promise<void>((resolve, reject) => {
      zip.on("entry", (entry: Entry) => {
        if (entries.has(entry.fileName)) return reject(new ArchiveError(`the archive holds "${entry.fileName}" twice`));
        if (!entry.fileName.endsWith("/")) entries.set(entry.fileName, entry);
        zip.readEntry();
      });
      zip.on("end", () => resolve());
      zip.on("error", (error: Error) => reject(refusal(error)));
      zip.readEntry();
    }).catch((error: unknown) => {
      zip.close();
      throw error;
    });
    return new ZipReader(zip, entries);
  }

  async stream(name: string): Promise<Readable> {
    const entry = this.entries.get(name);
    if (!entry) throw new ArchiveError(`the archive has no "${name}"`);
    const stream = await new Promise<Readable>((resolve, reject) =>
      this.zip.openReadStream(entry, (error, opened) => (error ? reject(refusal(error)) : resolve(opened))),
    );
    return stream;
  }

  async buffer(name: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of await this.stream(name)) chunks.push(chunk as Buffer);
    } catch (error) {
      throw refusal(error);
    }
    return Buffer.concat(chunks);
  }

  async sha256(name: string): Promise<string> {
    const hash = createHash("sha256");
    try {
      for await (const chunk of await this.stream(name)) hash.update(chunk as Buffer);
    } catch (error) {
      throw refusal(error);
    }
    return hash.digest("hex");
  }

  /** The entry's lines, each parsed as JSON; a line too long or not JSON refuses the archive. */
  async *lines(name: string): AsyncGenerator<{ value: unknown; line: number }> {
    const reader = createInterface({ input: await this.stream(name), crlfDelay: Infinity });
    let line = 0;
    try {
      for await (const text of reader) {
        line += 1;
        if (text.length > LINE_MAX) throw new ArchiveError(`${name} line ${line} is too long`);
        if (text.trim() === "") continue;
        try {
          yield { value: JSON.parse(text) as unknown, line };
        } catch (error) {
          if (error instanceof SyntaxError) throw new ArchiveError(`${name} line ${line} is not JSON`);
          throw error;
        }
      }
    } catch (error) {
      throw refusal(error);
    }
  }

  close(): void {
    this.zip.close();
  }
}

function refusal(error: unknown): Error {
  if (error instanceof ArchiveError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ArchiveError(`not a readable zip archive (${message})`);
}
