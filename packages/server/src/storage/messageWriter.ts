import type { MessageRow } from "./schema.js";
import type { ImportedMessage, ImportedResult, NewMessage } from "./store.js";

/** Told of each group commit (metrics): its wall time, its size and how many of its messages were new. */
export type CommitObserver = (seconds: number, batchSize: number, created: number) => void;

export interface InsertResult {
  message: MessageRow;
  /** False when the author had already stored this clientMsgId: nothing new was written. */
  created: boolean;
}

/** Writes a batch of messages in one commit; each item succeeds or fails on its own. */
export interface MessageWriter {
  write(batch: readonly NewMessage[]): Promise<(InsertResult | Error)[]>;
  /** An import's batch, all or nothing (see Store.importMessages). */
  importBatch(batch: readonly ImportedMessage[]): Promise<ImportedResult[]>;
}

/**
 * Group commit: the sends that arrive within one turn of the event loop (or while the previous commit is
 * under way) share one transaction, and each caller is answered only after that commit.
 */
export class GroupCommit {
  private queue: { message: NewMessage; resolve: (result: InsertResult) => void; reject: (error: unknown) => void }[] = [];
  private scheduled = false;
  private flushing = false;

  constructor(
    private readonly writer: MessageWriter,
    private readonly maxBatch = 512,
    private readonly observe?: CommitObserver,
  ) {}

  insert(message: NewMessage): Promise<InsertResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ message, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    this.flushing = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, this.maxBatch);
      const startedAt = this.observe && performance.now();
      try {
        const results = await this.writer.write(batch.map((item) => item.message));
        if (startedAt !== undefined) this.observed(startedAt, results);
        batch.forEach((item, i) => {
          const result = results[i];
          if (result === undefined || result instanceof Error) item.reject(result ?? new Error("no result"));
          else item.resolve(result);
        });
      } catch (error) {
        for (const item of batch) item.reject(error);
      }
    }
    this.flushing = false;
  }

  private observed(startedAt: number, results: readonly (InsertResult | Error)[]): void {
    const created = results.reduce((n, result) => (result instanceof Error || !result.created ? n : n + 1), 0);
    this.observe?.((performance.now() - startedAt) / 1000, results.length, created);
  }
}

/** The row of a new message: both writers store exactly this. */
export function messageValues(message: NewMessage, seq: number, rev: number) {
  return {
    room_id: message.roomId,
    seq,
    rev,
    author_id: message.authorId,
    text: message.text,
    client_msg_id: message.clientMsgId,
    created_at: message.createdAt,
    edited_at: null,
    deleted_at: null,
    reply_to_id: message.replyToId ?? null,
    in_room: message.inRoom === false ? 0 : 1,
    mention_ids: (message.mentionIds ?? []).join(","),
    mentions_room: message.mentionsRoom ? 1 : 0,
    card: message.card ?? null,
  };
}

/** The start of every imported message's client_msg_id (SQLite's search trigger leaves them to the import writer). */
export const IMPORTED_PREFIX = "import/";

/** An imported message's row: what the importer read, at the room's next seq and rev. */
export function importedValues(message: ImportedMessage, seq: number, rev: number, replyToId: number | null) {
  return {
    room_id: message.roomId,
    seq,
    rev,
    author_id: message.authorId,
    text: message.text,
    // "/" is not in any client's clientMsgId: an imported message's id can never meet a sent one's.
    client_msg_id: `${IMPORTED_PREFIX}${message.source}:${message.key}`,
    created_at: message.createdAt,
    edited_at: message.editedAt,
    reply_to_id: replyToId,
    in_room: message.inRoom || replyToId === null ? 1 : 0,
    mention_ids: message.mentionIds.join(","),
    mentions_room: message.mentionsRoom ? 1 : 0,
    reaction_count: message.reactions.length,
    file_count: message.files.length,
  };
}

export function countBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, number> {
  const counts = new Map<K, number>();
  for (const item of items) counts.set(keyOf(item), (counts.get(keyOf(item)) ?? 0) + 1);
  return counts;
}
