import { sql, type Kysely, type RawBuilder } from "kysely";
import type { Database } from "../schema.js";

/** Ids bound in one statement; well under what SQLite (32,766) and PostgreSQL (65,535) accept. */
export const MAX_IDS_PER_QUERY = 10_000;

/**
 * The values of an `IN (...)` list, padded with the last one to a power of two: batched reads of varying sizes then
 * make a handful of distinct statements, rather than one per size crowding the prepared-statement cache out.
 */
export function inList(values: readonly (string | number)[]) {
  const padded = [...values];
  const last = values.at(-1);
  if (last === undefined) throw new RangeError("an IN list needs at least one value");
  while (padded.length & (padded.length - 1)) padded.push(last);
  return sql.join(padded);
}

/** The first row of a `sql`-tag read: the hot reads are written as SQL (see docs/architecture.md). */
export async function first<Row>(db: Kysely<Database>, query: RawBuilder<Row>): Promise<Row | undefined> {
  return (await query.execute(db)).rows[0];
}

/** Messages with their author's name, as the hot reads write it. */
export const MESSAGES_WITH_AUTHOR = sql`select messages.*, users.username as author_name from messages inner join users on users.id = messages.author_id`;

/** Messages with their author's name, as the other reads build it. */
export function messagesWithAuthor(db: Kysely<Database>) {
  return db.selectFrom("messages").innerJoin("users", "users.id", "messages.author_id").selectAll("messages").select("users.username as author_name");
}

/**
 * LIMIT written into the SQL: SQLite prepares a statement again on every run when its LIMIT is a bound
 * parameter (about 20 µs, more than a page read from cache). Limits come validated from the domain.
 */
export function literalLimit(limit: number) {
  if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`not a row limit: ${limit}`);
  return sql.lit(limit);
}

/**
 * Whether the message under `alias` mentions the user: by name, or everyone by @all/@room. The one
 * spelling of it in SQL, for the room list's counts, a room's counts and the Mentions view alike.
 */
export function mentionsUser(alias: string, userId: number) {
  return sql<boolean>`(${sql.ref(`${alias}.mentions_room`)} = 1 or ',' || ${sql.ref(`${alias}.mention_ids`)} || ',' like ${`%,${userId},%`})`;
}
