import type { Database } from "better-sqlite3";
import { namedRow } from "./sqliteDialect.js";
import { messageValues, type InsertResult, type MessageWriter } from "./messageWriter.js";
import type { MessageRow } from "./schema.js";
import type { NewMessage } from "./store.js";

type BatchWrite = (batch: readonly NewMessage[]) => (InsertResult | Error)[];

/**
 * The SQLite hot path: prepared statements in one transaction per batch. Runs synchronously, so nothing
 * else can interleave. When an item fails, the batch is rolled back and written again with each message
 * in its own savepoint, so the bad one fails alone; savepoints cost a tenth of the send path, so only
 * a batch that needs them pays for them.
 */
export class SqliteMessageWriter implements MessageWriter {
  private writeBatch: BatchWrite | undefined;

  constructor(private readonly db: Database) {}

  async write(batch: readonly NewMessage[]): Promise<(InsertResult | Error)[]> {
    // Never join another open transaction (an edit's, say): its rollback would take acknowledged messages with it.
    while (this.db.inTransaction) await new Promise((resolve) => setImmediate(resolve));
    return this.prepared()(batch);
  }

  /** Prepared on first use, after migrations have created the tables. */
  private prepared(): BatchWrite {
    if (this.writeBatch) return this.writeBatch;
    const { db } = this;
    const stored = db.prepare<[number, string], MessageRow>("select * from messages where author_id = ? and client_msg_id = ?");
    const bump = db.prepare<[number], { last_seq: number; last_rev: number }>(
      "update rooms set last_seq = last_seq + 1, last_rev = last_rev + 1 where id = ? returning last_seq, last_rev",
    );
    const insert = db.prepare<[ReturnType<typeof messageValues>], unknown[]>(
      `insert into messages (room_id, seq, rev, author_id, text, client_msg_id, created_at, edited_at, deleted_at, reply_to_id, in_room, mention_ids, mentions_room, card)
       values (@room_id, @seq, @rev, @author_id, @text, @client_msg_id, @created_at, @edited_at, @deleted_at, @reply_to_id, @in_room, @mention_ids, @mentions_room, @card) returning *`,
    );
    // Read as an array and named in JS: half the cost of better-sqlite3's row object (see namedRows).
    const insertColumns = insert.columns().map((column) => column.name);
    insert.raw(true);
    const countReply = db.prepare<[number, number]>("update messages set reply_count = reply_count + 1, rev = ? where id = ?");
    const attach = db.prepare<[number, number, string, number]>(
      "update files set message_id = ?, room_id = ? where id = ? and owner_id = ? and message_id is null",
    );
    const countFiles = db.prepare<[number, number]>("update messages set file_count = ? where id = ?");
    const insertOne = (message: NewMessage): InsertResult => {
      const existing = stored.get(message.authorId, message.clientMsgId);
      if (existing) return { message: existing, created: false };
      const room = bump.get(message.roomId);
      if (!room) throw new Error(`room ${message.roomId} does not exist`);
      const values = insert.get(messageValues(message, room.last_seq, room.last_rev));
      if (!values) throw new Error("insert returned nothing");
      const row = namedRow<MessageRow>(values, insertColumns);
      if (message.replyToId) countReply.run(room.last_rev, message.replyToId);
      let attached = 0;
      for (const fileId of message.fileIds ?? []) attached += attach.run(row.id, message.roomId, fileId, message.authorId).changes;
      if (attached > 0) {
        countFiles.run(attached, row.id);
        row.file_count = attached;
      }
      return { message: row, created: true };
    };
    const writeAll = db.transaction((batch: readonly NewMessage[]) => batch.map(insertOne));
    const writeOne = db.transaction(insertOne);
    const writeEach = db.transaction((batch: readonly NewMessage[]) =>
      batch.map((message) => {
        try {
          return writeOne(message);
        } catch (error) {
          if (isFatal(error)) throw error;
          return error instanceof Error ? error : new Error(String(error));
        }
      }),
    );
    this.writeBatch = (batch) => {
      try {
        return writeAll(batch);
      } catch (error) {
        if (isFatal(error)) throw error;
        return writeEach(batch);
      }
    };
    return this.writeBatch;
  }
}

/** A full disk or a broken database fails the whole batch: nothing is half-written. */
function isFatal(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_FULL" || code === "SQLITE_IOERR" || code === "SQLITE_CORRUPT";
}
