import type { Database, Statement } from "better-sqlite3";
import { namedRow } from "./sqliteDialect.js";
import { sqliteMessageLinks } from "./sqliteMessageLinks.js";
import { countBy, messageValues, type InsertResult } from "./messageWriter.js";
import type { MessageRow } from "./schema.js";
import type { NewMessage } from "./store.js";

/** Rows per INSERT: 32 × 14 parameters, far under SQLite's 32,766; a batch of 512 takes 16 statements. */
const ROWS_PER_INSERT = 32;

const COLUMNS = "room_id, seq, rev, author_id, text, client_msg_id, created_at, edited_at, deleted_at, reply_to_id, in_room, mention_ids, mentions_room, card";
const PLACEHOLDERS = `(${COLUMNS.split(",")
  .map(() => "?")
  .join(", ")})`;

const key = (authorId: number, clientMsgId: string) => `${authorId}\u0000${clientMsgId}`;

/**
 * A group commit's sends in a fixed handful of statements rather than three per message: the batch's stored keys
 * read in one statement, each room's seqs bumped once for its new messages (so they take one range, in batch
 * order, gap-free), and the rows inserted up to 32 per prepared statement. Runs inside the caller's transaction;
 * anything that fails throws, and the caller writes the batch again one message at a time.
 */
export function sqliteSendBatch(db: Database): (batch: readonly NewMessage[]) => InsertResult[] {
  const stored = db.prepare<[string], unknown[]>(
    `select m.* from json_each(?) as k
     join messages m on m.author_id = json_extract(k.value, '$[0]') and m.client_msg_id = json_extract(k.value, '$[1]')`,
  );
  stored.raw(true);
  const storedColumns = stored.columns().map((column) => column.name);
  const bump = db.prepare<[number, number, number], { last_seq: number; last_rev: number }>(
    "update rooms set last_seq = last_seq + ?, last_rev = last_rev + ? where id = ? returning last_seq, last_rev",
  );
  const link = sqliteMessageLinks(db);
  const inserts = new Map<number, { statement: Statement<unknown[], unknown[]>; columns: string[] }>();
  const insertOf = (rows: number) => {
    let prepared = inserts.get(rows);
    if (!prepared) {
      const statement = db.prepare<unknown[], unknown[]>(
        `insert into messages (${COLUMNS}) values ${Array.from({ length: rows }, () => PLACEHOLDERS).join(", ")} returning *`,
      );
      // Read as arrays and named in JS: half the cost of better-sqlite3's row objects (see namedRows).
      const columns = statement.columns().map((column) => column.name);
      statement.raw(true);
      prepared = { statement, columns };
      inserts.set(rows, prepared);
    }
    return prepared;
  };

  return (batch) => {
    const keys = batch.map((message) => [message.authorId, message.clientMsgId]);
    const found = new Map<string, MessageRow>();
    for (const values of stored.all(JSON.stringify(keys))) {
      const row = namedRow<MessageRow>(values, storedColumns);
      found.set(key(row.author_id, row.client_msg_id), row);
    }
    // A retry in the same batch as its original is answered with the original's row.
    const fresh = new Map<string, NewMessage>();
    for (const message of batch) {
      const k = key(message.authorId, message.clientMsgId);
      if (!found.has(k) && !fresh.has(k)) fresh.set(k, message);
    }
    const created = insertFresh([...fresh.values()]);
    return batch.map((message) => {
      const k = key(message.authorId, message.clientMsgId);
      const own = fresh.get(k) === message ? created.get(k) : undefined;
      const row = own ?? created.get(k) ?? found.get(k);
      if (!row) throw new Error(`a message of the batch was neither stored nor found`);
      return { message: row, created: own !== undefined };
    });
  };

  function insertFresh(messages: readonly NewMessage[]): Map<string, MessageRow> {
    const next = new Map<number, { seq: number; rev: number }>();
    for (const [roomId, n] of countBy(messages, (message) => message.roomId)) {
      const room = bump.get(n, n, roomId);
      if (!room) throw new Error(`room ${roomId} does not exist`);
      next.set(roomId, { seq: room.last_seq - n, rev: room.last_rev - n });
    }
    const values = messages.map((message) => {
      const counter = next.get(message.roomId);
      if (!counter) throw new Error(`room ${message.roomId} was not bumped`);
      counter.seq++;
      counter.rev++;
      return messageValues(message, counter.seq, counter.rev);
    });
    const rows = new Map<string, MessageRow>();
    for (let start = 0; start < values.length; start += ROWS_PER_INSERT) {
      const chunk = values.slice(start, start + ROWS_PER_INSERT);
      const { statement, columns } = insertOf(chunk.length);
      const parameters: unknown[] = [];
      for (const v of chunk) {
        parameters.push(v.room_id, v.seq, v.rev, v.author_id, v.text, v.client_msg_id, v.created_at, v.edited_at, v.deleted_at);
        parameters.push(v.reply_to_id, v.in_room, v.mention_ids, v.mentions_room, v.card);
      }
      // RETURNING's order is not promised: rows are matched to messages by their key.
      for (const returned of statement.all(parameters)) {
        const row = namedRow<MessageRow>(returned, columns);
        rows.set(key(row.author_id, row.client_msg_id), row);
      }
    }
    for (const message of messages) {
      const row = rows.get(key(message.authorId, message.clientMsgId));
      if (!row) throw new Error("an inserted message returned no row");
      link(row, message);
    }
    return rows;
  }
}
