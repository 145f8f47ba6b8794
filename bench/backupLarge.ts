import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { NatterClient } from "@natter/client";
import { dataset } from "./lib/datasets.js";
import { freePort, startNatter } from "./lib/servers.js";
import { latencySummary } from "./lib/stats.js";

/**
 * `npx tsx bench/backupLarge.ts [messages] [backup-only]`: `natter backup` of a large SQLite database (default 9,000,000
 * messages, 1.6 GB) while a client sends 20 messages a second, then `natter restore` of the archive. Reports
 * the database's size, the backup's time and throughput, and the send acks and commits in the 30 s before the
 * backup and during it.
 */
const messages = Number(process.argv[2] ?? 9_000_000);
const withRestore = process.argv[3] !== "backup-only";
/** Sends and commits are measured this long before the backup too, to tell the backup's share from the machine's. */
const BASELINE_MS = 30_000;
const cli = fileURLToPath(new URL("../packages/server/dist/cli.js", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "natter-backup-bench-"));

function natter(args: string[], env: Record<string, string>): Promise<{ seconds: number; output: string }> {
  const started = performance.now();
  const child = spawn(process.execPath, [cli, ...args], { env: { ...process.env, DATABASE_URL: "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.once("close", (code) => (code === 0 ? resolve({ seconds: (performance.now() - started) / 1000, output: output.trim() }) : reject(new Error(output)))),
  );
}

/** The server's group commits so far, and how many took at most 50 ms (a histogram bucket's bound). */
async function commits(port: number): Promise<{ count: number; upTo50ms: number }> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? Number.NaN);
  return { count: value(/^natter_storage_commit_seconds_count (\S+)$/m), upTo50ms: value(/^natter_storage_commit_seconds_bucket\{le="0\.05"\} (\S+)$/m) };
}

try {
  const source = dataset("history", messages);
  const dataDir = join(scratch, "live");
  // A copy, so the kept dataset is not changed by the sends below.
  execFileSync("cp", ["-r", "--reflink=auto", source.dataDir, dataDir]);
  const databaseBytes = statSync(join(dataDir, "natter.db")).size;
  const metricsPort = await freePort();
  const server = await startNatter({ dataDir, env: { METRICS_PORT: String(metricsPort) } });
  const client = new NatterClient({ url: `http://127.0.0.1:${server.port}`, transports: ["websocket"] });
  await client.guest("sender");
  await client.connect();
  // A room of its own: joining general, with its millions of unread messages, is a bench of its own (history).
  await client.createRoom("backup-bench");
  await client.join("backup-bench");
  const acks: { at: number; ms: number }[] = [];
  let sending = true;
  const sender = (async () => {
    for (let i = 0; sending; i++) {
      const started = performance.now();
      await client.send("backup-bench", `during backup ${i}`);
      acks.push({ at: started, ms: performance.now() - started });
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  const baselineCommits = await commits(metricsPort);
  const baselineStarted = performance.now();
  await new Promise((resolve) => setTimeout(resolve, BASELINE_MS));
  const file = join(scratch, "natter.tar");
  const commitsBefore = await commits(metricsPort);
  const backupStarted = performance.now();
  const backup = await natter(["backup", file], { DATA_DIR: dataDir });
  const backupEnded = performance.now();
  const commitsAfter = await commits(metricsPort);
  sending = false;
  await sender;
  client.close();
  await server.stop();
  const restore = withRestore ? await natter(["restore", file, "--data-dir", join(scratch, "restored")], {}) : { seconds: Number.NaN, output: "" };
  const before = acks.filter((ack) => ack.at >= baselineStarted && ack.at < backupStarted).map((ack) => ack.ms);
  const during = acks.filter((ack) => ack.at >= backupStarted && ack.at < backupEnded).map((ack) => ack.ms);
  const result = {
    messages,
    databaseMb: Math.round(databaseBytes / 2 ** 20),
    archiveMb: Math.round(statSync(file).size / 2 ** 20),
    backupSeconds: Math.round(backup.seconds * 10) / 10,
    backupMbPerSecond: Math.round(databaseBytes / 2 ** 20 / backup.seconds),
    restoreSeconds: Math.round(restore.seconds * 10) / 10,
    ackMsBefore: { ...latencySummary(before), max: Math.round(Math.max(...before)) },
    ackMsDuringBackup: { ...latencySummary(during), max: Math.round(Math.max(...during)) },
    // From the server's own natter_storage_commit_seconds: a lock that held sends up would show as slow commits.
    commitsBeforeBackup: commitsBefore.count - baselineCommits.count,
    commitsOver50msBeforeBackup: commitsBefore.count - baselineCommits.count - (commitsBefore.upTo50ms - baselineCommits.upTo50ms),
    commitsDuringBackup: commitsAfter.count - commitsBefore.count,
    commitsOver50msDuringBackup: commitsAfter.count - commitsBefore.count - (commitsAfter.upTo50ms - commitsBefore.upTo50ms),
    backupSaid: backup.output,
    restoreSaid: restore.output,
  };
  console.log(JSON.stringify(result, null, 2));
  writeFileSync(`bench/results/${new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19)}Z-backup-large.json`, `${JSON.stringify(result, null, 2)}\n`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
