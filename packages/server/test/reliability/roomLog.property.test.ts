import { NatterClient } from "@natter/client";
import type { Message } from "@natter/protocol";
import fc from "fast-check";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startNatter, type RunningNatter } from "../support/server.js";
import { eventually } from "../support/wait.js";

const ROOM = "general";
const PEOPLE = ["ana", "ben", "cai"] as const;

/** One person: their client, every message it delivered, and their sends still waiting for an ack. */
interface Person {
  client: NatterClient;
  seen: Message[];
  pending: Promise<void>[];
  lastClientMsgId?: string;
}

/** The real system: a server that can be killed and restarted on its port, and the people using it. */
class World {
  server!: RunningNatter;
  readonly people: Person[] = [];
  /** What the model says the room must hold: each acknowledged clientMsgId, stored once, with its id. */
  readonly acked = new Map<string, number>();
  private counter = 0;

  constructor(private readonly dataDir: string) {}

  async start(port = 0): Promise<void> {
    this.server = await startNatter({ dataDir: this.dataDir, port });
  }

  async restart(): Promise<void> {
    const port = Number(new URL(this.server.url).port);
    await this.server.stop();
    await this.start(port);
  }

  nextClientMsgId(): string {
    this.counter += 1;
    return `m${this.counter}`;
  }

  send(person: Person, clientMsgId: string): void {
    person.lastClientMsgId = clientMsgId;
    person.pending.push(
      person.client.send(ROOM, `text of ${clientMsgId}`, { clientMsgId }).then((message) => {
        const earlier = this.acked.get(clientMsgId);
        if (earlier !== undefined) expect(message.id).toBe(earlier);
        this.acked.set(clientMsgId, message.id);
      }),
    );
  }
}

type Command = fc.AsyncCommand<object, World>;

const sendCommand = (who: number): Command => ({
  check: () => true,
  run: async (_, world) => world.send(world.people[who] as Person, world.nextClientMsgId()),
  toString: () => `send(${PEOPLE[who]})`,
});

const retryCommand = (who: number): Command => ({
  check: () => true,
  run: async (_, world) => {
    const person = world.people[who] as Person;
    if (person.lastClientMsgId) world.send(person, person.lastClientMsgId);
  },
  toString: () => `retry(${PEOPLE[who]})`,
});

const settleCommand: Command = {
  check: () => true,
  run: async (_, world) => {
    for (const person of world.people) await Promise.all(person.pending.splice(0));
  },
  toString: () => "settle",
};

const killNodeCommand: Command = {
  check: () => true,
  run: async (_, world) => world.restart(),
  toString: () => "kill and restart the node",
};

const commands = [
  ...PEOPLE.map((_, who) => fc.constant(sendCommand(who))),
  ...PEOPLE.map((_, who) => fc.constant(retryCommand(who))),
  fc.constant(settleCommand),
  fc.constant(killNodeCommand),
];

async function verify(world: World): Promise<void> {
  for (const person of world.people) await Promise.all(person.pending.splice(0));
  const stored = await allMessages(world.people[0] as Person);
  expect(stored.map((message) => message.seq)).toEqual(stored.map((_, index) => index + 1));
  const storedIds = stored.map((message) => message.clientMsgId);
  expect(new Set(storedIds).size).toBe(storedIds.length);
  expect([...world.acked.keys()].sort()).toEqual([...storedIds].sort());
  for (const person of world.people) {
    await eventually(() => expect(person.seen.map((message) => message.id)).toEqual(stored.map((message) => message.id)), { timeoutMs: 10_000 });
  }
}

async function allMessages(person: Person): Promise<Message[]> {
  const messages: Message[] = [];
  for (let after = 0; ;) {
    const page = await person.client.history(ROOM, { after, limit: 100 });
    messages.push(...page.messages);
    const last = page.messages.at(-1);
    if (!page.hasNewer || !last) return messages;
    after = last.seq;
  }
}

// A longer random run: MODEL_SEED=$RANDOM MODEL_RUNS=200 npx vitest run <this file>
describe("the room log under sends, retries and node restarts (model-based)", () => {
  it("every client's view, the model and the database agree after every run", async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 20 }), async (scenario) => {
        const dataDir = mkdtempSync(join(tmpdir(), "natter-model-"));
        const world = new World(dataDir);
        await world.start();
        try {
          for (const name of PEOPLE) {
            const client = new NatterClient({ url: world.server.url, transports: ["websocket"], sendTimeoutMs: 1_000 });
            await client.guest(name);
            await client.connect();
            const person: Person = { client, seen: [], pending: [] };
            client.on("message", (message) => void person.seen.push(message));
            await client.join(ROOM);
            world.people.push(person);
          }
          await fc.asyncModelRun(() => ({ model: {}, real: world }), scenario);
          await verify(world);
        } finally {
          for (const person of world.people) person.client.close();
          await world.server.cleanup();
          rmSync(dataDir, { recursive: true, force: true });
        }
      }),
      { seed: Number(process.env.MODEL_SEED ?? 20261125), numRuns: Number(process.env.MODEL_RUNS ?? 12), endOnFailure: true },
    );
  }, 240_000);
});
