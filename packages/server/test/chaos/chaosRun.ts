/** The chaos run itself; `run.ts` builds what it needs first. */
import type { NatterClient } from "@natter/client";
import { Cluster } from "../cluster/support/cluster.js";
import { readEnvironment, type ClusterEnvironment } from "../cluster/support/environment.js";
import { describeAudit, History, isClean, type Audit, type SendRecord } from "../cluster/support/history.js";
import type { NatterNode } from "../cluster/support/natterNode.js";
import { Prng, randomSeed } from "../cluster/support/prng.js";
import type { TcpProxy } from "../cluster/support/tcpProxy.js";
import { percentile, sleep } from "../cluster/support/timing.js";
import { waitFor } from "./poll.js";
import { CAST } from "../cluster/support/cast.js";

const ROOMS = ["general", "design", "random"];
const LATENCY_SAMPLES = 500;
const CONVERGE_WITHIN_MS = 30_000;

type Fault = "kill" | "network" | "postgres" | "redis";
const FAULTS: readonly Fault[] = ["kill", "kill", "kill", "network", "postgres", "redis"];

interface Options {
  seed: number;
  rounds: number;
  people: number;
}

interface Person {
  name: string;
  client: NatterClient;
  /** The person's load balancer: points at one live node. */
  front: TcpProxy;
  rooms: string[];
}

