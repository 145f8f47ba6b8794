import type { Arrivals, ClientSpec, SenderSpec, ServerKind } from "../load/protocol.js";
import { NatterApi } from "../lib/natterApi.js";
import { cpuSeconds, sleep } from "../lib/proc.js";
import type { RunningServer } from "../lib/servers.js";
import { latencySummary, round } from "../lib/stats.js";
import { LoadWorker } from "../lib/workers.js";

export interface FanoutCase {
  name: string;
  rooms: number;
  members: number;
  /** Messages per second over all rooms; 0 for saturation (senders in a closed loop). */
  rate: number;
  sendersPerRoom: number;
  durationMs: number;
  /** Sends in flight per sender in a closed loop. */
  window?: number;
  /** Paced senders' spacing; Poisson unless the case names lockstep. */
  arrivals?: Arrivals;
}

export interface FanoutResult {
  deliveries: number;
  expected: number;
  sent: number;
  /** Messages sent per second: below the case's rate when the generator fell behind (see the Poisson pacing). */
  sentPerSecond: number;
  lost: number;
  duplicated: number;
  serverCpuSeconds: number;
  deliveriesPerCpuSecond: number;
  deliveriesPerSecond: number;
  framesPerDelivery: number;
  latencyToLastMs: { p50: number; p99: number; count: number };
  ackedPerSecond: number;
  ackLatencyMs: { p50: number; p99: number; count: number };
  ackErrors: number;
  firstError?: string;
  disconnected: number;
}

const CLIENTS_PER_WORKER = 5000;
const SATURATION_WINDOW = 4;

