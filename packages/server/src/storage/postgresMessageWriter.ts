import { sql, type Kysely, type Transaction } from "kysely";
import { isUniqueViolation, storageFailureCode } from "./failures.js";
import { countBy, importedValues, messageValues, type InsertResult, type MessageWriter } from "./messageWriter.js";
import type { Database, MessageRow } from "./schema.js";
import type { ImportedMessage, ImportedResult, NewMessage } from "./store.js";

/**
 * The PostgreSQL writer: a batch in two round trips when it holds only plain messages (its stored keys read,
 * then one statement that locks, numbers and inserts), in a transaction when replies or files add statements;
 * each step is one statement over arrays (`unnest`). Rooms are locked in id order, so concurrent batches on other
 * nodes queue rather than deadlock, and each room's seqs are handed out in one range, so commit order
 * is still seq order. When the batch fails for one of its messages (another node's retry of the same
 * message won a race, a deadlock, or a room is gone), the same code runs again with each message in its
 * own transaction, which answers the winner's row or fails that message alone. A database out of reach
 * fails the whole batch.
 */
export class PostgresMessageWriter implements MessageWriter {
  constructor(private readonly db: Kysely<Database>) {}

  async write(batch: readonly NewMessage[]): Promise<(InsertResult | Error)[]> {
    try {
      // Plain messages are written by two statements, each atomic on its own: no transaction's two extra round trips.
      if (batch.every(isPlain)) return await writeBatch(this.db, batch);
      return await this.db.transaction().execute((trx) => writeBatch(trx, batch));
    } catch (error) {
      if (storageFailureCode(error) !== undefined) throw error;
      // In parallel over the pool: the room row's lock orders writers within a room, and a stuck one delays no other.
      return Promise.all(
        batch.map((message) => this.writeAlone(message).catch((failure: unknown) => (failure instanceof Error ? failure : new Error(String(failure))))),
      );
    }
  }

  importBatch(batch: readonly ImportedMessage[]): Promise<ImportedResult[]> {
    if (batch.length === 0) return Promise.resolve([]);
    return this.db.transaction().execute(async (trx) => {
      // A batch of an import may take longer than a send's 1.5 s bound on a busy server; it is all or nothing anyway.
      await sql`set local statement_timeout = '60s'`.execute(trx);
      return importBatch(trx, batch);
    });
  }

  private async writeAlone(message: NewMessage): Promise<InsertResult> {
    try {
      const [result] = await this.db.transaction().execute((trx) => writeBatch(trx, [message]));
      if (!result) throw new Error("a batch of one answered nothing");
      if (result instanceof Error) throw result;
      return result;
    } catch (error) {
      // A retry that raced its original on another node: the original won, and its row is the answer.
      if (!isUniqueViolation(error)) throw error;
      const stored = (await storedAmong(this.db, [message])).get(key(message.authorId, message.clientMsgId));
      if (!stored) throw error;
      return { message: stored, created: false };
    }
  }
}

/** No reply to count and no file to attach: the insert is the whole write. */
const isPlain = (message: NewMessage) => !message.replyToId && (message.fileIds ?? []).length === 0;

const key = (authorId: number, clientMsgId: string) => `${authorId}\u0000${clientMsgId}`;

/** A message neither stored before nor inserted now (its room is gone) fails alone: the others are written. */
async function writeBatch(trx: Kysely<Database>, batch: readonly NewMessage[]): Promise<(InsertResult | Error)[]> {
  const stored = await storedAmong(trx, batch);
  const fresh = new Map<string, NewMessage>();
  for (const message of batch) {
    const k = key(message.authorId, message.clientMsgId);
    if (!stored.has(k) && !fresh.has(k)) fresh.set(k, message);
  }
  const inserted = fresh.size === 0 ? new Map<string, MessageRow>() : await insertFresh(trx, [...fresh.values()]);
  return batch.map((message, index) => {
    const k = key(message.authorId, message.clientMsgId);
    const own = fresh.get(k) === message ? inserted.get(k) : undefined;
    const row = own ?? inserted.get(k) ?? stored.get(k);
    if (!row) return new Error(`message ${index} of the batch was neither stored nor written: room ${message.roomId} does not exist`);
    return { message: row, created: own !== undefined };
  });
}

