import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, postgresSkipReason } from "../support/postgres.js";
import { guestToken, http } from "../support/http.js";
import { startNatter, type RunningNatter } from "../support/server.js";
import { eventually } from "../support/wait.js";
import { PushEndpoint } from "./pushEndpoint.js";

const redisUrl = process.env.REDIS_URL;
const skip = postgresSkipReason ?? (redisUrl ? undefined : "skipped: REDIS_URL is unset");

describe.skipIf(skip !== undefined)(skip ?? "two nodes on PostgreSQL and Redis", { timeout: 60_000 }, () => {
  let nodes: RunningNatter[] = [];
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let publicKey = "";
  const endpoint = new PushEndpoint(() => publicKey);

  beforeAll(async () => {
    await endpoint.start();
    database = await freshDatabase();
    const options = { databaseUrl: database.url, redisUrl, redisPrefix: `push-${Date.now().toString(36)}`, pushAllowPrivateEndpoints: true };
    nodes = await Promise.all([startNatter(options), startNatter(options)]);
  });
  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.cleanup()));
    await database.drop();
    await endpoint.stop();
  });

  it("both nodes share one VAPID key, and each push reaches the phone once though both nodes send", async () => {
    const [a, b] = nodes as [RunningNatter, RunningNatter];
    const keys = await Promise.all(nodes.map(async (node) => ((await http(node.url, "GET", "/api/push/key")).body as { publicKey: string }).publicKey));
    expect(new Set(keys).size).toBe(1);
    publicKey = keys[0] ?? "";
    const alice = await guestToken(a.url, "alice");
    const bob = await guestToken(b.url, "bob");
    await http(b.url, "POST", "/api/rooms/general/join", { token: bob });
    await http(b.url, "POST", "/api/push/subscriptions", { token: bob, body: endpoint.subscription("/bob") });

    const texts = Array.from({ length: 20 }, (_, i) => `@bob number ${i}`);
    await Promise.all(texts.map((text, i) => http((i % 2 ? a : b).url, "POST", "/api/rooms/general/messages", { token: alice, body: { text, clientMsgId: `n-${i}` } })));
    await eventually(() => expect(endpoint.delivered).toHaveLength(texts.length), { timeoutMs: 15_000 });
    // Until both nodes have stopped, a second copy could still be on its way: stop them, then count.
    await Promise.all(nodes.map((node) => node.stop()));
    expect(endpoint.delivered.map((d) => d.payload.body).sort()).toEqual([...texts].sort());
    expect(endpoint.refused).toEqual([]);
  });
});
