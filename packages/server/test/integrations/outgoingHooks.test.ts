import type { Message } from "@natter/protocol";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { onBothStores } from "../notifications/bothStores.js";
import { freshDatabase, postgresSkipReason } from "../support/postgres.js";
import { guestToken, http } from "../support/http.js";
import { startNatter, type RunningNatter } from "../support/server.js";
import { eventually } from "../support/wait.js";
import { adminToken } from "./cast.js";
import { Receiver } from "./receiver.js";

interface Delivered {
  event: string;
  hookId: number;
  room: string;
  message: { id: number; seq: number; text: string; threadId: number | null };
  user: { username: string };
  triggerWord: string | null;
}
interface Delivery {
  status: string;
  attempts: number;
  responseStatus: number | null;
  error: string | null;
  messageId: number | null;
}

const hookFor = async (url: string, token: string, body: object) => {
  const answer = await http(url, "POST", "/api/outgoing-hooks", { token, body });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return answer.body as { hook: { id: number }; secret: string };
};
const say = async (url: string, token: string, room: string, text: string, extra: object = {}) => {
  const answer = await http(url, "POST", `/api/rooms/${room}/messages`, {
    token,
    body: { text, clientMsgId: `m-${Math.random().toString(36).slice(2)}`, ...extra },
  });
  expect(answer.status).toBe(201);
  return (answer.body as { message: Message }).message;
};
const deliveries = async (url: string, token: string, id: number) =>
  ((await http(url, "GET", `/api/outgoing-hooks/${id}/deliveries`, { token })).body as { deliveries: Delivery[] }).deliveries;

