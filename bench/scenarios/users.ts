import { rmSync } from "node:fs";
import type { ChatSpec, ClientSpec } from "../load/protocol.js";
import { cpuSeconds, rssBytes, sleep } from "../lib/proc.js";
import { startNatter, type RunningServer } from "../lib/servers.js";
import { latencySummary, round } from "../lib/stats.js";
import { LoadWorker } from "../lib/workers.js";
import { seedPopulation, type Population } from "./usersModel.js";

/**
 * Issue 20, point 5: how many people one server core holds. Each step seeds N people (see usersModel.ts), connects
 * them all, lets them chat for a window at real per-person rates, and checks delivery at probes. The steps go up
 * until one misses: p99 delivery over 200 ms, anything lost or refused, or the server's core full.
 */
export interface UsersCase {
  steps: number[];
  /** The chat window of each step: shorter than an hour, at the same per-person rates (see the report's note). */
  windowMs: number;
  /** Stop at the first step that misses (the search); false measures every step, as `--users` asks. */
  search?: boolean;
}

export interface UsersStep {
  people: number;
  connections: number;
  groupRooms: number;
  biggestRoom: number;
  dms: number;
  connectSeconds: number;
  /** Server CPU per person connecting (sign-in, presence to their rooms, opening one room), all arriving at once. */
  connectCpuMs: number;
  sendsPerSecond: number;
  deliveriesPerSecond: number;
  actionsPerSecond: number;
  serverCpuShare: number;
  generatorCpuShare: number;
  rssMb: number;
  deliveryMs: { p50: number; p99: number; count: number };
  ackMs: { p50: number; p99: number; count: number };
  probes: number;
  lost: number;
  duplicated: number;
  refused: number;
  firstError?: string;
  disconnected: number;
  held: boolean;
  why?: string;
}

export interface UsersResult {
  steps: UsersStep[];
  /** The largest N of a step that held, or 0 when none did. */
  largestHeld: number;
  windowSeconds: number;
  perMinute: ChatSpec["perMinute"];
  /** A step that could not be measured at all (people could not connect), which ends the search there. */
  error?: string;
}

/** Per person per minute: one message every two minutes (typing first), and what people do around it. */
export const PER_MINUTE: ChatSpec["perMinute"] = { send: 0.5, react: 0.25, read: 1, history: 0.2, reconnect: 0.01 };
const TYPING_MS = 1500;
const CLIENTS_PER_WORKER = 5000;
const PROBES = 200;
const P99_LIMIT_MS = 200;
/** The server is pinned to one CPU: at this share it has no headroom left. */
const FULL_CORE = 0.95;

export async function runUsers(spec: UsersCase, log: (line: string) => void = console.log): Promise<UsersResult> {
  const steps: UsersStep[] = [];
  let error: string | undefined;
  for (const people of spec.steps) {
    const step = await runStep(people, spec.windowMs, `s${people}`).catch((failure: unknown) => {
      error = `${people} people: ${failure instanceof Error ? failure.message : String(failure)}`;
    });
    if (!step) break;
    log(
      `  users ${people}: ${step.held ? "held" : `missed (${step.why ?? ""})`}; delivery p50/p99 ${step.deliveryMs.p50}/${step.deliveryMs.p99} ms, ` +
        `server CPU ${step.serverCpuShare} of a core, ${step.sendsPerSecond} sends/s, ${step.deliveriesPerSecond} deliveries/s, connect ${step.connectCpuMs} ms CPU/person`,
    );
    steps.push(step);
    if (!step.held && spec.search !== false) break;
  }
  const largestHeld = Math.max(0, ...steps.filter((step) => step.held).map((step) => step.people));
  return { steps, largestHeld, windowSeconds: spec.windowMs / 1000, perMinute: PER_MINUTE, error };
}

