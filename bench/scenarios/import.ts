import { mkdtempSync, rmSync, statSync } from "node:fs";
import { createWriteStream } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import yazl from "yazl";
import { DiskBlobStore } from "../../packages/server/dist/blobs/diskBlobStore.js";
import { importSlack } from "../../packages/server/dist/importers/slack/importSlack.js";
import { ensureGeneral } from "../../packages/server/dist/domain/rooms.js";
import { openPostgresStore } from "../../packages/server/dist/storage/postgres.js";
import { openSqliteStore } from "../../packages/server/dist/storage/sqlite.js";
import type { Store } from "../../packages/server/dist/storage/index.js";
import { freshPostgres } from "../lib/postgres.js";

export interface ImportCaseResult {
  store: "sqlite" | "postgres";
  messages: number;
  exportMb: number;
  seconds: number;
  messagesPerSecond: number;
  /**
   * Messages per CPU-second of this process (SQLite works inside it): what the import costs whatever else the
   * machine runs. On a loaded machine wall-clock rates fall; this does not.
   */
  messagesPerCpuSecond: number;
  /** The process's peak resident memory while importing, which streaming keeps flat as exports grow. */
  peakRssMb: number;
  secondRunSeconds: number;
  /** The 1-minute load average as the import began and as it ended: on a shared machine, what the wall clock met. */
  loadAverage: string;
}

const CHANNELS = 10;
const USERS = 200;
const PER_DAY = 2_000;

/**
 * Issue 16 asks for ≥ 20,000 messages/s into SQLite: an export built here (10 channels, 200 people, a tenth
 * of the messages thread replies, some with reactions, mentions, links and bold), imported in process with
 * the server's importer, then imported again (which must store nothing).
 */
export async function runImport(messages: number, withPostgres: boolean): Promise<ImportCaseResult[]> {
  const folder = mkdtempSync(join(tmpdir(), "natter-bench-import-"));
  try {
    const zip = join(folder, "export.zip");
    await buildExport(zip, messages);
    const results = [await importInto("sqlite", zip, messages, folder)];
    if (withPostgres) results.push(await importInto("postgres", zip, messages, folder));
    return results;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function importInto(kind: "sqlite" | "postgres", zip: string, messages: number, folder: string): Promise<ImportCaseResult> {
  const database = kind === "postgres" ? await freshPostgres("natter_bench_import") : undefined;
  const store: Store = database ? openPostgresStore(database.url) : openSqliteStore({ dataDir: join(folder, "data"), synchronous: "normal" });
  try {
    await store.migrate();
    const domain = { store, blobs: new DiskBlobStore(join(folder, "files")), now: Date.now };
    await ensureGeneral(domain);
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const loadBefore = loadavg()[0] ?? 0;
    const started = performance.now();
    const cpu = process.cpuUsage();
    const report = await importSlack(domain, zip);
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    clearInterval(sampler);
    const loadAverage = `${loadBefore.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)}`;
    const imported = report.counts.messages + report.counts.replies;
    if (imported !== messages)
      throw new Error(
        `imported ${imported} of ${messages} messages (${report
          .skips()
          .slice(0, 3)
          .map((s) => s.reason)
          .join("; ")})`,
      );
    const again = performance.now();
    const second = await importSlack(domain, zip);
    if (second.counts.alreadyImported !== messages) throw new Error(`the second run stored ${second.counts.messages} again`);
    return {
      store: kind,
      messages,
      exportMb: Math.round(statSync(zip).size / 1024 / 102.4) / 10,
      seconds: Math.round(seconds * 100) / 100,
      messagesPerSecond: Math.round(messages / seconds),
      messagesPerCpuSecond: Math.round(messages / cpuSeconds),
      peakRssMb: Math.round(peak / 1024 / 1024),
      secondRunSeconds: Math.round((performance.now() - again) / 10) / 100,
      loadAverage,
    };
  } finally {
    await store.close();
    await database?.drop();
  }
}

async function buildExport(path: string, messages: number): Promise<void> {
  const zip = new yazl.ZipFile();
  const users = Array.from({ length: USERS }, (_, i) => ({ id: `U${1000 + i}`, name: `person${i}`, profile: { email: `person${i}@example.com` } }));
  const add = (name: string, value: unknown) => zip.addBuffer(Buffer.from(JSON.stringify(value)), name);
  add("users.json", users);
  add(
    "channels.json",
    Array.from({ length: CHANNELS }, (_, c) => ({
      id: `C${100 + c}`,
      name: `channel-${c}`,
      members: users.slice(0, 50).map((u) => u.id),
      created: 1_600_000_000,
    })),
  );
  const start = 1_700_000_000;
  const perChannel = Math.ceil(messages / CHANNELS);
  for (let c = 0; c < CHANNELS; c++) {
    const count = Math.min(perChannel, messages - c * perChannel);
    for (let day = 0; day * PER_DAY < count; day++) {
      const batch = [];
      for (let i = day * PER_DAY; i < Math.min(count, (day + 1) * PER_DAY); i++) {
        const ts = `${start + day * 86_400 + Math.floor(i / 10)}.${String((i % 10) * 100).padStart(6, "0")}`;
        const user = `U${1000 + (i % 50)}`;
        const root = i % 10 === 5 ? `${start + day * 86_400 + Math.floor((i - 5) / 10)}.000000` : undefined;
        batch.push({
          type: "message",
          user,
          ts,
          text:
            i % 7 === 0
              ? `*Heads up* <@U${1000 + ((i + 1) % 50)}>: see <https://example.com/${i}|ticket ${i}> &amp; reply`
              : `message ${i} in channel ${c}, nothing special`,
          ...(root ? { thread_ts: root } : {}),
          ...(i % 20 === 0 ? { reactions: [{ name: "+1", users: [user], count: 1 }] } : {}),
        });
      }
      add(`channel-${c}/${new Date((start + day * 86_400) * 1000).toISOString().slice(0, 10)}.json`, batch);
    }
  }
  zip.end();
  await pipeline(zip.outputStream, createWriteStream(path));
}