/** One fan-out case against one running server: connect every member, send, wait for every delivery, count. */
export async function runFanout(server: RunningServer, spec: FanoutCase, runId: string): Promise<FanoutResult> {
  const roomNames = Array.from({ length: spec.rooms }, (_, i) => (spec.rooms === 1 && server.kind === "natter" ? "general" : `${runId}r${i}`));
  const total = spec.rooms * spec.members;
  const tokens = server.kind === "natter" ? await natterMembers(server, roomNames, spec.members, runId) : [];
  const probeRooms = new Set(roomNames.slice(0, 20));
  const probesPerRoom = spec.rooms === 1 ? 4 : 1;
  // Members of a room are spread over the rooms in turn, so the last members to join are the probes.
  const specs: ClientSpec[] = Array.from({ length: total }, (_, i) => {
    const room = roomNames[i % spec.rooms] ?? "";
    const position = Math.floor(i / spec.rooms);
    return { token: tokens[i], rooms: [room], probe: probeRooms.has(room) && position >= spec.members - probesPerRoom };
  });
  const workers = Array.from({ length: Math.ceil(total / CLIENTS_PER_WORKER) }, () => LoadWorker.start());
  try {
    const chunks = workers.map((_, w) => specs.slice(w * CLIENTS_PER_WORKER, (w + 1) * CLIENTS_PER_WORKER));
    const connected = await Promise.all(workers.map((worker, w) => worker.connect({ kind: server.kind, port: server.port }, chunks[w] ?? [])));
    const failed = connected.reduce((sum, reply) => sum + reply.failed, 0);
    if (failed > 0) throw new Error(`${failed} of ${total} clients could not connect: ${connected.find((r) => r.firstError)?.firstError ?? ""}`);
    await sleep(Math.min(500, spec.durationMs / 2));
    await Promise.all(workers.map((worker) => worker.reset()));

    // Senders are the first members of each room, all in the first worker.
    const perSender = spec.rate / (spec.rooms * spec.sendersPerRoom);
    const senders: SenderSpec[] = [];
    for (let r = 0; r < spec.rooms; r++) {
      for (let s = 0; s < spec.sendersPerRoom; s++) {
        senders.push({
          client: s * spec.rooms + r,
          room: roomNames[r] ?? "",
          rate: perSender,
          window: spec.window ?? SATURATION_WINDOW,
          arrivals: spec.arrivals ?? "poisson",
        });
      }
    }
    const cpuBefore = cpuSeconds(server.pid);
    const started = performance.now();
    const sent = await workers[0]?.send(senders, spec.durationMs, "m");
    if (!sent) throw new Error("no load worker");
    const sendSeconds = (performance.now() - started) / 1000;
    const sentCount = Object.values(sent.sentByRoom).reduce((a, b) => a + b, 0);
    const expected = Object.values(sent.sentByRoom).reduce((a, b) => a + b * spec.members, 0);
    const reports = await drain(workers, expected);
    const cpu = cpuSeconds(server.pid) - cpuBefore;
    const elapsed = (performance.now() - started) / 1000;
    const delivered = reports.reduce((sum, r) => sum + r.delivered, 0);
    const frames = reports.reduce((sum, r) => sum + r.frames, 0);
    const probeLost = reports.flatMap((r) => r.probes).reduce((sum, p) => sum + Math.max(0, (sent.sentByRoom[p.room] ?? 0) - p.unique), 0);
    const probeDuplicates = reports.flatMap((r) => r.probes).reduce((sum, p) => sum + p.duplicates, 0);
    const lastLatency = new Map<string, number>();
    for (const report of reports) for (const [key, ms] of Object.entries(report.lastLatencyMs)) lastLatency.set(key, Math.max(ms, lastLatency.get(key) ?? 0));
    return {
      deliveries: delivered,
      expected,
      sent: sentCount,
      sentPerSecond: Math.round(sentCount / sendSeconds),
      lost: Math.max(expected - delivered, probeLost),
      duplicated: Math.max(delivered - expected, probeDuplicates),
      serverCpuSeconds: round(cpu, 2),
      deliveriesPerCpuSecond: Math.round(delivered / Math.max(cpu, 0.01)),
      deliveriesPerSecond: Math.round(delivered / elapsed),
      framesPerDelivery: round(frames / Math.max(delivered, 1), 3),
      latencyToLastMs: latencySummary([...lastLatency.values()]),
      ackedPerSecond: Math.round((sent.acked - sent.ackErrors) / sendSeconds),
      ackLatencyMs: latencySummary(sent.ackLatenciesMs),
      ackErrors: sent.ackErrors,
      firstError: sent.firstAckError,
      disconnected: reports.reduce((sum, r) => sum + r.closed, 0),
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.close()));
  }
}

/** Waits until every expected delivery has arrived, or nothing has arrived for 5 s. */
export async function drain(workers: LoadWorker[], expected: number) {
  let last = -1;
  let stillSince = performance.now();
  for (;;) {
    const reports = await Promise.all(workers.map((worker) => worker.report()));
    const delivered = reports.reduce((sum, r) => sum + r.delivered, 0);
    if (delivered >= expected) {
      await sleep(300);
      return Promise.all(workers.map((worker) => worker.report()));
    }
    if (delivered !== last) {
      last = delivered;
      stillSince = performance.now();
    } else if (performance.now() - stillSince > 5000) return reports;
    await sleep(100);
  }
}

export async function natterMembers(server: RunningServer, roomNames: string[], membersPerRoom: number, runId: string): Promise<string[]> {
  const api = new NatterApi(server.port);
  const total = roomNames.length * membersPerRoom;
  const tokens = await api.guests(`${runId}u`, total);
  if (roomNames[0] === "general") return tokens;
  // The rooms' creator stays offline: a connected creator would receive every room's messages.
  const owner = await api.guest(`${runId}owner`);
  for (const room of roomNames) await api.createRoom(owner, room);
  let next = 0;
  const lane = async () => {
    while (next < total) {
      const i = next++;
      await api.joinRoom(tokens[i] ?? "", roomNames[i % roomNames.length] ?? "");
    }
  };
  await Promise.all(Array.from({ length: 16 }, lane));
  return tokens;
}

export type { ServerKind };