async function runStep(count: number, windowMs: number, tag: string): Promise<UsersStep> {
  const population = seedPopulation(count, tag);
  let server: RunningServer | undefined;
  const workers = Array.from({ length: Math.ceil(count / CLIENTS_PER_WORKER) }, () => LoadWorker.start());
  try {
    server = await startNatter({ dataDir: population.dataDir });
    const probeEvery = Math.max(1, Math.floor(count / PROBES));
    const specs = clientSpecs(population, probeEvery);
    const connectStarted = performance.now();
    const connectCpuBefore = cpuSeconds(server.pid);
    const share = Math.ceil(count / workers.length);
    const port = server.port;
    const connected = await Promise.all(workers.map((worker, w) => worker.connect({ kind: "natter", port }, specs.slice(w * share, (w + 1) * share), 100)));
    const connectSeconds = (performance.now() - connectStarted) / 1000;
    const connectCpuMs = ((cpuSeconds(server.pid) - connectCpuBefore) * 1000) / count;
    const ready = connected.reduce((sum, reply) => sum + reply.ready, 0);
    if (ready < count) throw new Error(`${count - ready} of ${count} people could not connect: ${connected.find((r) => r.firstError)?.firstError ?? ""}`);
    await sleep(1000);
    await Promise.all(workers.map((worker) => worker.reset()));

    const pids = [server.pid, ...workers.map((worker) => worker.pid)];
    const cpuBefore = pids.map(cpuSeconds);
    const started = performance.now();
    const chat: ChatSpec = { durationMs: windowMs, tag: "m", perMinute: PER_MINUTE, typingMs: TYPING_MS, newest: population.newest };
    const chatted = await Promise.all(workers.map((worker) => worker.chat(chat)));
    const sentByRoom: Record<string, number> = {};
    for (const reply of chatted) for (const [room, sent] of Object.entries(reply.sentByRoom)) sentByRoom[room] = (sentByRoom[room] ?? 0) + sent;
    const expectedAtProbes = specs
      .filter((spec) => spec.probe)
      .reduce((sum, spec) => sum + (spec.member ?? []).reduce((s, room) => s + (sentByRoom[room] ?? 0), 0), 0);
    const reports = await drainProbes(workers, expectedAtProbes);
    const seconds = (performance.now() - started) / 1000;
    const [serverCpu = 0, ...generatorCpu] = pids.map((pid, i) => cpuSeconds(pid) - (cpuBefore[i] ?? 0));

    const probes = reports.flatMap((report) => report.probes);
    const lost = probes.reduce((sum, probe) => sum + Math.max(0, (sentByRoom[probe.room] ?? 0) - probe.unique), 0);
    const latencies = reports.flatMap((report) => Object.values(report.lastLatencyMs));
    const sends = Object.values(sentByRoom).reduce((a, b) => a + b, 0);
    const actions = chatted.reduce((sum, reply) => sum + Object.values(reply.actions).reduce((a, b) => a + b, 0), 0);
    const refused = chatted.reduce((sum, reply) => sum + reply.ackErrors, 0);
    const step: UsersStep = {
      people: count,
      connections: ready,
      groupRooms: population.roomSizes.size,
      biggestRoom: Math.max(...population.roomSizes.values()),
      dms: population.dmCount,
      connectSeconds: round(connectSeconds, 1),
      connectCpuMs: round(connectCpuMs, 1),
      sendsPerSecond: round(sends / (windowMs / 1000), 1),
      deliveriesPerSecond: Math.round(reports.reduce((sum, report) => sum + report.delivered, 0) / seconds),
      actionsPerSecond: round(actions / (windowMs / 1000), 1),
      serverCpuShare: round(serverCpu / seconds, 2),
      generatorCpuShare: round(generatorCpu.reduce((a, b) => a + b, 0) / seconds, 2),
      rssMb: round(rssBytes(server.pid) / 1024 / 1024, 1),
      deliveryMs: latencySummary(latencies),
      ackMs: latencySummary(chatted.flatMap((reply) => reply.ackLatenciesMs)),
      probes: specs.filter((spec) => spec.probe).length,
      lost,
      duplicated: probes.reduce((sum, probe) => sum + probe.duplicates, 0),
      refused,
      firstError: chatted.find((reply) => reply.firstAckError)?.firstAckError,
      disconnected: reports.reduce((sum, report) => sum + report.closed, 0),
      held: false,
    };
    step.why = missed(step);
    step.held = step.why === undefined;
    return step;
  } finally {
    await Promise.all(workers.map((worker) => worker.close()));
    await server?.stop();
    rmSync(population.dataDir, { recursive: true, force: true });
  }
}

/** Each person opens one room, as the web app shows one; the server subscribes the socket to all of theirs. */
function clientSpecs(population: Population, probeEvery: number): ClientSpec[] {
  return population.people.map((person, i) => ({
    token: person.token,
    rooms: [person.rooms[0] ?? person.dms[0] ?? ""].filter(Boolean),
    member: [...person.rooms, ...person.dms],
    postsIn: person.postsIn,
    probe: i % probeEvery === 0,
  }));
}

function missed(step: UsersStep): string | undefined {
  if (step.lost > 0 || step.duplicated > 0) return `${step.lost} lost, ${step.duplicated} duplicated`;
  if (step.refused > 0) return `${step.refused} refused: ${step.firstError ?? ""}`;
  if (step.disconnected > 0) return `${step.disconnected} disconnected`;
  if (!(step.deliveryMs.p99 <= P99_LIMIT_MS)) return `p99 ${step.deliveryMs.p99} ms > ${P99_LIMIT_MS} ms`;
  if (step.serverCpuShare >= FULL_CORE) return `server CPU ${step.serverCpuShare} of a core`;
  return undefined;
}

/** Waits until the probes have every message of their rooms, or nothing new has come for 3 s. */
async function drainProbes(workers: LoadWorker[], expected: number) {
  let last = -1;
  let stillSince = performance.now();
  for (;;) {
    const reports = await Promise.all(workers.map((worker) => worker.report()));
    const unique = reports.flatMap((report) => report.probes).reduce((sum, probe) => sum + probe.unique, 0);
    if (unique >= expected) return reports;
    if (unique !== last) {
      last = unique;
      stillSince = performance.now();
    } else if (performance.now() - stillSince > 3000) return reports;
    await sleep(250);
  }
}
