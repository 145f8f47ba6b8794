import Database from "better-sqlite3";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Kysely, Migrator, SqliteDialect, sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { migrationProvider } from "../../src/storage/migrations.js";
import { openSqliteStore, sqliteFile } from "../../src/storage/sqlite.js";

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A database as the Natter of that migration left it, with two users, ann (1) and ben (2). */
async function writtenUpTo(migration: string): Promise<{ dataDir: string; old: Kysely<unknown> }> {
  const dataDir = mkdtempSync(join(tmpdir(), "natter-upgrade-"));
  dirs.push(dataDir);
  const old = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(sqliteFile(dataDir)) }) });
  const { error } = await new Migrator({ db: old, provider: migrationProvider("sqlite") }).migrateTo(migration);
  expect(error).toBeUndefined();
  await sql`insert into users (id, username, username_key, kind, created_at) values (1, 'ann', 'ann', 'member', 0), (2, 'ben', 'ben', 'member', 0)`.execute(old);
  return { dataDir, old };
}

describe("upgrading a database written by an earlier Natter", () => {
  it("rooms keep their member counts when the counts become a column", async () => {
    const { dataDir, old } = await writtenUpTo("003_search_and_files");
    await sql`insert into rooms (id, name, name_key, topic, created_at) values (1, 'busy', 'busy', '', 0), (2, 'empty', 'empty', '', 0)`.execute(old);
    await sql`insert into memberships (room_id, user_id, joined_at) values (1, 1, 0), (1, 2, 0)`.execute(old);
    await old.destroy();

    const store = openSqliteStore({ dataDir, synchronous: "normal" });
    try {
      await store.migrate();
      expect((await store.roomById(1))?.member_count).toBe(2);
      expect((await store.roomById(2))?.member_count).toBe(0);
      await store.removeMember(1, 2);
      expect((await store.roomById(1))?.member_count).toBe(1);
    } finally {
      await store.close();
    }
  });

  it("messages keep their reactions and attachments on a page when the counts become columns", async () => {
    const { dataDir, old } = await writtenUpTo("004_room_member_count");
    await sql`insert into rooms (id, name, name_key, topic, created_at, last_seq, last_rev) values (1, 'busy', 'busy', '', 0, 3, 3)`.execute(old);
    await sql`insert into messages (id, room_id, seq, rev, author_id, text, client_msg_id, created_at, in_room, mention_ids, mentions_room)
      values (1, 1, 1, 1, 1, 'liked', 'a', 0, 1, '', 0), (2, 1, 2, 2, 1, 'with files', 'b', 0, 1, '', 0), (3, 1, 3, 3, 1, 'plain', 'c', 0, 1, '', 0)`.execute(old);
    await sql`insert into reactions (message_id, user_id, emoji, created_at) values (1, 1, '👍', 0), (1, 2, '👍', 0)`.execute(old);
    await sql`insert into files (id, owner_id, room_id, message_id, name, type, size, blob_key, created_at)
      values ('f1', 1, 1, 2, 'a.txt', 'text/plain', 1, 'k1', 0), ('f2', 1, 1, 2, 'b.txt', 'text/plain', 1, 'k2', 0)`.execute(old);
    await old.destroy();

    const store = openSqliteStore({ dataDir, synchronous: "normal" });
    try {
      await store.migrate();
      const page = await store.messagesBefore(1, undefined, 10);
      expect(page.map((m) => [m.text, m.reaction_count, m.file_count])).toEqual([
        ["liked", 2, 0],
        ["with files", 0, 2],
        ["plain", 0, 0],
      ]);
    } finally {
      await store.close();
    }
  });
});