onBothStores((store, start) => {
  describe(`outgoing webhooks on ${store}`, { timeout: 60_000 }, () => {
    let server: RunningNatter;
    let done: () => Promise<void>;
    const receiver = new Receiver();
    let receiverUrl = "";
    let operator = "";
    let alice = "";
    let bob = "";

    beforeAll(async () => {
      receiverUrl = await receiver.start();
      ({ server, done } = await start({ webhookAllowPrivate: true, webhookRetryBaseMs: 50 }));
      operator = await adminToken(server, "operator");
      alice = await guestToken(server.url, "alice");
      bob = await guestToken(server.url, "bob");
      await http(server.url, "POST", "/api/rooms", { token: alice, body: { name: "deploys" } });
      await http(server.url, "POST", "/api/rooms/deploys/join", { token: bob });
    });
    afterEach(() => {
      receiver.received.length = 0;
      receiver.behaviour = () => ({ status: 200 });
    });
    afterAll(async () => {
      await done();
      await receiver.stop();
    });

    it("posts each matching message, signed, and the receiver's { text } answers in the message's thread", async () => {
      const { hook, secret } = await hookFor(server.url, alice, { room: "deploys", url: `${receiverUrl}/ci`, triggerWords: ["deploy", "rollback"] });
      receiver.secret = secret;
      receiver.behaviour = (request) => ({ status: 200, body: JSON.stringify({ text: `on it: ${(JSON.parse(request.body) as Delivered).message.text}` }) });
      await say(server.url, bob, "deploys", "just chatting");
      const asked = await say(server.url, bob, "deploys", "Deploy api to staging");
      await eventually(() => expect(receiver.received).toHaveLength(1));
      const [request] = receiver.received;
      expect(request?.signed).toBe(true);
      expect(request?.headers["content-type"]).toBe("application/json");
      expect(Math.abs(Number(request?.headers["x-natter-timestamp"]) - Date.now() / 1000)).toBeLessThan(60);
      expect(receiver.bodies<Delivered>()[0]).toMatchObject({
        event: "message",
        hookId: hook.id,
        room: "deploys",
        message: { id: asked.id, text: "Deploy api to staging", threadId: null },
        user: { username: "bob" },
        triggerWord: "deploy",
      });
      await eventually(async () => {
        const thread = (await http(server.url, "GET", `/api/rooms/deploys/messages/${asked.id}/thread`, { token: bob })).body as { replies: Message[] };
        expect(thread.replies.map((reply) => [reply.author.username, reply.text])).toEqual([["alice", "on it: Deploy api to staging"]]);
        // The reply carries a card, so it sets off no hook in turn.
        expect(thread.replies[0]?.card?.via).toBe("bot");
      });
      const log = await deliveries(server.url, alice, hook.id);
      expect(log).toEqual([expect.objectContaining({ status: "delivered", attempts: 1, responseStatus: 200, error: null, messageId: asked.id })]);
      expect(receiver.received).toHaveLength(1);
      await http(server.url, "DELETE", `/api/outgoing-hooks/${hook.id}`, { token: alice });
    });

    it("a failing receiver is tried again with growing waits, up to five retries, and the owner sees each outcome", async () => {
      const { hook, secret } = await hookFor(server.url, alice, { room: "deploys", url: `${receiverUrl}/flaky` });
      receiver.secret = secret;
      receiver.behaviour = (request, count) => (request.path === "/flaky" && count <= 3 ? { status: 500 } : { status: 204 });
      const first = await say(server.url, bob, "deploys", "flaky one");
      await eventually(
        async () => expect(await deliveries(server.url, alice, hook.id)).toEqual([expect.objectContaining({ status: "delivered", attempts: 4 })]),
        {
          timeoutMs: 15_000,
        },
      );
      expect(receiver.received.every((entry) => entry.signed)).toBe(true);
      expect(new Set(receiver.bodies<Delivered>().map((body) => body.message.id))).toEqual(new Set([first.id]));

      receiver.received.length = 0;
      receiver.behaviour = () => ({ status: 503 });
      await say(server.url, bob, "deploys", "never arrives");
      await eventually(
        async () => expect((await deliveries(server.url, alice, hook.id))[0]).toMatchObject({ status: "failed", attempts: 6, responseStatus: 503 }),
        {
          timeoutMs: 20_000,
        },
      );
      expect(receiver.received).toHaveLength(6);
      // Others do not see the hook's log.
      expect((await http(server.url, "GET", `/api/outgoing-hooks/${hook.id}/deliveries`, { token: bob })).status).toBe(404);
      await http(server.url, "DELETE", `/api/outgoing-hooks/${hook.id}`, { token: alice });
    });

    it("a receiver slower than 5 s is cut off and tried again", async () => {
      const { hook, secret } = await hookFor(server.url, alice, { room: "deploys", url: `${receiverUrl}/slow` });
      receiver.secret = secret;
      receiver.behaviour = (_request, count) => (count === 1 ? "hold" : { status: 200 });
      await say(server.url, bob, "deploys", "take your time");
      await eventually(
        async () =>
          expect(await deliveries(server.url, alice, hook.id)).toEqual([expect.objectContaining({ status: "delivered", attempts: 2, responseStatus: 200 })]),
        { timeoutMs: 20_000 },
      );
      expect(receiver.received).toHaveLength(2);
      await http(server.url, "DELETE", `/api/outgoing-hooks/${hook.id}`, { token: alice });
    });

    it("a bot's hook hears the messages that mention it, and its reply is the bot's, in the thread", async () => {
      await http(server.url, "POST", "/api/bots", { token: operator, body: { username: "deploy-bot" } });
      await http(server.url, "POST", "/api/rooms/deploys/members", { token: alice, body: { username: "deploy-bot" } });
      expect((await http(server.url, "POST", "/api/outgoing-hooks", { token: alice, body: { bot: "deploy-bot", url: receiverUrl } })).status).toBe(403);
      const { hook, secret } = await hookFor(server.url, operator, { bot: "deploy-bot", url: `${receiverUrl}/bot` });
      receiver.secret = secret;
      receiver.behaviour = () => ({ status: 200, body: JSON.stringify({ text: "deploying" }) });
      await say(server.url, bob, "deploys", "nobody in particular");
      const asked = await say(server.url, bob, "deploys", "@deploy-bot ship it");
      await eventually(async () => {
        const thread = (await http(server.url, "GET", `/api/rooms/deploys/messages/${asked.id}/thread`, { token: bob })).body as { replies: Message[] };
        expect(thread.replies.map((reply) => [reply.author.username, reply.text])).toEqual([["deploy-bot", "deploying"]]);
      });
      expect(receiver.bodies<Delivered>().map((body) => body.message.text)).toEqual(["@deploy-bot ship it"]);
      expect(receiver.received[0]?.signed).toBe(true);
      await http(server.url, "DELETE", `/api/outgoing-hooks/${hook.id}`, { token: operator });
    });

    it("a rotated secret signs the next delivery, and only the hook's owner may rotate it", async () => {
      const { hook, secret } = await hookFor(server.url, alice, { room: "deploys", url: `${receiverUrl}/rotate` });
      expect((await http(server.url, "POST", `/api/outgoing-hooks/${hook.id}/rotate`, { token: bob })).status).toBe(404);
      const rotated = await http(server.url, "POST", `/api/outgoing-hooks/${hook.id}/rotate`, { token: alice });
      expect(rotated.status).toBe(200);
      const fresh = (rotated.body as { secret: string }).secret;
      expect(fresh).not.toBe(secret);
      receiver.secret = fresh;
      await say(server.url, bob, "deploys", "after the rotation");
      await eventually(() => expect(receiver.received).toHaveLength(1));
      expect(receiver.received[0]?.signed).toBe(true);
      await http(server.url, "DELETE", `/api/outgoing-hooks/${hook.id}`, { token: alice });
    });

    it("queued deliveries survive a restart and are delivered once", async () => {
      const { hook, secret } = await hookFor(server.url, alice, { room: "deploys", url: `${receiverUrl}/restart` });
      receiver.secret = secret;
      let up = false;
      receiver.behaviour = () => (up ? { status: 200 } : { status: 503 });
      const sent = await say(server.url, bob, "deploys", "across a restart");
      await eventually(() => expect(receiver.received.length).toBeGreaterThanOrEqual(1));
      const options = server.natter.settings;
      await server.stop();
      up = true;
      const again = await startNatter({
        dataDir: options.dataDir,
        databaseUrl: options.databaseUrl,
        webhookAllowPrivate: true,
        webhookRetryBaseMs: 50,
      });
      try {
        await eventually(async () => expect((await deliveries(again.url, alice, hook.id))[0]).toMatchObject({ status: "delivered" }), { timeoutMs: 15_000 });
        const succeeded = receiver.received.filter((entry) => (JSON.parse(entry.body) as Delivered).message.id === sent.id);
        expect(succeeded.length).toBeGreaterThanOrEqual(2);
        expect((await deliveries(again.url, alice, hook.id)).filter((delivery) => delivery.status === "delivered")).toHaveLength(1);
      } finally {
        await again.stop();
      }
      // The suite's server is closed now; the rest of this file starts its own.
      ({ server } = await start({ webhookAllowPrivate: true, webhookRetryBaseMs: 50 }));
    });
  });
});

