import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, open, rename, rm } from "node:fs/promises";
import { dirname, join } from "node:path";
import { PassThrough, Transform, type Readable, type Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";
import tar, { type Header, type Pack } from "tar-stream";
import { BACKUP_FORMAT, BackupError, MANIFEST_NAME, manifestSchema, type Manifest, type ManifestEntry } from "./manifest.js";

/** One entry read from an archive: its header, and its bytes as they stream. */
type ArchiveEntry = AsyncIterable<Buffer> & { header: Header; resume(): unknown };

export interface SourceFile {
  /** Its name in the archive. */
  name: string;
  /** Where it is on disk. */
  path: string;
}

/** SHA-256 and size of a file, read once. */
export async function digest(path: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash("sha256");
  let size = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    size += chunk.length;
  }
  return { size, sha256: hash.digest("hex") };
}

/**
 * Writes the archive under a temporary name beside `file`, syncs it, and renames it only once complete:
 * a full disk or a crash leaves at most `<file>.partial-<pid>`, never a file under the name asked for.
 * The manifest goes first, so a restore can refuse a foreign archive before it reads the rest.
 */
export async function writeArchive(file: string, manifest: Manifest, sources: readonly SourceFile[], gzip: boolean): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const partial = `${file}.partial-${process.pid}`;
  try {
    const pack = tar.pack();
    // tar-stream's streams are streamx ones, which Node's pipeline drives like its own.
    const packed$ = pack as unknown as Readable;
    const written = gzip ? pipeline(packed$, createGzip(), createWriteStream(partial)) : pipeline(packed$, createWriteStream(partial));
    const packed = fill(pack, manifest, sources).catch((error: unknown) => {
      packed$.destroy(error instanceof Error ? error : new Error(String(error)));
      throw error;
    });
    await Promise.all([written, packed]);
    const handle = await open(partial, "r+");
    await handle.sync().finally(() => handle.close());
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
}

async function fill(pack: Pack, manifest: Manifest, sources: readonly SourceFile[]): Promise<void> {
  const expected = new Map(manifest.entries.map((entry) => [entry.name, entry]));
  await addEntry(pack, { name: MANIFEST_NAME }, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
  for (const source of sources) {
    const entry = expected.get(source.name);
    if (!entry) throw new Error(`${source.name} is not in the manifest`);
    const hash = createHash("sha256");
    const sink = pack.entry({ name: source.name, size: entry.size, mode: 0o600 }) as unknown as Writable;
    await pipeline(createReadStream(source.path), hashing(hash), sink);
    // Blobs are written once and never changed; one that did between its digest and now would make a bad backup.
    if (hash.digest("hex") !== entry.sha256) throw new Error(`${source.name} changed while it was being backed up; run the backup again`);
  }
  pack.finalize();
}

function addEntry(pack: Pack, header: Pick<Header, "name">, body: Buffer): Promise<void> {
  return new Promise((resolve, reject) => pack.entry({ ...header, size: body.length, mode: 0o600 }, body, (error) => (error ? reject(error) : resolve())));
}

function hashing(hash: ReturnType<typeof createHash>): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      done(null, chunk);
    },
  });
}

/**
 * Reads an archive into `folder` (which must be new and empty), checking each entry against the manifest
 * as it streams: a foreign archive (no manifest first), an entry not listed, a size or SHA-256 that differs,
 * a listed entry missing, or a truncated stream is refused with one line. The caller removes the folder then.
 */
export async function readArchive(file: string, folder: string): Promise<Manifest> {
  const magic = await firstBytes(file, 2);
  const extract = tar.extract();
  const source = createReadStream(file);
  const input: Readable = magic[0] === 0x1f && magic[1] === 0x8b ? source.pipe(createGunzip()) : source.pipe(new PassThrough());
  source.on("error", (error) => input.destroy(error));
  input.on("error", (error) => (extract as unknown as Writable).destroy(error));
  input.pipe(extract as unknown as Writable);
  let manifest: Manifest | undefined;
  const seen = new Set<string>();
  try {
    for await (const entry of extract as AsyncIterable<ArchiveEntry>) {
      if (!manifest) {
        manifest = await readManifest(entry);
        continue;
      }
      const listed = manifest.entries.find((item) => item.name === entry.header.name);
      if (!listed || seen.has(listed.name) || entry.header.type !== "file")
        throw new BackupError(`${file} holds ${entry.header.name}, which its manifest does not list`);
      seen.add(listed.name);
      await extractEntry(entry, listed, folder);
    }
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} is not a readable archive (${error instanceof Error ? error.message : String(error)}): truncated or damaged`);
  }
  if (!manifest) throw new BackupError(`${file} is not a Natter backup: it is empty`);
  const missing = manifest.entries.find((entry) => !seen.has(entry.name));
  if (missing) throw new BackupError(`${file} is truncated: ${missing.name} is missing`);
  return manifest;
}

async function readManifest(entry: ArchiveEntry): Promise<Manifest> {
  if (entry.header.name !== MANIFEST_NAME || (entry.header.size ?? 0) > 64 * 1024 * 1024) {
    entry.resume();
    throw new BackupError(`not a Natter backup: it does not begin with ${MANIFEST_NAME}`);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of entry) chunks.push(chunk);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new BackupError("not a Natter backup: its manifest is not JSON");
  }
  const format = (parsed as { format?: unknown } | null)?.format;
  if (format !== BACKUP_FORMAT) throw new BackupError(`not a Natter backup: its manifest's format is ${JSON.stringify(format ?? null)}`);
  const manifest = manifestSchema.safeParse(parsed);
  if (!manifest.success)
    throw new BackupError(`the backup's manifest is invalid: ${manifest.error.issues[0]?.path.join(".")} ${manifest.error.issues[0]?.message}`);
  return manifest.data;
}

async function extractEntry(entry: ArchiveEntry, listed: ManifestEntry, folder: string): Promise<void> {
  const target = join(folder, ...listed.name.split("/"));
  await mkdir(dirname(target), { recursive: true });
  const hash = createHash("sha256");
  let size = 0;
  const counting = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  await pipeline(entry as unknown as Readable, counting, createWriteStream(target, { mode: 0o600 }));
  if (size !== listed.size || hash.digest("hex") !== listed.sha256)
    throw new BackupError(`${listed.name} does not match its checksum in the manifest: the archive was changed or damaged`);
}

async function firstBytes(file: string, n: number): Promise<Buffer> {
  const handle = await open(file, "r").catch(() => {
    throw new BackupError(`cannot read ${file}`);
  });
  try {
    const buffer = Buffer.alloc(n);
    await handle.read(buffer, 0, n, 0);
    return buffer;
  } finally {
    await handle.close();
  }
}
