import { createHash } from "node:crypto";
import { Readable, Transform, type Writable } from "node:stream";
import { finished, pipeline } from "node:stream/promises";
import { ZipFile } from "yazl";
import { ENTRY, EXPORT_FORMAT, EXPORT_VERSION, type Manifest } from "./format.js";

/**
 * A zip written as it goes: entries are streamed one after another (yazl writes them in the order they are
 * added), each awaited before the next, so memory holds one page of lines or one file's chunks at a time.
 * Every entry's SHA-256 goes into the manifest, written last.
 */
export class ArchiveWriter {
  private readonly zip = new ZipFile();
  private readonly checksums: Record<string, string> = {};
  private readonly written: Promise<void>;

  constructor(out: Writable) {
    this.written = pipeline(this.zip.outputStream, out);
    // A failed destination must not leave an unhandled rejection while entries are still being added.
    this.written.catch(() => undefined);
  }

  /** One JSON value per line; answers how many lines were written. */
  async addLines(name: string, values: AsyncIterable<unknown>): Promise<number> {
    let count = 0;
    const lines = async function* () {
      for await (const value of values) {
        count += 1;
        yield Buffer.from(`${JSON.stringify(value)}\n`, "utf8");
      }
    };
    await this.addStream(name, Readable.from(lines(), { objectMode: false }));
    return count;
  }

  async addJson(name: string, value: unknown): Promise<void> {
    await this.addStream(name, Readable.from([Buffer.from(`${JSON.stringify(value, null, 2)}\n`, "utf8")], { objectMode: false }));
  }

  async addStream(name: string, source: Readable): Promise<void> {
    const hash = createHash("sha256");
    // Hashes what passes without reading ahead of the zip: yazl starts reading an entry only when it reaches it.
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        done(null, chunk);
      },
    });
    this.zip.addReadStream(tap, name);
    await Promise.race([Promise.all([pipeline(source, tap), finished(tap)]), this.written.then(() => Promise.reject(new Error("the archive ended early")))]);
    this.checksums[name] = hash.digest("hex");
  }

  /** Writes the manifest and the zip's directory; resolves when the destination has every byte. */
  async finish(manifest: Omit<Manifest, "format" | "version" | "checksums">): Promise<void> {
    const full: Manifest = { format: EXPORT_FORMAT, version: EXPORT_VERSION, ...manifest, checksums: this.checksums };
    this.zip.addBuffer(Buffer.from(`${JSON.stringify(full, null, 2)}\n`, "utf8"), ENTRY.manifest);
    this.zip.end();
    await this.written;
  }
}
