import type { FileRow, Store } from "../storage/index.js";
import type { BlobStore } from "./blobStore.js";

/** Rows deleted per transaction: short enough that sends to other rooms wait at most one batch (SQLite has one writer). */
export const PURGE_BATCH = 1_000;

/**
 * Purges deleted rooms in the background: a batch of messages (with their reactions, files and the rest) per
 * transaction, a turn of the event loop between batches so waiting sends are written first, the files' bytes
 * after each commit, and the room's row last. A room left half purged by a stop is finished at the next start.
 */
export class RoomPurges {
  private readonly running = new Map<number, Promise<void>>();
  private stopped = false;

  constructor(
    private readonly store: Store,
    private readonly blobs: BlobStore,
    private readonly onError: (error: unknown) => void = () => undefined,
    private readonly batch: number = PURGE_BATCH,
  ) {}

  /** Starts purging the room, unless this node is at it already. */
  start(roomId: number): void {
    if (this.stopped || this.running.has(roomId)) return;
    const purge = this.purge(roomId)
      .catch(this.onError)
      .finally(() => this.running.delete(roomId));
    this.running.set(roomId, purge);
  }

  /** Picks up the rooms deleted but not yet purged (a stop or a crash on any node). */
  async resume(): Promise<void> {
    for (const roomId of await this.store.retiredRooms()) this.start(roomId);
  }

  /** Resolves when every purge this node runs has finished. */
  async settled(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running.values()]);
  }

  /** Stops between batches; what is left waits for the next start. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.settled();
  }

  private async purge(roomId: number): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const { messages, files } = await this.store.purgeRoomMessages(roomId, this.batch);
      await this.deleteBytes(files);
      if (messages < this.batch) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    await this.deleteBytes(await this.store.dropRoom(roomId));
  }

  private async deleteBytes(files: readonly FileRow[]): Promise<void> {
    for (const file of files) {
      await this.blobs.delete(file.blob_key);
      if (file.thumb_key) await this.blobs.delete(file.thumb_key);
    }
  }
}
