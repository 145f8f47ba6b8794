import WebSocket from "ws";
import { chat } from "./chat.js";
import { MARKER, messageText, now, type ClientSpec, type Command, type ProbeReport, type Reply, type SenderSpec, type Target } from "./protocol.js";

/** A load-generating process: raw WebSocket clients that count benchmark messages; a few probes parse them. */
const marker = Buffer.from(MARKER);
const ACK_PREFIX = "43".charCodeAt(0);
const ACK_SECOND = "43".charCodeAt(1);

let delivered = 0;
let frames = 0;
let closed = 0;
const lastLatencyMs = new Map<string, number>();

type AckHandler = (answer: string) => void;

export class Client {
  socket: WebSocket | undefined;
  private nextId = 1;
  private readonly acks = new Map<number, AckHandler>();
  private readonly seen = new Map<string, number>();
  private duplicates = 0;
  private token: string | undefined;

  constructor(
    readonly target: Target,
    readonly spec: ClientSpec,
  ) {}

  async connect(): Promise<void> {
    if (this.spec.guest) this.token = await signUp(this.target.port, this.spec.guest);
    return this.open();
  }

  private open(): Promise<void> {
    const socketIo = this.target.kind !== "ws";
    const path = socketIo ? "/socket.io/?EIO=4&transport=websocket" : "/";
    const socket = new WebSocket(`ws://127.0.0.1:${this.target.port}${path}`, { perMessageDeflate: false });
    this.socket = socket;
    const token = this.token ?? this.spec.token;
    return new Promise((resolve, reject) => {
      let pendingJoins = this.spec.rooms.length;
      const joined = () => {
        pendingJoins -= 1;
        if (pendingJoins <= 0) resolve();
      };
      const joinAll = () => {
        if (pendingJoins === 0) return resolve();
        for (const room of this.spec.rooms) this.request("join", { room }, joined);
      };
      socket.on("error", reject);
      socket.on("close", () => {
        // A socket the person replaced on purpose (a reconnect) is not a disconnection.
        if (this.socket === socket) closed += 1;
        reject(new Error("closed during connect"));
      });
      socket.on("open", () => {
        if (!socketIo) joinAll();
      });
      socket.on("message", (data: Buffer) => {
        if (socketIo && data[0] === 0x30) return void socket.send(token ? `40${JSON.stringify({ token })}` : "40");
        if (socketIo && data[0] === 0x34 && data[1] === 0x30) return joinAll();
        if (socketIo && data[0] === 0x34 && data[1] === 0x34) return reject(new Error(`refused: ${String(data)}`));
        if (!socketIo && data.includes('"t":"joined"')) return joined();
        this.onFrame(data);
      });
    });
  }

  /** Drops the connection and opens a new one, as a person whose network blinked. */
  reconnect(): Promise<void> {
    this.socket?.terminate();
    return this.open();
  }

  /** An event the server does not acknowledge (typing, as the SDK sends it). */
  notify(event: string, payload: Record<string, unknown>): void {
    this.socket?.send(`42${JSON.stringify([event, payload])}`);
  }

  /** Sends a request the server acknowledges; `answer` is the raw acknowledgement. */
  request(event: string, payload: Record<string, unknown>, onAck: AckHandler): void {
    const id = this.nextId++;
    this.acks.set(id, onAck);
    if (this.target.kind === "ws") this.socket?.send(JSON.stringify({ t: event === "send_message" ? "send" : event, id, ...payload }));
    else this.socket?.send(`42${id}${JSON.stringify([event, payload])}`);
  }

  probeReport(): ProbeReport[] {
    if (!this.spec.probe) return [];
    const byRoom = new Map<string, ProbeReport>();
    for (const [key, count] of this.seen) {
      const room = key.slice(0, key.indexOf("/"));
      const report = byRoom.get(room) ?? { room, unique: 0, duplicates: 0 };
      report.unique += 1;
      report.duplicates += count - 1;
      byRoom.set(room, report);
    }
    for (const room of this.spec.member ?? this.spec.rooms) if (!byRoom.has(room)) byRoom.set(room, { room, unique: 0, duplicates: 0 });
    return [...byRoom.values()];
  }

