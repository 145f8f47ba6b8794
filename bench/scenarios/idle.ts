import type { ClientSpec } from "../load/protocol.js";
import { NatterApi } from "../lib/natterApi.js";
import { cpuSeconds, rssBytes } from "../lib/proc.js";
import { collectGarbage, type RunningServer } from "../lib/servers.js";
import { round } from "../lib/stats.js";
import { LoadWorker } from "../lib/workers.js";

export interface IdleResult {
  connections: number;
  failed: number;
  firstError?: string;
  connectJoinPerSecond: number;
  connectJoinPerCpuSecond: number;
  rssPerConnectionKb: number;
  rssBeforeMb: number;
  rssAfterMb: number;
  disconnected: number;
}

const CLIENTS_PER_WORKER = 5000;

/** Opens `count` authenticated sockets that join `general` and stay idle; measures the rate and the memory. */
export async function runIdle(server: RunningServer, count: number, settleMs = 1500): Promise<IdleResult> {
  const tokens = server.kind === "natter" ? await new NatterApi(server.port).guests("idle", count) : [];
  const specs: ClientSpec[] = Array.from({ length: count }, (_, i) => ({ token: tokens[i], rooms: ["general"], probe: false }));
  await collectGarbage(server.pid, settleMs);
  const rssBefore = rssBytes(server.pid);
  const workers = Array.from({ length: Math.ceil(count / CLIENTS_PER_WORKER) }, () => LoadWorker.start());
  try {
    const cpuBefore = cpuSeconds(server.pid);
    const started = performance.now();
    const replies = await Promise.all(
      workers.map((worker, w) =>
        worker.connect({ kind: server.kind, port: server.port }, specs.slice(w * CLIENTS_PER_WORKER, (w + 1) * CLIENTS_PER_WORKER), 100),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSeconds(server.pid) - cpuBefore;
    const ready = replies.reduce((sum, reply) => sum + reply.ready, 0);
    await collectGarbage(server.pid, settleMs);
    const rssAfter = rssBytes(server.pid);
    const reports = await Promise.all(workers.map((worker) => worker.report()));
    return {
      connections: ready,
      failed: count - ready,
      firstError: replies.find((reply) => reply.firstError)?.firstError,
      connectJoinPerSecond: Math.round(ready / seconds),
      connectJoinPerCpuSecond: Math.round(ready / Math.max(cpu, 0.01)),
      rssPerConnectionKb: round((rssAfter - rssBefore) / 1024 / Math.max(ready, 1), 1),
      rssBeforeMb: round(rssBefore / 1024 / 1024, 1),
      rssAfterMb: round(rssAfter / 1024 / 1024, 1),
      disconnected: reports.reduce((sum, report) => sum + report.closed, 0),
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.close()));
  }
}