async function storedAmong(db: Kysely<Database>, batch: readonly NewMessage[]): Promise<Map<string, MessageRow>> {
  const { rows } = await sql<MessageRow>`
    select m.* from messages m
    join unnest(${batch.map((m) => m.authorId)}::bigint[], ${batch.map((m) => m.clientMsgId)}::text[]) as k(author_id, client_msg_id)
      on m.author_id = k.author_id and m.client_msg_id = k.client_msg_id`.execute(db);
  return new Map(rows.map((row) => [key(row.author_id, row.client_msg_id), row]));
}

/**
 * The batch's rooms locked in id order, their seqs bumped once each and the new rows inserted, all in one
 * statement (one round trip): each room's messages take the range that ends at its new last_seq (and last_rev), in
 * batch order. A message whose room is gone is left out, and its caller fails the batch.
 */
async function insertFresh(db: Kysely<Database>, messages: NewMessage[]): Promise<Map<string, MessageRow>> {
  const perRoom = countBy(messages, (message) => message.roomId);
  const roomIds = [...perRoom.keys()].sort((a, b) => a - b);
  const values = messages.map((message) => messageValues(message, 0, 0));
  const column = <T>(pick: (row: (typeof values)[number]) => T) => values.map(pick);
  const { rows } = await sql<MessageRow>`
    with locked as materialized (select id from rooms where id = any(${roomIds}::bigint[]) order by id for update),
    bumped as (
      update rooms set last_seq = rooms.last_seq + c.n, last_rev = rooms.last_rev + c.n
      from unnest(${roomIds}::bigint[], ${roomIds.map((id) => perRoom.get(id) ?? 0)}::bigint[]) as c(id, n)
      where rooms.id = c.id and rooms.id in (select id from locked)
      returning rooms.id, rooms.last_seq - c.n as seq0, rooms.last_rev - c.n as rev0)
    insert into messages (room_id, seq, rev, author_id, text, client_msg_id, created_at, reply_to_id, in_room, mention_ids, mentions_room, card)
    select m.room_id, b.seq0 + m.k, b.rev0 + m.k, m.author_id, m.text, m.client_msg_id, m.created_at, m.reply_to_id, m.in_room, m.mention_ids, m.mentions_room, m.card
    from (
      select u.*, row_number() over (partition by u.room_id order by u.ord) as k
      from unnest(
        ${column((v) => v.room_id)}::bigint[], ${column((v) => v.author_id)}::bigint[], ${column((v) => v.text)}::text[],
        ${column((v) => v.client_msg_id)}::text[], ${column((v) => v.created_at)}::bigint[], ${column((v) => v.reply_to_id)}::bigint[],
        ${column((v) => v.in_room)}::int[], ${column((v) => v.mention_ids)}::text[], ${column((v) => v.mentions_room)}::int[], ${column((v) => v.card)}::text[])
        with ordinality as u(room_id, author_id, text, client_msg_id, created_at, reply_to_id, in_room, mention_ids, mentions_room, card, ord)
    ) as m
    join bumped b on b.id = m.room_id
    returning *`.execute(db);
  const byKey = new Map(rows.map((row) => [key(row.author_id, row.client_msg_id), row]));
  const replies = messages.flatMap((message) => {
    const row = byKey.get(key(message.authorId, message.clientMsgId));
    return row && message.replyToId ? [{ replyToId: message.replyToId, rev: row.rev }] : [];
  });
  await countReplies(db, replies);
  await attachFiles(db, rows, messages);
  return byKey;
}

/**
 * An import's batch in one transaction and a fixed number of statements over arrays: keys looked up,
 * ids and each room's seqs taken in one go (so a reply can name a first message of the same batch),
 * then messages, keys, reply counts, reactions and files each inserted by one `unnest`.
 */
