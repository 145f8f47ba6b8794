import type { Database } from "better-sqlite3";
import { namedRow } from "./sqliteDialect.js";
import { sqliteMessageLinks } from "./sqliteMessageLinks.js";
import { countBy, importedValues, messageValues, type InsertResult, type MessageWriter } from "./messageWriter.js";
import type { FileRow, MessageRow } from "./schema.js";
import { sqliteSendBatch } from "./sqliteSendBatch.js";
import type { ImportedMessage, ImportedResult, NewMessage } from "./store.js";

type BatchWrite = (batch: readonly NewMessage[]) => (InsertResult | Error)[];

/**
 * The SQLite hot path: prepared statements in one transaction per batch (sqliteSendBatch). Runs synchronously,
 * so nothing else can interleave. When an item fails, the batch is rolled back and written again with each
 * message in its own savepoint, so the bad one fails alone; savepoints cost a tenth of the send path, so only
 * a batch that needs them pays for them.
 */
export class SqliteMessageWriter implements MessageWriter {
  private writeBatch: BatchWrite | undefined;
  private importer: ((batch: readonly ImportedMessage[]) => ImportedResult[]) | undefined;

  constructor(private readonly db: Database) {}

  async write(batch: readonly NewMessage[]): Promise<(InsertResult | Error)[]> {
    // Never join another open transaction (an edit's, say): its rollback would take acknowledged messages with it.
    while (this.db.inTransaction) await new Promise((resolve) => setImmediate(resolve));
    return this.prepared()(batch);
  }

