import type { NatterClient } from "@natter/client";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { call } from "../security/support/api.js";
import { closeAll, firstAdmin, member } from "../support/people.js";
import { startNatter, type RunningNatter } from "../support/server.js";
import { onEveryStore } from "../support/stores.js";
import { sampleExport } from "./support/sampleExport.js";
import { writeSlackExport } from "./support/slackExport.js";

const folder = mkdtempSync(join(tmpdir(), "natter-slack-http-"));
let zip: Buffer;
beforeAll(async () => {
  await writeSlackExport(join(folder, "export.zip"), sampleExport());
  zip = readFileSync(join(folder, "export.zip"));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function finished(admin: NatterClient, id: string) {
  return vi.waitFor(
    async () => {
      const job = await admin.importJob(id);
      if (job.state === "running") throw new Error(`still at ${job.step}`);
      return job;
    },
    { timeout: 30_000, interval: 100 },
  );
}

onEveryStore((storeName, start) => {
  describe(`on ${storeName}, admins import a Slack export over HTTP`, () => {
    let server: RunningNatter;
    let done: () => Promise<void>;
    let admin: NatterClient;
    let bob: NatterClient;

    beforeAll(async () => {
      ({ server, done } = await start());
      admin = await firstAdmin(server, "operator");
      bob = await member(server.url, "bobby");
    });
    afterAll(async () => {
      closeAll();
      await done();
    });

    it("a dry run answers a job whose counts say what would come, and nothing comes", async () => {
      const started = await admin.startImport(zip, { dryRun: true });
      expect(started).toMatchObject({ state: "running", dryRun: true, source: "slack" });
      const job = await finished(admin, started.id);
      expect(job).toMatchObject({ state: "done", error: null, step: "done", filesDone: 9, filesTotal: 9 });
      expect(job.counts).toMatchObject({ users: 7, messages: 14, replies: 2 });
      expect(await server.natter.domain.store.roomByKey("design")).toBeUndefined();
    });

    it("the import runs in the background, reports progress and skips, and a second one stores nothing twice", async () => {
      const job = await finished(admin, (await admin.startImport(zip)).id);
      expect(job.counts).toMatchObject({ users: 7, rooms: 5, messages: 14, replies: 2, alreadyImported: 0 });
      expect(job.skipped.map((s) => s.what)).toEqual(expect.arrayContaining(["general/2024-03-02.json", "user U99GHOST"]));
      expect(job.finishedAt).toBeGreaterThanOrEqual(job.startedAt);
      const again = await finished(admin, (await admin.startImport(zip)).id);
      expect(again.counts).toMatchObject({ users: 0, messages: 0, replies: 0, alreadyImported: 16 });
      // The operator is in general (everyone is) and reads its imported history like any other.
      const history = await admin.history("general");
      expect(history.messages.map((m) => m.text)).toContain("Build **passed**");
      expect(history.messages.find((m) => m.text === "typo fixed")?.editedAt).toBe(new Date((1709283600 + 200) * 1000).toISOString());
    });

    it("an imported account cannot log in until claimed, and says so", async () => {
      const refused = await call(server.url, { method: "POST", path: "/api/auth/login", body: { username: "alice", password: "any password at all" } });
      expect([refused.status, (refused.body as { error: { code: string } }).error.code]).toEqual([403, "ACCOUNT_UNCLAIMED"]);
      const unknown = await call(server.url, { method: "POST", path: "/api/auth/login", body: { username: "nobody-here", password: "any password at all" } });
      expect((unknown.body as { error: { code: string } }).error.code).toBe("INVALID_CREDENTIALS");
    });

    it("to anyone but an admin, the routes answer as routes that do not exist, before reading an upload", async () => {
      for (const token of [bob.token ?? "", undefined]) {
        for (const [method, path] of [
          ["POST", "/api/admin/imports"],
          ["GET", "/api/admin/imports/abc"],
        ] as const) {
          const answer = await call(server.url, { method, path, token, raw: method === "POST" ? zip : undefined, contentType: "application/zip" });
          const missing = await call(server.url, {
            method,
            path: `${path}-nothing`,
            token,
            raw: method === "POST" ? zip : undefined,
            contentType: "application/zip",
          });
          expect(answer.status).toBe(404);
          expect(JSON.stringify(answer.body).replace(path, "<path>")).toBe(JSON.stringify(missing.body).replace(`${path}-nothing`, "<path>"));
        }
      }
    });

    it("a job whose server stopped reads as failed, and does not hold up the next import", async () => {
      const long = Date.now() - 60 * 60_000;
      await server.natter.domain.store.createImportJob({
        id: `stale-${storeName}`,
        source: "slack",
        dry_run: 0,
        state: "running",
        step: "#general",
        files_done: 1,
        files_total: 9,
        counts: "null",
        skipped: "[]",
        error: null,
        started_at: long,
        finished_at: null,
        updated_at: long,
      });
      expect(await admin.importJob(`stale-${storeName}`)).toMatchObject({ state: "failed", error: expect.stringContaining("upload the export again") });
      expect((await finished(admin, (await admin.startImport(zip, { dryRun: true })).id)).state).toBe("done");
    });

    it("refuses what is not a zip and jobs that do not exist, with codes", async () => {
      const token = admin.token ?? "";
      const notZip = await call(server.url, { method: "POST", path: "/api/admin/imports", token, raw: "hello", contentType: "application/zip" });
      expect([notZip.status, (notZip.body as { error: { code: string } }).error.code]).toEqual([400, "BAD_REQUEST"]);
      const none = await call(server.url, { method: "GET", path: "/api/admin/imports/no-such-job", token });
      expect([none.status, (none.body as { error: { code: string } }).error.code]).toEqual([404, "NOT_FOUND"]);
    });
  });
});

describe("import routes are rate-limited and capped", () => {
  let server: RunningNatter;
  beforeAll(async () => (server = await startNatter({ messagesPerSecond: 20, maxImportMb: 1 })));
  afterAll(async () => {
    closeAll();
    await server.cleanup();
  });

  it("polling too fast is refused with RATE_LIMITED, and an export over MAX_IMPORT_MB with PAYLOAD_TOO_LARGE", async () => {
    const admin = await firstAdmin(server, "operator");
    const token = admin.token ?? "";
    const big = await call(server.url, {
      method: "POST",
      path: "/api/admin/imports",
      token,
      raw: Buffer.alloc(2 * 1024 * 1024),
      contentType: "application/zip",
    });
    expect([big.status, (big.body as { error: { code: string } }).error.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
    const answers = await Promise.all(Array.from({ length: 40 }, () => call(server.url, { method: "GET", path: "/api/admin/imports/some-job", token })));
    expect(answers.filter((a) => a.status === 429).length).toBeGreaterThan(0);
    expect(answers.filter((a) => a.status === 404).length).toBeGreaterThan(0);
  });
});
