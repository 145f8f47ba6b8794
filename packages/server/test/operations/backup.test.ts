import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Message } from "@natter/protocol";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeAll, guest } from "../support/people.js";
import { freshDatabase, postgresSkipReason } from "../support/postgres.js";
import { startNatter, type RunningNatter } from "../support/server.js";
import { eventually } from "../support/wait.js";
import { keepSending, natterCli, wholeHistory } from "./backupSupport.js";

const work = mkdtempSync(join(tmpdir(), "natter-backup-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const stores = [
  { name: "SQLite", skip: undefined, database: async () => ({ url: undefined, drop: async () => undefined }) },
  { name: "PostgreSQL", skip: postgresSkipReason, database: () => freshDatabase() },
];

for (const store of stores) {
  describe.skipIf(store.skip !== undefined)(`backing up a running server on ${store.name}`, { timeout: 180_000 }, () => {
    const cleanups: (() => Promise<void>)[] = [];
    afterEach(closeAll);
    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    }, 60_000);

    it("a backup taken while 5 people send restores into a new place with every message acknowledged before it", async () => {
      const source = await store.database();
      const server = await startNatter({ databaseUrl: source.url, dataDir: mkdtempSync(join(work, "live-")) });
      cleanups.push(() => server.cleanup(), source.drop);
      const people = await Promise.all(["alice", "bob", "carol", "dave", "erin"].map((name) => guest(server.url, name)));
      const rooms = ["general", "design"];
      await people[0]?.createRoom("design");
      await Promise.all(people.flatMap((person) => rooms.map((room) => person.join(room))));
      const upload = await people[0]?.upload(new Uint8Array(Buffer.from("%PDF-1.4\nnot much of a pdf\n")), "notes.pdf");
      const senders = people.map((person, i) => keepSending((text) => person.send(rooms[i % 2] ?? "general", text), `from ${i}`));
      await eventually(() => expect(senders.every((sender) => sender.acked.length >= 10)).toBe(true), { timeoutMs: 30_000 });

      const file = join(work, `${store.name}.tar.gz`);
      const startedAt = performance.now();
      const env: Record<string, string> = source.url ? { DATABASE_URL: source.url, DATA_DIR: server.dataDir } : { DATA_DIR: server.dataDir };
      const backedUp = await natterCli(["backup", file], env);
      const endedAt = performance.now();
      // Sends went on during the backup, and went on being acknowledged.
      await eventually(() => expect(senders.every((sender) => sender.acked.some((ack) => ack.at > endedAt))).toBe(true), { timeoutMs: 30_000 });
      await Promise.all(senders.map((sender) => sender.stop()));
      expect(backedUp.stderr).toBe("");
      expect(backedUp.code).toBe(0);
      expect(backedUp.stdout).toMatch(/^natter: wrote .* messages, 5 users, 1 files/);
      const duringBackup = senders.flatMap((sender) => sender.acked).filter((ack) => ack.at > startedAt && ack.at < endedAt);
      expect(duringBackup.length).toBeGreaterThan(0);

      const target = source.url === undefined ? undefined : await freshDatabase();
      if (target) cleanups.push(target.drop);
      const restoredDir = join(work, `${store.name}-restored`);
      const restored = await natterCli(["restore", file, "--data-dir", restoredDir], target ? { DATABASE_URL: target.url } : {});
      expect(restored.stderr).toBe("");
      expect(restored.stdout).toMatch(/^natter: restored the backup of .*: \d+ messages, 5 users, 1 files/);

      const again = await startNatter({ databaseUrl: target?.url, dataDir: restoredDir });
      cleanups.push(() => again.cleanup());
      const token = people[0]?.token ?? "";
      const acked = senders.flatMap((sender) => sender.acked);
      for (const room of rooms) {
        const history = await wholeHistory(again.url, token, room);
        // A consistent copy: each room's messages are seq 1, 2, 3… with no gap, each exactly as acknowledged.
        expect(history.map((message) => message.seq)).toEqual(history.map((_, i) => i + 1));
        const byId = new Map(acked.map((ack) => [ack.message.id, ack.message]));
        for (const message of history) expect(strip(message)).toEqual(strip(byId.get(message.id)));
        const before = acked.filter((ack) => ack.at < startedAt && ack.message.room === room).map((ack) => ack.message.id);
        expect(history.map((message) => message.id)).toEqual(expect.arrayContaining(before));
      }
      // The uploaded file came along, byte for byte.
      const blob = await fetch(`${again.url}${upload?.url ?? ""}`, { headers: { authorization: `Bearer ${token}` } });
      expect(blob.status).toBe(200);
      expect(Buffer.from(await blob.arrayBuffer()).toString()).toContain("not much of a pdf");
    });
  });
}