  async importBatch(batch: readonly ImportedMessage[]): Promise<ImportedResult[]> {
    while (this.db.inTransaction) await new Promise((resolve) => setImmediate(resolve));
    const importer = (this.importer ??= sqliteImporter(this.db));
    return withTempInMemory(this.db, () => importer(batch));
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
    const link = sqliteMessageLinks(db);
    const insertOne = (message: NewMessage): InsertResult => {
      const existing = stored.get(message.authorId, message.clientMsgId);
      if (existing) return { message: existing, created: false };
      const room = bump.get(message.roomId);
      if (!room) throw new Error(`room ${message.roomId} does not exist`);
      const values = insert.get(messageValues(message, room.last_seq, room.last_rev));
      if (!values) throw new Error("insert returned nothing");
      const row = namedRow<MessageRow>(values, insertColumns);
      link(row, message);
      return { message: row, created: true };
    };
    // The batch's search rows in one statement (migration 039): FTS5 flushes its terms once per statement.
    const index = db.prepare<[string]>("insert into messages_fts (rowid, text) select id, text from messages where id in (select value from json_each(?))");
    const indexCreated = <R extends InsertResult | Error>(results: R[]): R[] => {
      const ids: number[] = [];
      for (const result of results) if (!(result instanceof Error) && result.created) ids.push(result.message.id);
      if (ids.length > 0) index.run(JSON.stringify(ids));
      return results;
    };
    const sendBatch = sqliteSendBatch(db);
    const writeAll = db.transaction((batch: readonly NewMessage[]) => indexCreated(sendBatch(batch)));
    const writeOne = db.transaction(insertOne);
    const writeEach = db.transaction((batch: readonly NewMessage[]) =>
      indexCreated(
        batch.map((message) => {
          try {
            return writeOne(message);
          } catch (error) {
            if (isFatal(error)) throw error;
            return error instanceof Error ? error : new Error(String(error));
          }
        }),
      ),
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

/**
 * An insert into messages fires a trigger, so SQLite keeps a statement journal of the pages each insert changes.
 * Past 64 KiB in a transaction that journal moves to a temporary file, and each imported row then costs a dozen
 * page writes to it: a third of an import's CPU. Held in memory it is a copy of one statement's pages. Only for
 * the import's batch (run synchronously, so nothing else meets the setting): elsewhere temporary b-trees of big
 * sorts keep spilling to disk.
 */
function withTempInMemory<T>(db: Database, run: () => T): T {
  const before = Number(db.pragma("temp_store", { simple: true }));
  db.pragma("temp_store = memory");
  try {
    return run();
  } finally {
    db.pragma(`temp_store = ${before}`);
  }
}

/**
 * An import's batch in one transaction: the keys of its messages and of their thread roots looked up in one
 * statement, then each room's seqs bumped once for its new messages, which are inserted in batch order with
 * their keys, reactions and files.
 */
function sqliteImporter(db: Database): (batch: readonly ImportedMessage[]) => ImportedResult[] {
  const stored = db.prepare<[string, string], { key: string; target_id: number }>(
    "select key, target_id from import_keys where source = ? and key in (select value from json_each(?))",
  );
  const bump = db.prepare<[number, number, number], { last_seq: number; last_rev: number }>(
    "update rooms set last_seq = last_seq + ?, last_rev = last_rev + ? where id = ? returning last_seq, last_rev",
  );
  // Bound by position: a third cheaper than naming 14 parameters, which an import does 20,000 times a second.
  const insert = db.prepare<unknown[]>(
    `insert into messages (room_id, seq, rev, author_id, text, client_msg_id, created_at, edited_at, reply_to_id, in_room, mention_ids, mentions_room, reaction_count, file_count)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const keep = db.prepare<[string, string, number]>("insert into import_keys (source, key, kind, target_id) values (?, ?, 'message', ?)");
  const countReply = db.prepare<[number, number]>("update messages set reply_count = reply_count + 1, rev = ? where id = ?");
  const react = db.prepare<[number, number, string, number]>("insert into reactions (message_id, user_id, emoji, created_at) values (?, ?, ?, ?)");
  // One statement for the batch's search rows (see migration 019_imports).
  const index = db.prepare<[string]>("insert into messages_fts (rowid, text) select id, text from messages where id in (select value from json_each(?))");
  const addFile = db.prepare<[FileRow]>(
    `insert into files (id, owner_id, room_id, message_id, name, type, size, width, height, blob_key, thumb_key, created_at)
     values (@id, @owner_id, @room_id, @message_id, @name, @type, @size, @width, @height, @blob_key, @thumb_key, @created_at)`,
  );
  return db.transaction((batch: readonly ImportedMessage[]) => {
    const source = batch[0]?.source ?? "";
    if (batch.some((message) => message.source !== source)) throw new Error("an import batch comes from one source");
    const keys = new Set<string>();
    for (const message of batch) {
      keys.add(message.key);
      if (message.replyToKey !== null) keys.add(message.replyToKey);
    }
    const ids = new Map(stored.all(source, JSON.stringify([...keys])).map((row) => [row.key, row.target_id]));
    const seen = new Set<string>();
    const fresh = batch.filter((message) => !ids.has(message.key) && !seen.has(message.key) && seen.add(message.key));
    const next = new Map<number, { seq: number; rev: number }>();
    for (const [roomId, n] of countBy(fresh, (message) => message.roomId)) {
      const room = bump.get(n, n, roomId);
      if (!room) throw new Error(`room ${roomId} does not exist`);
      next.set(roomId, { seq: room.last_seq - n, rev: room.last_rev - n });
    }
    const created = new Set<ImportedMessage>();
    const orphans = new Set<ImportedMessage>();
    for (const message of fresh) {
      const counter = next.get(message.roomId);
      if (!counter) throw new Error(`room ${message.roomId} was not bumped`);
      counter.seq++;
      counter.rev++;
      const rootId = message.replyToKey === null ? null : (ids.get(message.replyToKey) ?? null);
      if (message.replyToKey !== null && rootId === null) orphans.add(message);
      const v = importedValues(message, counter.seq, counter.rev, rootId);
      const row = [
        v.room_id,
        v.seq,
        v.rev,
        v.author_id,
        v.text,
        v.client_msg_id,
        v.created_at,
        v.edited_at,
        v.reply_to_id,
        v.in_room,
        v.mention_ids,
        v.mentions_room,
      ];
      const id = Number(insert.run(...row, v.reaction_count, v.file_count).lastInsertRowid);
      ids.set(message.key, id);
      created.add(message);
      keep.run(message.source, message.key, id);
      if (rootId !== null) countReply.run(counter.rev, rootId);
      for (const reaction of message.reactions) react.run(id, reaction.userId, reaction.emoji, message.createdAt);
      for (const file of message.files) addFile.run({ ...file, owner_id: message.authorId, room_id: message.roomId, message_id: id });
    }
    if (created.size > 0) index.run(JSON.stringify([...created].map((message) => ids.get(message.key))));
    return batch.map((message) => ({ id: ids.get(message.key) ?? 0, created: created.has(message), orphan: orphans.has(message) }));
  });
}

/** A full disk or a broken database fails the whole batch: nothing is half-written. */
function isFatal(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_FULL" || code === "SQLITE_IOERR" || code === "SQLITE_CORRUPT";
}
