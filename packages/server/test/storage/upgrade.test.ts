import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from "kysely";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import type { Store } from "../../src/storage/index.js";
import { migrationProvider, type Dialect } from "../../src/storage/migrations.js";
import { openPostgresStore } from "../../src/storage/postgres.js";
import { openSqliteStore, sqliteFile } from "../../src/storage/sqlite.js";
import { usernameKey } from "../../src/domain/usernames.js";
import { freshDatabase, postgresSkipReason } from "../support/postgres.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

/** A database as the Natter of that migration left it, with two users, ann (1) and ben (2), and how to open it now. */
async function writtenUpTo(dialect: Dialect, migration: string): Promise<{ old: Kysely<unknown>; open: () => Store }> {
  let old: Kysely<unknown>;
  let open: () => Store;
  if (dialect === "sqlite") {
    const dataDir = mkdtempSync(join(tmpdir(), "natter-upgrade-"));
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
    old = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(sqliteFile(dataDir)) }) });
    open = () => openSqliteStore({ dataDir, synchronous: "normal" });
  } else {
    const database = await freshDatabase("natter_upgrade");
    cleanups.push(database.drop);
    old = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: database.url }) }) });
    open = () => openPostgresStore(database.url);
  }
  const { error } = await new Migrator({ db: old, provider: migrationProvider(dialect) }).migrateTo(migration);
  expect(error).toBeUndefined();
  await sql`insert into users (id, username, username_key, kind, created_at) values (1, 'ann', 'ann', 'member', 0), (2, 'ben', 'ben', 'member', 0)`.execute(
    old,
  );
  return { old, open };
}

/** Migrates the old database with the store of today and runs the checks on it. */
async function upgraded(old: Kysely<unknown>, open: () => Store, check: (store: Store) => Promise<void>): Promise<void> {
  await old.destroy();
  const store = open();
  try {
    await store.migrate();
    await check(store);
  } finally {
    await store.close();
  }
}

const dialects = [
  { dialect: "sqlite" as const, skip: undefined },
  { dialect: "postgres" as const, skip: postgresSkipReason },
];

describe.each(dialects)("upgrading a $dialect database written by an earlier Natter", ({ dialect, skip }) => {
  it.skipIf(skip !== undefined)("rooms keep their member counts when the counts become a column", async () => {
    const { old, open } = await writtenUpTo(dialect, "003_search_and_files");
    await sql`insert into rooms (id, name, name_key, topic, created_at) values (1, 'busy', 'busy', '', 0), (2, 'empty', 'empty', '', 0)`.execute(old);
    await sql`insert into memberships (room_id, user_id, joined_at) values (1, 1, 0), (1, 2, 0)`.execute(old);
    await upgraded(old, open, async (store) => {
      expect((await store.roomById(1))?.member_count).toBe(2);
      expect((await store.roomById(2))?.member_count).toBe(0);
      await store.removeMember(1, 2);
      expect((await store.roomById(1))?.member_count).toBe(1);
    });
  });

  it.skipIf(skip !== undefined)("messages keep their reactions and attachments on a page when the counts become columns", async () => {
    const { old, open } = await writtenUpTo(dialect, "004_room_member_count");
    await sql`insert into rooms (id, name, name_key, topic, created_at, last_seq, last_rev) values (1, 'busy', 'busy', '', 0, 3, 3)`.execute(old);
    await sql`insert into messages (id, room_id, seq, rev, author_id, text, client_msg_id, created_at, in_room, mention_ids, mentions_room)
      values (1, 1, 1, 1, 1, 'liked', 'a', 0, 1, '', 0), (2, 1, 2, 2, 1, 'with files', 'b', 0, 1, '', 0), (3, 1, 3, 3, 1, 'plain', 'c', 0, 1, '', 0)`.execute(
      old,
    );
    await sql`insert into reactions (message_id, user_id, emoji, created_at) values (1, 1, '👍', 0), (1, 2, '👍', 0)`.execute(old);
    await sql`insert into files (id, owner_id, room_id, message_id, name, type, size, blob_key, created_at)
      values ('f1', 1, 1, 2, 'a.txt', 'text/plain', 1, 'k1', 0), ('f2', 1, 1, 2, 'b.txt', 'text/plain', 1, 'k2', 0)`.execute(old);
    await upgraded(old, open, async (store) => {
      const page = await store.messagesBefore(1, undefined, 10);
      expect(page.map((m) => [m.text, m.reaction_count, m.file_count])).toEqual([
        ["liked", 2, 0],
        ["with files", 0, 2],
        ["plain", 0, 0],
      ]);
    });
  });

  it.skipIf(skip !== undefined)("a mention still counts and still shows on its message when mentions are kept once", async () => {
    const { old, open } = await writtenUpTo(dialect, "005_message_reaction_and_file_counts");
    await sql`insert into rooms (id, name, name_key, topic, created_at, last_seq, last_rev) values (1, 'busy', 'busy', '', 0, 3, 3)`.execute(old);
    await sql`insert into memberships (room_id, user_id, joined_at) values (1, 1, 0), (1, 2, 0)`.execute(old);
    // The third names people whose ids merely contain ben's.
    await sql`insert into messages (id, room_id, seq, rev, author_id, text, client_msg_id, created_at, in_room, mention_ids, mentions_room)
      values (1, 1, 1, 1, 1, '@ben look', 'a', 0, 1, '2', 0), (2, 1, 2, 2, 1, 'plain', 'b', 0, 1, '', 0), (3, 1, 3, 3, 1, 'others', 'c', 0, 1, '12,21,22', 0)`.execute(
      old,
    );
    await sql`insert into mentions (message_id, user_id, room_id, seq) values (1, 2, 1, 1)`.execute(old);
    await upgraded(old, open, async (store) => {
      expect((await store.listRooms(2)).find((room) => room.id === 1)).toMatchObject({ unread: 3, mentions: 1 });
      expect((await store.listRooms(1)).find((room) => room.id === 1)).toMatchObject({ unread: 0, mentions: 0 });
      expect((await store.messageById(1, 1))?.mention_ids).toBe("2");
    });
  });

  it.skipIf(skip !== undefined)("usernames are keyed by their look-alike skeleton, and of two that now collide the older keeps the name", async () => {
    const { old, open } = await writtenUpTo(dialect, "010_email");
    // Keys as the old rule (NFKC, lower case) wrote them: Cyrillic "Аnn" and "rnary" were names of their own.
    await sql`insert into users (id, username, username_key, kind, created_at)
      values (3, 'Аnn', 'аnn', 'member', 0), (4, 'Mary', 'mary', 'member', 0), (5, 'rnary', 'rnary', 'guest', 0)`.execute(old);
    await upgraded(old, open, async (store) => {
      expect((await store.userByKey(usernameKey("ANN")))?.id).toBe(1);
      expect((await store.userByKey(usernameKey("mary")))?.id).toBe(4);
      expect((await store.userByKey(usernameKey("BEN")))?.id).toBe(2);
      expect((await store.userById(3))?.username_key).toBe(`${usernameKey("ann")}#3`);
      expect((await store.userById(5))?.username_key).toBe(`${usernameKey("mary")}#5`);
      expect((await store.userById(5))?.username).toBe("rnary");
      const taken = await store.createUser({ username: "аnn", username_key: usernameKey("аnn"), password_hash: null, kind: "guest", created_at: 1 });
      expect(taken).toBeUndefined();
    });
  });
});