  reset(): void {
    this.seen.clear();
    this.duplicates = 0;
  }

  private onFrame(data: Buffer): void {
    frames += 1;
    if (data.length === 1 && data[0] === 0x32) return void this.socket?.send("3");
    if (this.isAck(data)) return;
    if (this.spec.probe) return this.probe(String(data));
    let at = data.indexOf(marker);
    while (at !== -1) {
      delivered += 1;
      at = data.indexOf(marker, at + marker.length);
    }
  }

  private isAck(data: Buffer): boolean {
    if (this.target.kind === "ws") {
      if (!data.includes('{"t":"ack"')) return false;
      const { id } = JSON.parse(String(data)) as { id: number };
      this.settle(id, "");
      return true;
    }
    if (data[0] !== ACK_PREFIX || data[1] !== ACK_SECOND) return false;
    const text = String(data);
    this.settle(Number(text.slice(2, text.indexOf("["))), text);
    return true;
  }

  private settle(id: number, answer: string): void {
    const handler = this.acks.get(id);
    this.acks.delete(id);
    handler?.(answer);
  }

  private probe(text: string): void {
    const received = now();
    for (const match of text.matchAll(/bm\|([^|]+)\|([\d.]+)\|/g)) {
      const key = match[1] ?? "";
      delivered += 1;
      this.seen.set(key, (this.seen.get(key) ?? 0) + 1);
      const latency = received - Number(match[2]);
      if (latency > (lastLatencyMs.get(key) ?? -1)) lastLatencyMs.set(key, latency);
    }
  }
}

