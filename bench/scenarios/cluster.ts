import type { ClientSpec, SenderSpec } from "../load/protocol.js";
import { freshPostgres } from "../lib/postgres.js";
import { cpuSeconds, sleep } from "../lib/proc.js";
import { startNatter, type RunningServer } from "../lib/servers.js";
import { latencySummary, round } from "../lib/stats.js";
import { LoadWorker } from "../lib/workers.js";
import { drain, natterMembers } from "./fanout.js";

export interface ClusterCase {
  rooms: number;
  members: number;
  /** Messages per second over all rooms. */
  rate: number;
  durationMs: number;
  /** Node counts to measure with the sharded adapter; the largest is measured with the classic one too. */
  nodes: number[];
}

export interface ClusterRow {
  nodes: number;
  fanout: "sharded" | "classic";
  sent: number;
  deliveries: number;
  expected: number;
  lost: number;
  duplicated: number;
  /** CPU of every node process together. */
  serverCpuSeconds: number;
  cpuMicrosecondsPerDelivery: number;
  /** CPU per delivery against one node's, in the same run: the target is ≤ 1.3 at four nodes. */
  perDeliveryVsOneNode: number | null;
  /** From the send to the probe members' receipt; the sender sits on another node than its room's members. */
  latencyMs: { p50: number; p99: number; count: number };
}

const CLIENTS_PER_WORKER = 5000;
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";

/**
 * Issue 20, point 4: does a cluster's capacity grow with its nodes? Each room's members sit on one node; its sender
 * on the next one, so every delivery crosses nodes. With the classic adapter every node parses every broadcast; with
 * the sharded one a room's broadcasts reach only the nodes with a socket in it. People and rooms are made once, on a
 * fresh PostgreSQL database shared by every case; each case starts its own nodes, on its own Redis prefix.
 */
export async function runCluster(spec: ClusterCase, runId: string): Promise<ClusterRow[]> {
  const database = await freshPostgres("natter_bench_cluster");
  try {
    const roomNames = Array.from({ length: spec.rooms }, (_, i) => `${runId}r${i}`);
    const setup = await startNodes(1, database.url, `${runId}setup`, "sharded");
    const tokens = await natterMembers(setup[0] as RunningServer, roomNames, spec.members, runId).finally(() => stopAll(setup));
    const largest = Math.max(...spec.nodes);
    const cases = [...spec.nodes.map((nodes) => ({ nodes, fanout: "sharded" as const })), { nodes: largest, fanout: "classic" as const }];
    const rows: ClusterRow[] = [];
    for (const [index, { nodes, fanout }] of cases.entries()) {
      console.log(`  cluster: ${nodes} node(s), ${fanout}`);
      const servers = await startNodes(nodes, database.url, `${runId}c${index}`, fanout);
      try {
        rows.push(await measure(servers, fanout, spec, roomNames, tokens, `c${index}`));
      } finally {
        await stopAll(servers);
      }
    }
    const one = rows.find((row) => row.nodes === 1 && row.fanout === "sharded")?.cpuMicrosecondsPerDelivery;
    return rows.map((row) => ({ ...row, perDeliveryVsOneNode: one ? round(row.cpuMicrosecondsPerDelivery / one, 2) : null }));
  } finally {
    await database.drop();
  }
}

function startNodes(count: number, databaseUrl: string, prefix: string, fanout: "sharded" | "classic"): Promise<RunningServer[]> {
  const env = { REDIS_URL, REDIS_PREFIX: prefix, REDIS_FANOUT: fanout };
  return Promise.all(Array.from({ length: count }, () => startNatter({ databaseUrl, env })));
}

async function stopAll(servers: RunningServer[]): Promise<void> {
  await Promise.all(servers.map((server) => server.stop()));
}

/** `tag` makes each case's client message ids its own: the same people sending the same ids again would be retries. */
async function measure(
  servers: RunningServer[],
  fanout: "sharded" | "classic",
  spec: ClusterCase,
  roomNames: string[],
  tokens: string[],
  tag: string,
): Promise<ClusterRow> {
  const nodes = servers.length;
  const workers = Array.from({ length: Math.ceil((spec.rooms * spec.members) / CLIENTS_PER_WORKER) }, () => LoadWorker.start());
  try {
    // Room r belongs to worker r mod W. A worker connects its clients node by node, so it counts where each landed.
    const plans = workers.map(() => ({ byNode: servers.map((): ClientSpec[] => []), senders: [] as { node: number; offset: number; room: string }[] }));
    for (const [r, room] of roomNames.entries()) {
      const plan = plans[r % workers.length];
      if (!plan) continue;
      const home = r % nodes;
      for (let k = 0; k < spec.members; k++) {
        const node = k === 0 && nodes > 1 ? (home + 1) % nodes : home;
        const clients = plan.byNode[node] ?? [];
        if (k === 0) plan.senders.push({ node, offset: clients.length, room });
        clients.push({ token: tokens[r + k * spec.rooms], rooms: [room], probe: r < 20 && k === spec.members - 1 });
      }
    }
    const senderSpecs = await Promise.all(
      workers.map(async (worker, w) => {
        const plan = plans[w];
        if (!plan) return [];
        const firstIndex: number[] = [];
        let connected = 0;
        for (const [node, clients] of plan.byNode.entries()) {
          firstIndex[node] = connected;
          const server = servers[node];
          if (!server || clients.length === 0) continue;
          const reply = await worker.connect({ kind: "natter", port: server.port }, clients);
          if (reply.failed > 0) throw new Error(`${reply.failed} clients could not connect to node ${node}: ${reply.firstError ?? ""}`);
          connected += clients.length;
        }
        return plan.senders.map((sender): SenderSpec => ({
          client: (firstIndex[sender.node] ?? 0) + sender.offset,
          room: sender.room,
          rate: spec.rate / spec.rooms,
          window: 4,
          arrivals: "poisson",
        }));
      }),
    );
    await sleep(500);
    await Promise.all(workers.map((worker) => worker.reset()));
    const cpu = () => servers.reduce((sum, server) => sum + cpuSeconds(server.pid), 0);
    const cpuBefore = cpu();
    const sent = await Promise.all(workers.map((worker, w) => worker.send(senderSpecs[w] ?? [], spec.durationMs, tag)));
    const sentByRoom = Object.assign({}, ...sent.map((reply) => reply.sentByRoom)) as Record<string, number>;
    const sentCount = Object.values(sentByRoom).reduce((a, b) => a + b, 0);
    const expected = sentCount * spec.members;
    const reports = await drain(workers, expected);
    const serverCpuSeconds = cpu() - cpuBefore;
    const delivered = reports.reduce((sum, report) => sum + report.delivered, 0);
    const latencies = reports.flatMap((report) => Object.values(report.lastLatencyMs));
    return {
      nodes,
      fanout,
      sent: sentCount,
      deliveries: delivered,
      expected,
      lost: Math.max(0, expected - delivered),
      duplicated: Math.max(0, delivered - expected),
      serverCpuSeconds: round(serverCpuSeconds, 2),
      cpuMicrosecondsPerDelivery: round((serverCpuSeconds * 1e6) / Math.max(delivered, 1), 1),
      perDeliveryVsOneNode: null,
      latencyMs: latencySummary(latencies),
    };
  } finally {
    // A worker that already died must not hide why the case failed.
    await Promise.allSettled(workers.map((worker) => worker.close()));
  }
}