async function importBatch(trx: Transaction<Database>, batch: readonly ImportedMessage[]): Promise<ImportedResult[]> {
  const source = batch[0]?.source ?? "";
  if (batch.some((message) => message.source !== source)) throw new Error("an import batch comes from one source");
  const rootKeys = batch.flatMap((message) => (message.replyToKey === null ? [] : [message.replyToKey]));
  // One index probe a key: `key = any(…)` over a thousand keys reads as a scan of every key of the source to the
  // planner (one source, and statistics that lag an import), 100 ms a batch by 200,000 keys; `limit 1` keeps the
  // lateral subquery from being flattened into that scan.
  const { rows: keyed } = await sql<{ key: string; target_id: number }>`
    select k.key, t.target_id from unnest(${[...new Set([...batch.map((m) => m.key), ...rootKeys])]}::text[]) as k(key)
    cross join lateral (select target_id from import_keys where source = ${source} and key = k.key limit 1) as t`.execute(trx);
  const ids = new Map(keyed.map((row) => [row.key, row.target_id]));
  const seen = new Set<string>();
  const fresh = batch.filter((message) => !ids.has(message.key) && !seen.has(message.key) && seen.add(message.key));
  const created = new Set(fresh);
  if (fresh.length === 0) return batch.map((message) => ({ id: ids.get(message.key) ?? 0, created: false, orphan: false }));
  const { rows: allocated } = await sql<{ id: number }>`
    select nextval(pg_get_serial_sequence('messages', 'id')) as id from generate_series(1, ${fresh.length})`.execute(trx);
  fresh.forEach((message, index) => ids.set(message.key, allocated[index]?.id ?? 0));
  const perRoom = countBy(fresh, (message) => message.roomId);
  const roomIds = [...perRoom.keys()].sort((a, b) => a - b);
  const { rows: bumped } = await sql<{ id: number; last_seq: number; last_rev: number }>`
    update rooms set last_seq = rooms.last_seq + c.n, last_rev = rooms.last_rev + c.n
    from unnest(${roomIds}::bigint[], ${roomIds.map((id) => perRoom.get(id) ?? 0)}::bigint[]) as c(id, n)
    where rooms.id = c.id returning rooms.id, rooms.last_seq, rooms.last_rev`.execute(trx);
  const next = new Map(bumped.map((room) => [room.id, { seq: room.last_seq - (perRoom.get(room.id) ?? 0), rev: room.last_rev - (perRoom.get(room.id) ?? 0) }]));
  const orphans = new Set<ImportedMessage>();
  const rows = fresh.map((message) => {
    const counter = next.get(message.roomId);
    if (!counter) throw new Error(`room ${message.roomId} does not exist`);
    counter.seq++;
    counter.rev++;
    const rootId = message.replyToKey === null ? null : (ids.get(message.replyToKey) ?? null);
    if (message.replyToKey !== null && rootId === null) orphans.add(message);
    return { id: ids.get(message.key) ?? 0, ...importedValues(message, counter.seq, counter.rev, rootId) };
  });
  const column = <T>(pick: (row: (typeof rows)[number]) => T) => rows.map(pick);
  await sql`
    insert into messages (id, room_id, seq, rev, author_id, text, client_msg_id, created_at, edited_at, reply_to_id, in_room, mention_ids, mentions_room, reaction_count, file_count)
    select * from unnest(
      ${column((r) => r.id)}::bigint[], ${column((r) => r.room_id)}::bigint[], ${column((r) => r.seq)}::bigint[], ${column((r) => r.rev)}::bigint[],
      ${column((r) => r.author_id)}::bigint[], ${column((r) => r.text)}::text[], ${column((r) => r.client_msg_id)}::text[],
      ${column((r) => r.created_at)}::bigint[], ${column((r) => r.edited_at)}::bigint[], ${column((r) => r.reply_to_id)}::bigint[],
      ${column((r) => r.in_room)}::int[], ${column((r) => r.mention_ids)}::text[], ${column((r) => r.mentions_room)}::int[],
      ${column((r) => r.reaction_count)}::int[], ${column((r) => r.file_count)}::int[])`.execute(trx);
  await sql`
    insert into import_keys (source, key, kind, target_id)
    select ${source}, k.key, 'message', k.id from unnest(${fresh.map((m) => m.key)}::text[], ${column((r) => r.id)}::bigint[]) as k(key, id)`.execute(trx);
  await countReplies(
    trx,
    rows.map((row) => ({ replyToId: row.reply_to_id, rev: row.rev })),
  );
  const reactions = fresh.flatMap((message) =>
    message.reactions.map((reaction) => ({ ...reaction, messageId: ids.get(message.key) ?? 0, at: message.createdAt })),
  );
  if (reactions.length > 0) {
    await sql`
      insert into reactions (message_id, user_id, emoji, created_at)
      select * from unnest(${reactions.map((r) => r.messageId)}::bigint[], ${reactions.map((r) => r.userId)}::bigint[],
        ${reactions.map((r) => r.emoji)}::text[], ${reactions.map((r) => r.at)}::bigint[])`.execute(trx);
  }
  const files = fresh.flatMap((message) =>
    message.files.map((file) => ({ ...file, owner_id: message.authorId, room_id: message.roomId, message_id: ids.get(message.key) ?? 0 })),
  );
  if (files.length > 0) await trx.insertInto("files").values(files).execute();
  return batch.map((message) => ({ id: ids.get(message.key) ?? 0, created: created.has(message), orphan: orphans.has(message) }));
}