onBothStores((store, start) => {
  describe(`outgoing requests to private addresses on ${store}`, { timeout: 30_000 }, () => {
    it("are refused unless WEBHOOK_ALLOW_PRIVATE: at creation for an address, at delivery for a name that resolves to one", async () => {
      const { server, done } = await start({ webhookRetryBaseMs: 50 });
      const receiver = new Receiver();
      const url = await receiver.start();
      try {
        const alice = await guestToken(server.url, "alice");
        await http(server.url, "POST", "/api/rooms", { token: alice, body: { name: "ops" } });
        for (const target of [url, "http://10.1.2.3/x", "http://[::1]:9/x", "http://169.254.169.254/latest", "ftp://example.com/x"]) {
          const refused = await http(server.url, "POST", "/api/outgoing-hooks", { token: alice, body: { room: "ops", url: target } });
          expect(refused.status, target).toBe(400);
          expect((refused.body as { error: { code: string } }).error.code).toMatch(/^(UNSAFE_URL|BAD_REQUEST)$/);
        }
        const port = new URL(url).port;
        const { hook } = await hookFor(server.url, alice, { room: "ops", url: `http://localhost:${port}/named` });
        await say(server.url, alice, "ops", "to a name inside");
        await eventually(async () => expect((await deliveries(server.url, alice, hook.id))[0]).toMatchObject({ status: "failed", attempts: 1 }));
        expect((await deliveries(server.url, alice, hook.id))[0]?.error).toMatch(/refused/);
        expect(receiver.received).toHaveLength(0);
      } finally {
        await done();
        await receiver.stop();
      }
    });
  });
});

describe.skipIf(postgresSkipReason !== undefined)(postgresSkipReason ?? "outgoing webhooks from two nodes on PostgreSQL", { timeout: 60_000 }, () => {
  it("each message is delivered once though both nodes work the queue", async () => {
    const database = await freshDatabase();
    const receiver = new Receiver();
    const receiverUrl = await receiver.start();
    const options = { databaseUrl: database.url, webhookAllowPrivate: true, webhookRetryBaseMs: 50 };
    const nodes = await Promise.all([startNatter(options), startNatter(options)]);
    try {
      const [a, b] = nodes as [RunningNatter, RunningNatter];
      const alice = await guestToken(a.url, "alice");
      await http(a.url, "POST", "/api/rooms", { token: alice, body: { name: "events" } });
      const { secret } = await hookFor(a.url, alice, { room: "events", url: receiverUrl });
      receiver.secret = secret;
      // Every other delivery fails once, so retries are claimed by either node too.
      const failedOnce = new Set<number>();
      receiver.behaviour = (request) => {
        const id = (JSON.parse(request.body) as Delivered).message.id;
        if (id % 2 === 0 && !failedOnce.has(id)) return (failedOnce.add(id), { status: 500 });
        return { status: 200 };
      };
      const sent = await Promise.all(Array.from({ length: 30 }, (_, i) => say((i % 2 ? a : b).url, alice, "events", `event ${i}`)));
      await eventually(
        () => {
          expect(receiver.received.every((entry) => entry.signed)).toBe(true);
          expect(receiver.received).toHaveLength(45);
        },
        { timeoutMs: 20_000 },
      );
      const perMessage = new Map<number, number>();
      for (const body of receiver.bodies<Delivered>()) perMessage.set(body.message.id, (perMessage.get(body.message.id) ?? 0) + 1);
      for (const message of sent) expect(perMessage.get(message.id), `message ${message.id}`).toBe(message.id % 2 === 0 ? 2 : 1);
    } finally {
      await Promise.all(nodes.map((node) => node.cleanup()));
      await database.drop();
      await receiver.stop();
    }
  });
});
