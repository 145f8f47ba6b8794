import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import type { ServerKind } from "./load/protocol.js";
import { pinning } from "./lib/cpus.js";
import { startBaseline, startNatter, type RunningServer } from "./lib/servers.js";
import { printTable } from "./report.js";
import { runCluster, type ClusterRow } from "./scenarios/cluster.js";
import { runCrowd, type CrowdResult } from "./scenarios/crowd.js";
import { runFanout, type FanoutResult } from "./scenarios/fanout.js";
import { runHistory } from "./scenarios/history.js";
import { runImport } from "./scenarios/import.js";
import { runIdle, type IdleResult } from "./scenarios/idle.js";
import { runRetention } from "./scenarios/retention.js";
import { runSearch } from "./scenarios/search.js";
import { postgresAvailable, runStorage, type StorageCase, type StorageResult } from "./scenarios/storage.js";
import { runUsers, type UsersResult } from "./scenarios/users.js";
import { runWeb } from "./scenarios/web.js";
import { sizes, type Mode } from "./sizes.js";

/** `npm run bench [-- --quick | --smoke] [--only fanout,idle,crowd,users,storage,history,search,web,import,retention,cluster] [--cases 0,1] [--users 500,1000]` */
const args = process.argv.slice(2);
if (!existsSync(fileURLToPath(new URL("../packages/server/dist/cli.js", import.meta.url)))) {
  console.error("Natter is not built: run `npm run build` (or `npx tsc -b packages/server packages/client`) first.");
  process.exit(1);
}
const mode: Mode = args.includes("--smoke") ? "smoke" : args.includes("--quick") ? "quick" : "full";
const onlyArg = args[args.indexOf("--only") + 1];
const only = args.includes("--only") && onlyArg ? new Set(onlyArg.split(",")) : undefined;
const wanted = (scenario: string) => !only || only.has(scenario);
const casesArg = args[args.indexOf("--cases") + 1];
const size = { ...sizes[mode] };
// `--cases 0,1,2` runs only those fan-out cases (numbered from 0, in the order of bench/sizes.ts).
if (args.includes("--cases") && casesArg) size.fanout = size.fanout.filter((_, index) => casesArg.split(",").map(Number).includes(index));
// `--users 500,1000` measures these numbers of people, each step even after one misses, instead of the mode's search.
const usersArg = args[args.indexOf("--users") + 1];
if (args.includes("--users") && usersArg) size.users = { ...size.users, steps: usersArg.split(",").map(Number), search: false };
const KINDS: ServerKind[] = ["natter", "socketio", "ws"];
const problems: string[] = [];

export interface Results {
  mode: Mode;
  startedAt: string;
  finishedAt?: string;
  machine: { cpus: number; model: string; memoryGb: number; node: string; pinning: string; loadAverageAtStart: string };
  fanout: { case: string; results: Partial<Record<ServerKind, FanoutResult | { error: string }>> }[];
  idle: Partial<Record<ServerKind, IdleResult | { error: string }>>;
  crowd?: Partial<Record<ServerKind, CrowdResult | { error: string }>>;
  users?: UsersResult | { error: string };
  storage: { case: string; result: StorageResult | { error: string } | { skipped: string } }[];
  history?: unknown;
  search?: unknown;
  web?: unknown;
  import?: unknown;
  retention?: unknown;
  cluster?: unknown;
  /** Wall seconds each scenario took, so a slow `--quick` shows where its time goes. */
  seconds: Record<string, number>;
  problems: string[];
}

const results: Results = {
  mode,
  startedAt: new Date().toISOString(),
  machine: {
    cpus: availableParallelism(),
    model: cpus()[0]?.model ?? "unknown",
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    pinning,
    loadAverageAtStart: (await import("node:os"))
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" "),
  },
  fanout: [],
  idle: {},
  storage: [],
  seconds: {},
  problems,
};

