import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Kysely, Migrator } from "kysely";
import { pino } from "pino";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { writeArchive } from "../../src/backup/archive.js";
import { backup } from "../../src/backup/backup.js";
import { scheduleBackups } from "../../src/backup/schedule.js";
import { BusySqliteDialect } from "../../src/storage/sqliteDialect.js";
import { migrationNames, migrationProvider } from "../../src/storage/migrations.js";
import { closeAll, guest } from "../support/people.js";
import { freshDatabase, postgresSkipReason } from "../support/postgres.js";
import { startNatter } from "../support/server.js";
import { natterCli } from "./backupSupport.js";

const work = mkdtempSync(join(tmpdir(), "natter-schedule-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
afterEach(closeAll);
const quiet = pino({ level: "silent" });
const settingsOf = (dataDir: string) => ({ dataDir, databaseUrl: undefined, blobStore: "disk" as const });

describe("scheduled backups", { timeout: 120_000 }, () => {
  it("keep the newest BACKUP_KEEP of their own files and leave every other file alone", async () => {
    const server = await startNatter();
    try {
      const dir = join(work, "rotating");
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "notes.txt"), "mine, not Natter's");
      let clock = Date.UTC(2026, 0, 1, 0, 0, 0);
      const schedule = scheduleBackups(settingsOf(server.dataDir), { dir, everyHours: 1, keep: 3, logger: quiet, now: () => clock });
      const written: string[] = [];
      for (let i = 0; i < 5; i++) {
        clock += 3_600_000;
        written.push((await schedule.runNow()) ?? "");
      }
      schedule.stop();
      expect(written.map((file) => file.split("/").at(-1))).toEqual([1, 2, 3, 4, 5].map((h) => `natter-20260101T0${h}0000Z.tar`));
      expect(readdirSync(dir).sort()).toEqual(["natter-20260101T030000Z.tar", "natter-20260101T040000Z.tar", "natter-20260101T050000Z.tar", "notes.txt"]);
    } finally {
      await server.cleanup();
    }
  });

  it("write nothing in a slot another node claimed", async () => {
    const server = await startNatter();
    try {
      const dir = join(work, "claimed");
      const claimed = new Set<number>();
      const claim = async (slot: number) => !claimed.has(slot) && Boolean(claimed.add(slot));
      const node = (n: number) =>
        scheduleBackups(settingsOf(server.dataDir), { dir, everyHours: 2, keep: 5, logger: quiet, claim, now: () => Date.UTC(2026, 0, 1, 3, n) });
      const [first, second] = [node(1), node(2)];
      expect(await first.runNow()).toMatch(/natter-20260101T030100Z\.tar$/);
      expect(await second.runNow()).toBeUndefined();
      first.stop();
      second.stop();
      expect(readdirSync(dir)).toEqual(["natter-20260101T030100Z.tar"]);
    } finally {
      await server.cleanup();
    }
  });

  it("run on their own when the server has BACKUP_DIR", async () => {
    const dir = join(work, "from-server");
    // 0.0003 h ≈ 1 s: the first slot boundary comes within a second.
    const server = await startNatter({ backupDir: dir, backupEveryHours: 0.0003, backupKeep: 2 });
    try {
      const { waitFor } = await import("../support/wait.js");
      await waitFor("a scheduled backup", () => expect(readdirSync(dir).filter((name) => name.endsWith(".tar")).length).toBeGreaterThanOrEqual(1), {
        timeoutMs: 20_000,
      });
      await waitFor("rotation", () => expect(readdirSync(dir).length).toBeLessThanOrEqual(2), { timeoutMs: 20_000 });
    } finally {
      await server.cleanup();
    }
  });
});