/** A thread root's reply count and rev follow its newest reply. */
async function countReplies(trx: Kysely<Database>, numbered: { replyToId?: number | null | undefined; rev: number }[]): Promise<void> {
  const perRoot = new Map<number, { n: number; rev: number }>();
  for (const { replyToId, rev } of numbered) {
    if (!replyToId) continue;
    const entry = perRoot.get(replyToId) ?? { n: 0, rev: 0 };
    perRoot.set(replyToId, { n: entry.n + 1, rev: Math.max(entry.rev, rev) });
  }
  if (perRoot.size === 0) return;
  const ids = [...perRoot.keys()].sort((a, b) => a - b);
  await sql`select id from messages where id = any(${ids}::bigint[]) order by id for update`.execute(trx);
  await sql`
    update messages set reply_count = messages.reply_count + c.n, rev = greatest(messages.rev, c.rev)
    from unnest(${ids}::bigint[], ${ids.map((id) => perRoot.get(id)?.n ?? 0)}::int[], ${ids.map((id) => perRoot.get(id)?.rev ?? 0)}::bigint[]) as c(id, n, rev)
    where messages.id = c.id`.execute(trx);
}

async function attachFiles(trx: Kysely<Database>, rows: MessageRow[], messages: NewMessage[]): Promise<void> {
  const sources = new Map(messages.map((m) => [key(m.authorId, m.clientMsgId), m]));
  const files = rows.flatMap((row) => (sources.get(key(row.author_id, row.client_msg_id))?.fileIds ?? []).map((fileId) => ({ row, fileId })));
  if (files.length === 0) return;
  const { rows: attached } = await sql<{ message_id: number }>`
    update files set message_id = c.message_id, room_id = c.room_id
    from unnest(${files.map((f) => f.fileId)}::text[], ${files.map((f) => f.row.id)}::bigint[], ${files.map((f) => f.row.room_id)}::bigint[], ${files.map((f) => f.row.author_id)}::bigint[])
      as c(id, message_id, room_id, owner_id)
    where files.id = c.id and files.owner_id = c.owner_id and files.message_id is null
    returning files.message_id`.execute(trx);
  const counts = new Map<number, number>();
  for (const { message_id } of attached) counts.set(message_id, (counts.get(message_id) ?? 0) + 1);
  if (counts.size === 0) return;
  await sql`
    update messages set file_count = c.n
    from unnest(${[...counts.keys()]}::bigint[], ${[...counts.values()]}::int[]) as c(id, n)
    where messages.id = c.id`.execute(trx);
  for (const row of rows) row.file_count = counts.get(row.id) ?? row.file_count;
}
