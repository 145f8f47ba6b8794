import type { Readable } from "node:stream";

/** Where file bytes live: local disk by default; an object store can implement the same three calls. */
export interface BlobStore {
  put(key: string, data: Buffer): Promise<void>;
  /** Undefined when there is no such blob. */
  get(key: string): Promise<Readable | undefined>;
  delete(key: string): Promise<void>;
}
