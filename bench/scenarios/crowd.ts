import type { ClientSpec } from "../load/protocol.js";
import { NatterApi } from "../lib/natterApi.js";
import { cpuSeconds, rssBytes } from "../lib/proc.js";
import { collectGarbage, type RunningServer } from "../lib/servers.js";
import { round } from "../lib/stats.js";
import { LoadWorker } from "../lib/workers.js";

/** Issue 20, point 3: a crowd of newcomers arriving in one room at once (an event room, a company's first morning). */
export interface CrowdCase {
  /** New people, each signing up as a guest (Natter), connecting and joining the one room. */
  people: number;
  /** Arrivals are measured in waves of this many, to see whether a join costs more as the room grows. */
  wave: number;
  /** Sign-ups, connects and joins in flight at once, across all load workers. */
  inFlight: number;
}

export interface CrowdWave {
  /** Members in the room once this wave is in. */
  upTo: number;
  seconds: number;
  cpuSeconds: number;
  cpuMsPerJoin: number;
}

export interface CrowdResult {
  people: number;
  joined: number;
  failed: number;
  firstError?: string;
  /** Wall time from the first sign-up to the last join answered. */
  secondsUntilAllIn: number;
  joinsPerSecond: number;
  joinsPerCpuSecond: number;
  waves: CrowdWave[];
  rssPerMemberKb: number;
  rssAfterMb: number;
  /** Frames each member received while the crowd arrived (membership changes are gathered, so this stays small). */
  framesPerMember: number;
  disconnected: number;
}

const WORKERS = 2;
/**
 * A room someone made for the event, not `general`: signing up already makes a member of `general`, so joining it
 * would skip what a crowd costs (the new membership, and telling the room).
 */
const ROOM = "event";

/**
 * Everyone arrives as fast as the load workers let them, `inFlight` at a time; waves only split the count so the
 * server CPU of the first and the last thousand can be compared. Baselines (`ws`, stock Socket.IO) skip the sign-up.
 */
export async function runCrowd(server: RunningServer, spec: CrowdCase, tag: string): Promise<CrowdResult> {
  const natter = server.kind === "natter";
  if (natter) {
    const api = new NatterApi(server.port);
    await api.createRoom(await api.guest(`${tag}-host`), ROOM);
  }
  await collectGarbage(server.pid, 500);
  const rssBefore = rssBytes(server.pid);
  const workers = Array.from({ length: WORKERS }, () => LoadWorker.start());
  try {
    const waves: CrowdWave[] = [];
    let joined = 0;
    let firstError: string | undefined;
    const started = performance.now();
    const cpuAtStart = cpuSeconds(server.pid);
    for (let from = 0; from < spec.people; from += spec.wave) {
      const count = Math.min(spec.wave, spec.people - from);
      const specs: ClientSpec[] = Array.from({ length: count }, (_, i) => ({ guest: natter ? `${tag}${from + i}` : undefined, rooms: [ROOM], probe: false }));
      const share = Math.ceil(count / WORKERS);
      const waveStarted = performance.now();
      const cpuBefore = cpuSeconds(server.pid);
      const replies = await Promise.all(
        workers.map((worker, w) =>
          worker.connect({ kind: server.kind, port: server.port }, specs.slice(w * share, (w + 1) * share), Math.ceil(spec.inFlight / WORKERS)),
        ),
      );
      const cpu = cpuSeconds(server.pid) - cpuBefore;
      const ready = replies.reduce((sum, reply) => sum + reply.ready, 0);
      joined += ready;
      firstError ??= replies.find((reply) => reply.firstError)?.firstError;
      waves.push({
        upTo: joined,
        seconds: round((performance.now() - waveStarted) / 1000, 2),
        cpuSeconds: round(cpu, 2),
        cpuMsPerJoin: round((cpu * 1000) / Math.max(ready, 1), 2),
      });
    }
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSeconds(server.pid) - cpuAtStart;
    await collectGarbage(server.pid, 1000);
    const rssAfter = rssBytes(server.pid);
    const reports = await Promise.all(workers.map((worker) => worker.report()));
    return {
      people: spec.people,
      joined,
      failed: spec.people - joined,
      firstError,
      secondsUntilAllIn: round(seconds, 1),
      joinsPerSecond: Math.round(joined / seconds),
      joinsPerCpuSecond: Math.round(joined / Math.max(cpu, 0.01)),
      waves,
      rssPerMemberKb: round((rssAfter - rssBefore) / 1024 / Math.max(joined, 1), 1),
      rssAfterMb: round(rssAfter / 1024 / 1024, 1),
      framesPerMember: round(reports.reduce((sum, report) => sum + report.frames, 0) / Math.max(joined, 1), 1),
      disconnected: reports.reduce((sum, report) => sum + report.closed, 0),
    };
  } finally {
    await Promise.all(workers.map((worker) => worker.close()));
  }
}