function parseOptions(argv: readonly string[]): Options {
  const options: Options = { seed: randomSeed(), rounds: 8, people: 12 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const value = () => {
      const parsed = Number(argv[++i]);
      if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${arg} wants a whole number`);
      return parsed;
    };
    if (arg === "--seed") options.seed = value();
    else if (arg === "--rounds") options.rounds = value();
    else if (arg === "--people") options.people = Math.min(CAST.length, Math.max(2, value()));
    else if (/^\d+$/.test(arg)) options.seed = Number(arg);
    else throw new Error(`unknown argument ${arg}; usage: npm run chaos -- [SEED] [--rounds N] [--people N]`);
  }
  return options;
}

/** DATABASE_URL and REDIS_URL, or the local services CI uses when they are unset. */
function environment(): ClusterEnvironment {
  const { environment: given } = readEnvironment();
  if (given) return given;
  const fallback = {
    databaseUrl: process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/test",
    redisUrl: process.env.REDIS_URL || "redis://127.0.0.1:6379",
  };
  console.log(`DATABASE_URL or REDIS_URL unset: using ${fallback.databaseUrl} and ${fallback.redisUrl}`);
  return fallback;
}

class ChaosRun {
  private readonly history = new History();
  private readonly people: Person[] = [];
  private readonly sends: Promise<SendRecord>[] = [];
  private readonly faults: string[] = [];
  private sending = true;

  constructor(
    private readonly cluster: Cluster,
    private readonly prng: Prng,
    private readonly options: Options,
  ) {}

  async run(): Promise<Audit> {
    await this.seatPeople();
    const talk = this.people.map((person) => this.talk(person));
    for (let round = 1; round <= this.options.rounds; round++) {
      await sleep(this.prng.int(500, 2_500));
      await this.inject(round, this.prng.pick(FAULTS));
    }
    await sleep(1_000);
    this.sending = false;
    await Promise.all(talk);
    await Promise.all(this.sends);
    const started = performance.now();
    await waitFor(
      "every client shows what the database has",
      async () => {
        const audit = await this.history.audit(this.cluster.database, ROOMS);
        if (!isClean(audit)) throw new Error(audit.problems.join("\n"));
      },
      { timeoutMs: CONVERGE_WITHIN_MS, intervalMs: 500 },
    ).catch((error: Error) => console.log(error.message));
    console.log(`converged ${((performance.now() - started) / 1000).toFixed(1)} s after the last send was answered`);
    return this.history.audit(this.cluster.database, ROOMS);
  }

  private async seatPeople(): Promise<void> {
    const first = await this.cluster.person(CAST[0] ?? "alice", this.cluster.node("A"));
    for (const room of ROOMS.slice(1)) await first.createRoom(room);
    first.close();
    for (const name of CAST.slice(0, this.options.people)) {
      const front = await this.cluster.proxyTo(this.prng.pick(this.cluster.nodes));
      const client = await this.cluster.person(name, front, { sendTimeoutMs: 2_000 });
      const rooms = ROOMS.filter((room, i) => i === 0 || this.prng.chance(0.6));
      this.history.watch(name, client);
      for (const room of rooms) await this.history.join(name, client, room);
      this.people.push({ name, client, front, rooms });
    }
  }

  private async talk(person: Person): Promise<void> {
    while (this.sending) {
      const send = this.history.send(person.name, person.client, this.prng.pick(person.rooms), { giveUpAfterMs: 30_000 });
      this.sends.push(send);
      await send;
      await sleep(this.prng.int(20, 250));
    }
  }

  private async inject(round: number, fault: Fault): Promise<void> {
    const at = `round ${round}`;
    if (fault === "kill") {
      const node = this.prng.pick(this.cluster.nodes);
      await node.kill();
      this.moveClientsOff(node);
      const downMs = this.prng.int(500, 4_000);
      await sleep(downMs);
      await node.start();
      this.log(`${at}: SIGKILL node ${node.name}, restarted after ${downMs} ms`);
    } else if (fault === "network") {
      const victims = this.people.filter(() => this.prng.chance(0.3));
      const downMs = this.prng.int(1_000, 10_000);
      for (const person of victims) person.front.down();
      await sleep(downMs);
      for (const person of victims) person.front.up();
      this.log(`${at}: network of ${victims.map((p) => p.name).join(", ") || "nobody"} down for ${downMs} ms`);
    } else if (fault === "postgres") {
      const terminated = await this.cluster.database.terminateConnections();
      this.log(`${at}: pg_terminate_backend of ${terminated} connections`);
    } else {
      const downMs = this.prng.int(1_000, 5_000);
      await this.cluster.redis.stop();
      await sleep(downMs);
      await this.cluster.redis.start();
      this.log(`${at}: Redis stopped for ${downMs} ms`);
    }
  }

  /** The load balancers send the people of a dead node to live ones. */
  private moveClientsOff(dead: NatterNode): void {
    const alive = this.cluster.nodes.filter((node) => node !== dead && node.alive);
    if (alive.length === 0) return;
    for (const person of this.people) {
      if (person.front.target !== dead.port) continue;
      person.front.retarget(this.prng.pick(alive).port);
      person.front.cut();
    }
  }

  private log(line: string): void {
    this.faults.push(line);
    console.log(line);
  }
}

/** Sender on node A, receiver on node B, one message at a time: the time from send to receipt. */
async function measureLatency(cluster: Cluster): Promise<string> {
  const history = new History();
  const sender = await cluster.person("latency-a", cluster.node("A"));
  const receiver = await cluster.person("latency-b", cluster.node("B"));
  history.watch("sender", sender);
  history.watch("receiver", receiver);
  await history.join("sender", sender, "random");
  await history.join("receiver", receiver, "random");
  const sends: SendRecord[] = [];
  for (let i = 0; i < LATENCY_SAMPLES; i++) {
    const send = await history.send("sender", sender, "random");
    sends.push(send);
    await waitFor("the receiver on node B gets it", () => {
      if (history.shownAt("receiver", send.message?.id ?? -1) === undefined) throw new Error(`message ${send.message?.id} not received`);
    });
  }
  const samples = sends.map((send) => (history.shownAt("receiver", send.message?.id ?? -1) ?? Number.NaN) - send.invokedAt);
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  return `cross-node delivery (send on A → shown on B), ${samples.length} messages: p50 ${ms(percentile(samples, 50))}, p99 ${ms(percentile(samples, 99))}, max ${ms(Math.max(...samples))}`;
}

export async function runChaos(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  console.log(
    `chaos: seed ${options.seed}, ${options.rounds} rounds, ${options.people} people, 3 nodes (repeat with: npm run chaos -- ${options.seed} --rounds ${options.rounds} --people ${options.people})`,
  );
  const started = performance.now();
  const cluster = await Cluster.start(environment(), { nodes: 3 });
  try {
    const audit = await new ChaosRun(cluster, new Prng(options.seed), options).run();
    const exits = cluster.unexpectedExits();
    console.log(
      `acked ${audit.acked}, lost ${audit.lost}, duplicated ${audit.duplicated}, out of order ${audit.outOfOrder}, failed-but-stored ${audit.failedButStored}`,
    );
    console.log(`all counts: ${describeAudit(audit)}`);
    for (const problem of audit.problems) console.log(`  problem: ${problem}`);
    if (exits.length > 0) console.log(`unexpected exits: ${exits.join("; ")}`);
    console.log(await measureLatency(cluster));
    console.log(`took ${((performance.now() - started) / 1000).toFixed(0)} s`);
    const clean = isClean(audit) && audit.unknown === 0 && exits.length === 0;
    if (!clean) console.log(`--- what the nodes and Redis printed ---\n${cluster.report()}`);
    return clean ? 0 : 1;
  } finally {
    await cluster.stop();
  }
}
