import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, postgresUrl } from "../support/postgres.js";
import { startNatter, type RunningNatter } from "../support/server.js";
import { eventually } from "../support/wait.js";
import { call, connected, guestToken, rawSocket, refusedHandshake } from "./support/api.js";

const redisUrl = process.env.REDIS_URL;
if (process.env.CI && !redisUrl) throw new Error("CI must set REDIS_URL for the shared rate-limit tests");
const sharedSkipReason = !redisUrl || !postgresUrl ? "skipped: two nodes sharing limits need REDIS_URL and DATABASE_URL (CI sets them)" : undefined;

describe("connections per address (MAX_CONNECTIONS_PER_ADDRESS)", () => {
  let server: RunningNatter;
  let behindProxy: RunningNatter;
  beforeAll(async () => {
    server = await startNatter({ maxConnectionsPerAddress: 3 });
    behindProxy = await startNatter({ maxConnectionsPerAddress: 1, trustProxy: true });
  });
  afterAll(async () => {
    await server.cleanup();
    await behindProxy.cleanup();
  });

  it("one address gets its allowance of open connections, the next is refused, and a closed one frees a place", async () => {
    const token = await guestToken(server.url, "hoarder");
    const sockets = [rawSocket(server.url, { token }), rawSocket(server.url, { token }), rawSocket(server.url, { token })];
    await Promise.all(sockets.map(connected));
    await refusedHandshake(rawSocket(server.url, { token }));
    const polling = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`);
    expect(await polling.json()).toMatchObject({ message: "too many connections from this address" });

    sockets[0]?.close();
    await eventually(async () => {
      const again = rawSocket(server.url, { token });
      try {
        await connected(again);
      } finally {
        again.close();
      }
    });
    for (const socket of sockets) socket.close();
  });

  it("behind a trusted load balancer each client address has its own allowance", async () => {
    const token = await guestToken(behindProxy.url, "office");
    const first = rawSocket(behindProxy.url, { token }, { extraHeaders: { "x-forwarded-for": "203.0.113.1" } });
    const second = rawSocket(behindProxy.url, { token }, { extraHeaders: { "x-forwarded-for": "203.0.113.2, 10.0.0.1" } });
    await Promise.all([connected(first), connected(second)]);
    await refusedHandshake(rawSocket(behindProxy.url, { token }, { extraHeaders: { "x-forwarded-for": "203.0.113.1" } }));
    first.close();
    second.close();
  });
});

describe.skipIf(sharedSkipReason !== undefined)(sharedSkipReason ?? "two nodes sharing one Redis share their limits", () => {
  let nodes: RunningNatter[] = [];
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const database = await freshDatabase();
    drop = database.drop;
    // A prefix of its own keeps this test's counters apart from anything else using the same Redis.
    const shared = { databaseUrl: database.url, redisUrl, redisPrefix: `limits-${Date.now().toString(36)}`, messagesPerSecond: 1 };
    nodes = [await startNatter(shared), await startNatter(shared)];
  });
  afterAll(async () => {
    for (const node of nodes) await node.cleanup();
    await drop();
  });

  it("ten failed log-ins spread over two nodes lock the account on both", async () => {
    const [a, b] = nodes;
    if (!a || !b) throw new Error("two nodes");
    for (let attempt = 0; attempt < 10; attempt++) {
      const node = attempt % 2 === 0 ? a : b;
      expect((await call(node.url, { method: "POST", path: "/api/auth/login", body: { username: "victim", password: `guess ${attempt}` } })).status).toBe(401);
    }
    for (const node of [a, b]) {
      const locked = await call(node.url, { method: "POST", path: "/api/auth/login", body: { username: "victim", password: "guess 11" } });
      expect(locked.status).toBe(429);
      expect(locked.body).toMatchObject({ error: { code: "RATE_LIMITED" } });
    }
  });

  it("a sender alternating between nodes gets one allowance, not one per node", async () => {
    const [a, b] = nodes;
    if (!a || !b) throw new Error("two nodes");
    const token = await guestToken(a.url, "spreader");
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        call((i % 2 === 0 ? a : b).url, { method: "POST", path: "/api/rooms/general/messages", token, body: { text: `m${i}`, clientMsgId: `spread-${i}` } }),
      ),
    );
    const accepted = answers.filter((answer) => answer.status === 201).length;
    const limited = answers.filter((answer) => answer.status === 429);
    // The burst is 10 (plus what one token a second refills while they arrive); two separate allowances would pass all 24.
    expect(accepted).toBeGreaterThanOrEqual(10);
    expect(accepted).toBeLessThan(20);
    expect(limited.length + accepted).toBe(24);
    for (const answer of limited) expect(answer.body).toMatchObject({ error: { code: "RATE_LIMITED" } });
  });

  it("edits alternating between nodes share one edit budget through Redis", async () => {
    const [a, b] = nodes;
    if (!a || !b) throw new Error("two nodes");
    const token = await guestToken(a.url, "edit-spreader");
    const sent = await call(a.url, { method: "POST", path: "/api/rooms/general/messages", token, body: { text: "v0", clientMsgId: "edit-spread-root" } });
    const id = (sent.body as { message: { id: number } }).message.id;
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        call((i % 2 === 0 ? a : b).url, { method: "PATCH", path: `/api/rooms/general/messages/${id}`, token, body: { text: `v${i + 1}` } }),
      ),
    );
    const accepted = answers.filter((answer) => answer.status === 200).length;
    // The edit burst is 10; two separate allowances would pass 20.
    expect(accepted).toBeGreaterThanOrEqual(10);
    expect(accepted).toBeLessThan(14);
    for (const answer of answers.filter((answer) => answer.status !== 200)) {
      expect(answer.status).toBe(429);
      expect(answer.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
    }
  });
});