async function timed(scenario: string, run: () => Promise<void>): Promise<void> {
  if (!wanted(scenario)) return;
  const started = performance.now();
  await run();
  results.seconds[scenario] = Math.round((performance.now() - started) / 100) / 10;
}

function start(kind: ServerKind): Promise<RunningServer> {
  return kind === "natter" ? startNatter() : startBaseline(kind);
}

function failure(where: string, error: unknown): { error: string } {
  const message = error instanceof Error ? error.message : String(error);
  problems.push(`${where}: ${message}`);
  console.error(`  ✗ ${where}: ${message}`);
  return { error: message.slice(0, 500) };
}

function checkDelivery(where: string, result: { lost: number; duplicated: number; ackErrors: number; firstError?: string }): void {
  if (result.lost > 0 || result.duplicated > 0) problems.push(`${where}: ${result.lost} lost, ${result.duplicated} duplicated`);
  if (result.ackErrors > 0) problems.push(`${where}: ${result.ackErrors} sends refused (${result.firstError ?? ""})`);
}

async function fanoutScenarios(): Promise<void> {
  results.fanout = size.fanout.map((spec) => ({ case: spec.name, results: {} }));
  for (const kind of KINDS) {
    let server: RunningServer | undefined;
    try {
      server = await start(kind);
      for (const [index, spec] of size.fanout.entries()) {
        const row = results.fanout[index];
        if (!row) continue;
        console.log(`fan-out ${spec.name}: ${kind}`);
        try {
          const result = await runFanout(server, spec, `f${index}`);
          checkDelivery(`fan-out ${spec.name} (${kind})`, result);
          row.results[kind] = result;
        } catch (error) {
          row.results[kind] = failure(`fan-out ${spec.name} (${kind})`, error);
        }
      }
    } catch (error) {
      failure(`fan-out server ${kind}`, error);
    } finally {
      await server?.stop();
    }
  }
}

async function idleScenario(): Promise<void> {
  for (const kind of KINDS) {
    const count = kind === "natter" ? size.idle.natter : size.idle.baseline;
    console.log(`idle connections: ${kind}, ${count}`);
    let server: RunningServer | undefined;
    try {
      server = await start(kind);
      const result = await runIdle(server, count, size.idle.gcSettleMs);
      if (result.failed > 0) problems.push(`idle ${kind}: ${result.failed} of ${count} could not connect (${result.firstError ?? ""})`);
      results.idle[kind] = result;
    } catch (error) {
      results.idle[kind] = failure(`idle ${kind}`, error);
    } finally {
      await server?.stop();
    }
  }
}

async function crowdScenario(): Promise<void> {
  const crowd: NonNullable<Results["crowd"]> = {};
  results.crowd = crowd;
  for (const kind of KINDS) {
    console.log(`crowd: ${kind}, ${size.crowd.people} arriving`);
    let server: RunningServer | undefined;
    try {
      server = await start(kind);
      const result = await runCrowd(server, size.crowd, "crowd");
      if (result.failed > 0) problems.push(`crowd ${kind}: ${result.failed} of ${result.people} not in (${result.firstError ?? ""})`);
      if (result.disconnected > 0) problems.push(`crowd ${kind}: ${result.disconnected} disconnected`);
      crowd[kind] = result;
    } catch (error) {
      crowd[kind] = failure(`crowd ${kind}`, error);
    } finally {
      await server?.stop();
    }
  }
}

async function usersScenario(): Promise<void> {
  console.log(`users: ${size.users.steps.join(", ")} people, ${size.users.windowMs / 1000} s each`);
  try {
    const users = await runUsers(size.users);
    results.users = users;
    if (users.error) problems.push(`users: ${users.error}`);
    // A step over the latency or CPU bound is where the search stops, as it should; losing or refusing is a fault.
    for (const step of users.steps) checkDelivery(`users ${step.people}`, { ...step, ackErrors: step.refused });
  } catch (error) {
    results.users = failure("users", error);
  }
}

