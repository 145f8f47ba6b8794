import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, postgresSkipReason } from "../support/postgres.js";
import { guestToken, http } from "../support/http.js";
import { startNatter, type RunningNatter } from "../support/server.js";
import { eventually } from "../support/wait.js";
import { PushEndpoint } from "./pushEndpoint.js";
import { linksOf, SmtpInbox } from "./smtpInbox.js";

const redisUrl = process.env.REDIS_URL;
const skip = postgresSkipReason ?? (redisUrl ? undefined : "skipped: REDIS_URL is unset");

describe.skipIf(skip !== undefined)(skip ?? "push and email from two nodes on PostgreSQL and Redis", { timeout: 60_000 }, () => {
  let nodes: RunningNatter[] = [];
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let publicKey = "";
  const endpoint = new PushEndpoint(() => publicKey);
  const inbox = new SmtpInbox();

  beforeAll(async () => {
    await endpoint.start();
    const smtpUrl = await inbox.start();
    database = await freshDatabase();
    const options = {
      databaseUrl: database.url,
      redisUrl,
      redisPrefix: `push-${Date.now().toString(36)}`,
      pushAllowPrivateEndpoints: true,
      smtpUrl,
      emailNotifyDelayMin: 0,
    };
    nodes = await Promise.all([startNatter(options), startNatter(options)]);
  });
  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.cleanup()));
    await database.drop();
    await endpoint.stop();
    await inbox.stop();
  });

  it("both nodes share one VAPID key, and each push and each missed mention reach bob once though both nodes send", async () => {
    const [a, b] = nodes as [RunningNatter, RunningNatter];
    const keys = await Promise.all(nodes.map(async (node) => ((await http(node.url, "GET", "/api/push/key")).body as { publicKey: string }).publicKey));
    expect(new Set(keys).size).toBe(1);
    publicKey = keys[0] ?? "";
    const alice = await guestToken(a.url, "alice");
    const bob = await guestToken(b.url, "bob");
    await http(b.url, "POST", "/api/rooms/general/join", { token: bob });
    await http(b.url, "POST", "/api/push/subscriptions", { token: bob, body: endpoint.subscription("/bob") });
    await http(a.url, "PUT", "/api/me/email", { token: bob, body: { email: "bob@example.com" } });
    await eventually(() => expect(inbox.to("bob@example.com")).toHaveLength(1));
    const verify = linksOf(inbox.to("bob@example.com")[0] ?? ({} as never))[0] ?? "";
    expect((await http(b.url, "GET", new URL(verify).pathname + new URL(verify).search)).status).toBe(200);

    const texts = Array.from({ length: 20 }, (_, i) => `@bob number ${i}`);
    await Promise.all(
      texts.map((text, i) => http((i % 2 ? a : b).url, "POST", "/api/rooms/general/messages", { token: alice, body: { text, clientMsgId: `n-${i}` } })),
    );
    const emailed = () =>
      inbox
        .to("bob@example.com")
        .slice(1)
        .flatMap((mail) => [...(mail.text ?? "").matchAll(/@bob number \d+/g)].map((match) => match[0]));
    await eventually(() => expect(endpoint.delivered).toHaveLength(texts.length), { timeoutMs: 15_000 });
    await eventually(() => expect(new Set(emailed()).size).toBe(texts.length), { timeoutMs: 15_000 });
    // Until both nodes have stopped, a second copy could still be on its way: stop them, then count.
    await Promise.all(nodes.map((node) => node.stop()));
    expect(endpoint.delivered.map((d) => d.payload.body).sort()).toEqual([...texts].sort());
    expect(emailed().sort()).toEqual([...texts].sort());
    expect(endpoint.refused).toEqual([]);
  });
});
