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

describe("upgrading a database written by an earlier Natter", () => {
  it("rooms keep their member counts when the counts become a column", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "natter-upgrade-"));
    dirs.push(dataDir);
    const old = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new Database(sqliteFile(dataDir)) }) });
    const { error } = await new Migrator({ db: old, provider: migrationProvider("sqlite") }).migrateTo("003_search_and_files");
    expect(error).toBeUndefined();
    await sql`insert into users (id, username, username_key, kind, created_at) values (1, 'ann', 'ann', 'member', 0), (2, 'ben', 'ben', 'member', 0)`.execute(old);
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
});