/** A guest session, retried while the server answers 429 or 503 (a loaded machine), as bench/lib/natterApi.ts does. */
async function signUp(port: number, username: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetch(`http://127.0.0.1:${port}/api/auth/guest`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username }),
    });
    if ((response.status === 429 || response.status === 503) && attempt < 20) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      continue;
    }
    if (!response.ok) throw new Error(`guest ${username}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { token: string }).token;
  }
}

let clients: Client[] = [];

async function connectAll(target: Target, specs: ClientSpec[], concurrency: number): Promise<Reply> {
  const started = now();
  let failed = 0;
  let firstError: string | undefined;
  let next = 0;
  const fresh = specs.map((spec) => new Client(target, spec));
  const lane = async () => {
    while (next < fresh.length) {
      const client = fresh[next++];
      if (!client) return;
      await withTimeout(client.connect(), 120_000).catch((error: unknown) => {
        failed += 1;
        firstError ??= String(error);
      });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
  clients = clients.concat(fresh);
  return { type: "connected", ready: fresh.length - failed, failed, firstError, ms: now() - started };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms).unref())]);
}

async function send(senders: SenderSpec[], durationMs: number, tag: string): Promise<Reply> {
  const sentByRoom: Record<string, number> = {};
  const ackLatenciesMs: number[] = [];
  let acked = 0;
  let ackErrors = 0;
  let firstAckError: string | undefined;
  let inFlight = 0;
  const started = now();
  const deadline = started + durationMs;

  const sendOne = (sender: SenderSpec, index: number, count: number, then?: () => void) => {
    const client = clients[sender.client];
    if (!client) return;
    const key = `${sender.room}/${tag}${index}/${count}`;
    const sentAt = now();
    sentByRoom[sender.room] = (sentByRoom[sender.room] ?? 0) + 1;
    inFlight += 1;
    client.request("send_message", { room: sender.room, text: messageText(key, sentAt), clientMsgId: `c${tag}${index}-${count}` }, (answer) => {
      inFlight -= 1;
      acked += 1;
      ackLatenciesMs.push(now() - sentAt);
      if (answer.includes('"ok":false')) {
        ackErrors += 1;
        firstAckError ??= answer.slice(0, 300);
      }
      then?.();
    });
  };

  const counts = senders.map(() => 0);
  const nextCount = (index: number) => {
    const count = counts[index] ?? 0;
    counts[index] = count + 1;
    return count;
  };
  const closedLoop = senders.map((sender, index) => ({ sender, index })).filter(({ sender }) => sender.rate === 0);
  for (const { sender, index } of closedLoop) {
    const again = () => {
      if (now() < deadline) sendOne(sender, index, nextCount(index), again);
    };
    for (let i = 0; i < sender.window; i++) again();
  }
  const paced = senders.map((sender, index) => ({ sender, index, nextAt: started + firstGapMs(sender) })).filter(({ sender }) => sender.rate > 0);
  if (paced.length > 0) {
    await new Promise<void>((resolve) => {
      const tick = setInterval(
        () => {
          const at = Math.min(now(), deadline);
          for (const pacing of paced) {
            const { sender, index } = pacing;
            if (sender.arrivals === "lockstep") {
              const owed = Math.floor(((at - started) / 1000) * sender.rate) - (counts[index] ?? 0);
              for (let i = 0; i < owed; i++) sendOne(sender, index, nextCount(index));
              continue;
            }
            // A generator that fell behind (the machine is shared) starts its gaps again from now rather than firing
            // what it owes in one burst: a burst would be the lockstep this pacing replaces.
            if (at - pacing.nextAt > LATE_MS) pacing.nextAt = at;
            while (pacing.nextAt <= at) {
              sendOne(sender, index, nextCount(index));
              pacing.nextAt += exponentialGapMs(sender.rate);
            }
          }
          if (at >= deadline) {
            clearInterval(tick);
            resolve();
          }
        },
        TICK_MS[paced[0]?.sender.arrivals ?? "poisson"],
      );
    });
  }
  while (now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  const drainBy = now() + 60_000;
  while (inFlight > 0 && now() < drainBy) await new Promise((resolve) => setTimeout(resolve, 20));
  return { type: "sent", sentByRoom, acked, ackErrors, firstAckError, ackLatenciesMs };
}

/** Lockstep keeps the old 2 ms tick; Poisson senders are checked every millisecond, the timers' finest step. */
const TICK_MS: Record<SenderSpec["arrivals"], number> = { poisson: 1, lockstep: 2 };
const LATE_MS = 5;

/** The wait before a Poisson process's next event: exponential, with the sender's rate as its mean. */
function exponentialGapMs(rate: number): number {
  return (-Math.log(1 - Math.random()) * 1000) / rate;
}

/** A Poisson sender's first send comes after one exponential gap, which is also a random phase. */
function firstGapMs(sender: SenderSpec): number {
  return sender.arrivals === "poisson" && sender.rate > 0 ? exponentialGapMs(sender.rate) : 0;
}

function report(): Reply {
  return {
    type: "report",
    delivered,
    frames,
    closed,
    probes: clients.flatMap((client) => client.probeReport()),
    lastLatencyMs: Object.fromEntries(lastLatencyMs),
  };
}

function reply(message: Reply): void {
  process.send?.(message);
}

process.on("message", (command: Command) => {
  switch (command.type) {
    case "connect":
      void connectAll(command.target, command.clients, command.concurrency).then(reply);
      break;
    case "reset":
      delivered = 0;
      frames = 0;
      lastLatencyMs.clear();
      for (const client of clients) client.reset();
      reply({ type: "reset" });
      break;
    case "send":
      void send(command.senders, command.durationMs, command.tag).then(reply);
      break;
    case "chat":
      void chat(clients, command.chat).then(reply);
      break;
    case "report":
      reply(report());
      break;
    case "close":
      for (const client of clients) client.socket?.terminate();
      clients = [];
      reply({ type: "closed" });
      setTimeout(() => process.exit(0), 50);
      break;
  }
});