describe("backups of other schema versions", { timeout: 120_000 }, () => {
  it("an older schema is migrated on restore", async () => {
    const oldDir = join(work, "old-schema");
    mkdirSync(oldDir, { recursive: true });
    const previous = migrationNames().at(-2) ?? "";
    const db = new Kysely<unknown>({ dialect: new BusySqliteDialect(new Database(join(oldDir, "natter.db"))) });
    const { error } = await new Migrator({ db, provider: migrationProvider("sqlite") }).migrateTo(previous);
    expect(error).toBeUndefined();
    await db.destroy();
    const file = join(work, "old.tar");
    const report = await backup(settingsOf(oldDir), file);
    expect(report.manifest.schema).toBe(previous);
    const restored = await natterCli(["restore", file, "--data-dir", join(work, "old-restored")]);
    expect(restored.stderr).toBe("");
    expect(restored.stdout).toContain(`schema migrated from ${previous} to ${migrationNames().at(-1) ?? ""}`);
    const check = new Database(join(work, "old-restored", "natter.db"), { readonly: true });
    expect(check.prepare("select name from kysely_migration order by name desc limit 1").pluck().get()).toBe(migrationNames().at(-1));
    check.close();
  });

  it("a newer Natter's backup is refused, and nothing is written", async () => {
    const server = await startNatter();
    try {
      const good = await backup(settingsOf(server.dataDir), join(work, "current.tar"));
      // The same bytes under a manifest that names a migration this version does not have.
      const staged = join(work, "staged");
      mkdirSync(staged, { recursive: true });
      execFileSync("tar", ["-xf", join(work, "current.tar"), "-C", staged]);
      const future = join(work, "future.tar");
      await writeArchive(future, { ...good.manifest, schema: "999_from_the_future" }, [{ name: "natter.db", path: join(staged, "natter.db") }], false);
      const result = await natterCli(["restore", future, "--data-dir", join(work, "future-restored")]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/newer than this Natter knows: upgrade Natter first/);
      expect(existsSync(join(work, "future-restored"))).toBe(false);
    } finally {
      await server.cleanup();
    }
  });
});

describe("a backup that runs out of disk", { timeout: 120_000 }, () => {
  // A 1 MB tmpfs is a real full disk; mounting one needs root, as CI and this machine have.
  const root = process.getuid?.() === 0;
  it.skipIf(!root)("fails with a clear line and leaves no file named as complete, and nothing half-written", async () => {
    const server = await startNatter();
    const small = join(work, "small-disk");
    mkdirSync(small, { recursive: true });
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", small]);
    try {
      const alice = await guest(server.url, "alice");
      const long = "x".repeat(3900);
      for (let i = 0; i < 40; i++) await Promise.all(Array.from({ length: 10 }, (_, j) => alice.send("general", `${i}-${j} ${long}`)));
      const file = join(small, "backup.tar");
      const result = await natterCli(["backup", file], { DATA_DIR: server.dataDir });
      expect(result.code).not.toBe(0);
      expect(result.stderr.trim().split("\n")).toHaveLength(1);
      expect(result.stderr).toMatch(/SQLITE_FULL|ENOSPC|full/i);
      expect(readdirSync(small)).toEqual([]);
    } finally {
      execFileSync("umount", [small]);
      await server.cleanup();
    }
  });
});

describe.skipIf(postgresSkipReason !== undefined)("restoring into PostgreSQL", { timeout: 120_000 }, () => {
  it("refuses a database a server is connected to, and a non-empty one without --force", async () => {
    const database = await freshDatabase();
    const server = await startNatter({ databaseUrl: database.url });
    const target = await freshDatabase();
    try {
      const alice = await guest(server.url, "alice");
      await alice.send("general", "kept");
      const file = join(work, "pg.tar");
      expect((await natterCli(["backup", file], { DATABASE_URL: database.url, DATA_DIR: server.dataDir })).code).toBe(0);
      const live = await natterCli(["restore", file, "--data-dir", join(work, "pg-files-1")], { DATABASE_URL: database.url });
      expect(live.stderr).toMatch(/a Natter server is connected to this database: stop every node first/);
      expect((await natterCli(["restore", file, "--data-dir", join(work, "pg-files-2")], { DATABASE_URL: target.url })).code).toBe(0);
      const twice = await natterCli(["restore", file, "--data-dir", join(work, "pg-files-3")], { DATABASE_URL: target.url });
      expect(twice.stderr).toMatch(/the database is not empty: add --force/);
      const forced = await natterCli(["restore", file, "--data-dir", join(work, "pg-files-4"), "--force"], { DATABASE_URL: target.url });
      expect(forced.stderr).toBe("");
      expect(forced.stdout).toMatch(/1 messages/);
    } finally {
      await server.cleanup();
      await database.drop();
      await target.drop();
    }
  });
});