/** What a message was when acknowledged; later reads may differ only in derived counts we do not compare. */
function strip(message: Message | undefined) {
  if (!message) return undefined;
  const { id, room, seq, text, author, createdAt } = message as Message & { author: unknown; createdAt: unknown };
  return { id, room, seq, text, author, createdAt };
}

describe("bad archives and places", { timeout: 120_000 }, () => {
  let server: RunningNatter;
  let good: string;
  beforeAll(async () => {
    server = await startNatter({ dataDir: mkdtempSync(join(work, "bad-")) });
    const alice = await guest(server.url, "alice");
    for (let i = 0; i < 20; i++) await alice.send("general", `message ${i}`);
    good = join(work, "good.tar");
    expect((await natterCli(["backup", good], { DATA_DIR: server.dataDir })).code).toBe(0);
  }, 60_000);
  afterEach(closeAll);
  afterAll(() => server.cleanup(), 60_000);

  const refused = async (file: string, dir: string, line: RegExp, extra: string[] = []) => {
    const result = await natterCli(["restore", file, "--data-dir", dir, ...extra]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(line);
    return result;
  };

  it("refuses a truncated archive, and leaves the target as it was", async () => {
    const bytes = readFileSync(good);
    const truncated = join(work, "truncated.tar");
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const dir = join(work, "from-truncated");
    await refused(truncated, dir, /truncated|damaged/);
    expect(existsSync(dir)).toBe(false);
    expect(readdirSync(work).filter((name) => name.includes(".restore-"))).toEqual([]);
  });

  it("refuses a tampered archive by its checksum", async () => {
    const bytes = Buffer.from(readFileSync(good));
    // A byte well inside natter.db (the last entry): the tar still reads, the SHA-256 does not match.
    const at = bytes.length - 4096;
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    const tampered = join(work, "tampered.tar");
    writeFileSync(tampered, bytes);
    await refused(tampered, join(work, "from-tampered"), /does not match its checksum/);
    expect(existsSync(join(work, "from-tampered"))).toBe(false);
  });

  it("refuses a foreign archive and a file that is no archive at all", async () => {
    const foreign = join(work, "foreign.tar");
    const { code } = await spawnTar(["-cf", foreign, "-C", server.dataDir, "natter.db"]);
    expect(code).toBe(0);
    await refused(foreign, join(work, "from-foreign"), /not a Natter backup/);
    const text = join(work, "notes.txt");
    writeFileSync(text, "these are not the bytes you are looking for\n".repeat(100));
    await refused(text, join(work, "from-text"), /not a (readable archive|Natter backup)/);
  });

  it("refuses a non-empty folder unless told --force, and then replaces its database", async () => {
    const dir = mkdtempSync(join(work, "occupied-"));
    writeFileSync(join(dir, "natter.db"), "an old database");
    await refused(good, dir, /not empty.*--force/);
    expect(readFileSync(join(dir, "natter.db"), "utf8")).toBe("an old database");
    const forced = await natterCli(["restore", good, "--data-dir", dir, "--force"]);
    expect(forced.stderr).toBe("");
    expect(forced.stdout).toMatch(/20 messages/);
  });

  it("refuses the folder of a running server", async () => {
    await refused(good, server.dataDir, /has .*natter\.db open: stop it first/, ["--force"]);
  });

  it("refuses to restore over nothing it was asked: a missing file", async () => {
    await refused(join(work, "no-such.tar"), join(work, "from-nothing"), /cannot read/);
  });
});

function spawnTar(args: string[]) {
  return import("node:child_process")
    .then(({ spawnSync }) => spawnSync("tar", args, { encoding: "utf8" }) as { code?: number; status: number | null } & { code: number | null })
    .then((result) => ({ code: result.status }));
}

export function sha256(path: string): string {
  return createHash("sha256").update(readFileSync(path)).digest("hex");
}
