import { createReadStream } from "node:fs";
import { mkdir, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { Readable } from "node:stream";
import type { BlobStore } from "../domain/blobStore.js";

/** Files under DATA_DIR/files, spread over subfolders; keys are random, never the user's file name. */
export class DiskBlobStore implements BlobStore {
  constructor(private readonly root: string) {}

  async put(key: string, data: Buffer): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    // Write then rename, so a crash never leaves half a file under the real name.
    await writeFile(`${path}.part`, data);
    await rename(`${path}.part`, path);
  }

  async get(key: string): Promise<Readable | undefined> {
    const path = this.path(key);
    try {
      await stat(path);
    } catch {
      return undefined;
    }
    return createReadStream(path);
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  private path(key: string): string {
    if (!/^[A-Za-z0-9_-]+$/.test(key)) throw new Error("invalid blob key");
    return join(this.root, key.slice(0, 2), key);
  }
}
