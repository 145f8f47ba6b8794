import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startNatter } from "./lib/servers.js";
import { runCrowd } from "./scenarios/crowd.js";
import { runFanout } from "./scenarios/fanout.js";
import { runIdle } from "./scenarios/idle.js";
import { freshPostgres } from "./scenarios/storage.js";
import { sizes } from "./sizes.js";

/**
 * `npx tsx bench/profile.ts [fan-out case number | storage | idle | crowd] [--quick] [--postgres] [--keep]`: runs one case against Natter
 * under `node --cpu-prof` and prints the functions with the most self time, to see where a missed target's CPU goes.
 * `--postgres` runs the server on a fresh PostgreSQL database (BENCH_DATABASE_URL) instead of SQLite.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
}

const args = process.argv.slice(2);
const caseIndex = Number(args.find((arg) => /^\d+$/.test(arg)) ?? 1);
// `storage` profiles the 100-room acknowledged-send case instead of a fan-out case.
const storageCase = { name: "storage, 100 rooms", rooms: 100, members: 1, sendersPerRoom: 1, rate: 0, window: 8, durationMs: 5000 };
const spec = args.includes("storage") ? storageCase : sizes[args.includes("--quick") ? "quick" : "full"].fanout[caseIndex];
if (!spec) throw new Error(`no fan-out case ${caseIndex}`);
const dir = mkdtempSync(join(tmpdir(), "natter-prof-"));
const database = args.includes("--postgres") ? await freshPostgres("profile") : undefined;
const server = await startNatter({ databaseUrl: database?.url, nodeFlags: ["--cpu-prof", `--cpu-prof-dir=${dir}`] });
try {
  if (args.includes("crowd")) {
    const result = await runCrowd(server, sizes[args.includes("--quick") ? "quick" : "full"].crowd, "p");
    console.log(
      `crowd: ${result.joined} in after ${result.secondsUntilAllIn} s, ${result.joinsPerCpuSecond} joins per CPU-second, ${result.rssPerMemberKb} KB per member`,
    );
  } else if (args.includes("idle")) {
    const result = await runIdle(server, sizes[args.includes("--quick") ? "quick" : "full"].idle.natter);
    console.log(`idle: ${result.connectJoinPerCpuSecond.toLocaleString("en")} connect + join per CPU-second, ${result.rssPerConnectionKb} KB per connection`);
  } else {
    const result = await runFanout(server, spec, "p");
    console.log(`${spec.name}: ${result.deliveriesPerCpuSecond.toLocaleString("en")} deliveries per CPU-second, p99 ${result.latencyToLastMs.p99} ms`);
  }
} finally {
  await server.stop();
  await database?.drop();
}
const file = readdirSync(dir).find((name) => name.endsWith(".cpuprofile"));
if (!file) throw new Error("the server wrote no profile");
const profile = JSON.parse(readFileSync(join(dir, file), "utf8")) as CpuProfile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfSamples = new Map<string, number>();
for (const id of profile.samples) {
  const frame = byId.get(id)?.callFrame;
  if (!frame) continue;
  const where = frame.url ? `${frame.url.replace(/^file:\/\/.*node_modules\//, "").replace(/^file:\/\/.*\/packages\//, "")}:${frame.lineNumber + 1}` : "";
  const key = `${frame.functionName || "(anonymous)"} ${where}`.trim();
  selfSamples.set(key, (selfSamples.get(key) ?? 0) + 1);
}
const total = profile.samples.length;
console.log(`\nself time, top 25 of ${total} samples:`);
for (const [name, count] of [...selfSamples].sort((a, b) => b[1] - a[1]).slice(0, 25)) {
  console.log(`${((100 * count) / total).toFixed(1).padStart(5)}%  ${name}`);
}
if (args.includes("--keep")) console.log(`profile kept: ${join(dir, file)}`);
else rmSync(dir, { recursive: true, force: true });