async function storageScenarios(): Promise<void> {
  const pgUp = await postgresAvailable();
  const cases: (StorageCase & { label: string })[] = [
    { label: "SQLite, 1 room", store: "sqlite", rooms: 1, durationMs: size.storageMs },
    { label: "SQLite, 100 rooms", store: "sqlite", rooms: 100, durationMs: size.storageMs },
    { label: "SQLite full sync, 100 rooms", store: "sqlite", rooms: 100, sync: "full", durationMs: size.storageMs },
    { label: "PostgreSQL, 1 room", store: "postgres", rooms: 1, durationMs: size.storageMs },
    { label: "PostgreSQL, 100 rooms", store: "postgres", rooms: 100, durationMs: size.storageMs },
  ];
  for (const [index, spec] of cases.entries()) {
    if (size.storageCases !== "all" && !spec.label.endsWith(size.storageCases)) continue;
    if (size.storageCases !== "all" && spec.sync === "full") continue;
    console.log(`storage ${spec.label}`);
    if (spec.store === "postgres" && !pgUp) {
      const skipped = "PostgreSQL is not reachable (set BENCH_DATABASE_URL)";
      if (process.env.CI) problems.push(`storage ${spec.label}: ${skipped}`);
      results.storage.push({ case: spec.label, result: { skipped } });
      continue;
    }
    try {
      const result = await runStorage(spec, `s${index}`);
      checkDelivery(`storage ${spec.label}`, result);
      results.storage.push({ case: spec.label, result });
    } catch (error) {
      results.storage.push({ case: spec.label, result: failure(`storage ${spec.label}`, error) });
    }
  }
}

async function single(name: string, run: () => Promise<unknown>): Promise<unknown> {
  console.log(name);
  try {
    return await run();
  } catch (error) {
    return failure(name, error);
  }
}

await timed("fanout", fanoutScenarios);
await timed("idle", idleScenario);
await timed("crowd", crowdScenario);
await timed("users", usersScenario);
await timed("storage", storageScenarios);
await timed("history", async () => void (results.history = await single("history", () => runHistory(size.history.messages, size.history.samples))));
await timed("search", async () => void (results.search = await single("search", () => runSearch(size.search.messages, size.search.samples))));
await timed("web", async () => void (results.web = await single("web", () => runWeb(size.webLoads, size.webLongRoom))));
await timed("import", async () => void (results.import = await single("import", async () => runImport(size.importMessages, await postgresAvailable()))));
await timed("retention", async () => void (results.retention = await single("retention", () => runRetention(size.retentionMessages))));
const clusterCase = size.cluster;
if (clusterCase)
  await timed("cluster", async () => {
    results.cluster = await single("cluster", async () =>
      (await postgresAvailable()) ? runCluster(clusterCase, "cl") : { skipped: "PostgreSQL is not reachable (set BENCH_DATABASE_URL)" },
    );
    if (Array.isArray(results.cluster))
      for (const r of results.cluster as ClusterRow[]) checkDelivery(`cluster ${r.nodes} ${r.fanout}`, { ...r, ackErrors: 0 });
  });
results.finishedAt = new Date().toISOString();

const resultsDir = fileURLToPath(new URL("./results/", import.meta.url));
mkdirSync(resultsDir, { recursive: true });
const stamp = results.startedAt.replace(/:/g, "-").replace(/\.\d+Z$/, "Z");
// A smoke run only proves the bench still works; its file is not a result worth keeping (*.tmp is gitignored).
const file = `${resultsDir}${mode === "smoke" ? `smoke-${stamp}.json.tmp` : `${stamp}${mode === "quick" ? "-quick" : ""}.json`}`;
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
printTable(results);
const took = Object.entries(results.seconds).map(([scenario, seconds]) => `${scenario} ${seconds} s`);
console.log(`\ntook: ${took.join(", ")}; ${Math.round((Date.parse(results.finishedAt) - Date.parse(results.startedAt)) / 1000)} s in all`);
console.log(`results: ${file}`);
if (problems.length > 0) {
  console.error(`\n${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  process.exitCode = 1;
}
