import type { CustomEmojiList, Message } from "@natter/protocol";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { square } from "../emoji/images.js";
import { adminToken } from "../integrations/cast.js";
import { guestToken, http, rawSocket } from "../support/http.js";
import { freshDatabase, postgresSkipReason } from "../support/postgres.js";
import { startNatter, type RunningNatter } from "../support/server.js";
import { eventually } from "../support/wait.js";
import { pageSite } from "./pages.js";

const redisUrl = process.env.REDIS_URL;
if (process.env.CI && !redisUrl) throw new Error("CI must set REDIS_URL for the Redis tests");
const skipReason = postgresSkipReason ?? (redisUrl ? undefined : "skipped: REDIS_URL is unset (CI sets it)");

describe.skipIf(skipReason !== undefined)(skipReason ?? "link previews and custom emoji across two nodes", { timeout: 60_000 }, () => {
  const site = pageSite();
  let siteUrl = "";
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let nodeA: RunningNatter;
  let nodeB: RunningNatter;

  beforeAll(async () => {
    siteUrl = await site.start();
    database = await freshDatabase();
    const shared = { databaseUrl: database.url, redisUrl, redisPrefix: `natter-test-${randomUUID()}`, linkPreviewAllowPrivate: true };
    nodeA = await startNatter(shared);
    nodeB = await startNatter(shared);
  });
  afterAll(async () => {
    await Promise.all([nodeA.cleanup(), nodeB.cleanup()]);
    await database.drop();
    await site.stop();
  });

  it("a card fetched by the node that took the send reaches a tab on the other node, and the cache serves both", async () => {
    const alice = await guestToken(nodeA.url, "alice");
    const bob = await guestToken(nodeB.url, "bob");
    const socket = await rawSocket(nodeB.url, bob);
    const updates: Message[] = [];
    socket.on("message_updated", (message: Message) => updates.push(message));
    const sent = await http(nodeA.url, "POST", "/api/rooms/general/messages", { token: alice, body: { text: `${siteUrl}/og/two-nodes`, clientMsgId: "n-1" } });
    const id = (sent.body as { message: Message }).message.id;
    await eventually(() => expect(updates.find((message) => message.id === id)?.preview?.title).toBe("Natter & friends"));
    const again = await http(nodeB.url, "POST", "/api/rooms/general/messages", { token: bob, body: { text: `${siteUrl}/og/two-nodes`, clientMsgId: "n-2" } });
    const againId = (again.body as { message: Message }).message.id;
    await eventually(() => expect(updates.find((message) => message.id === againId)?.preview?.title).toBe("Natter & friends"));
    expect(site.received.filter((request) => request.path === "/og/two-nodes")).toHaveLength(1);
    socket.close();
  });

  it("an emoji added on one node is announced to a tab on the other", async () => {
    const admin = await adminToken(nodeA, "operator");
    const carol = await guestToken(nodeB.url, "carol");
    const socket = await rawSocket(nodeB.url, carol);
    const heard: CustomEmojiList[] = [];
    socket.on("custom_emoji", (event: CustomEmojiList) => heard.push(event));
    const added = await http(nodeA.url, "POST", "/api/admin/emoji?name=shipit", { token: admin, raw: await square(64, 64, "png") });
    expect(added.status).toBe(201);
    await eventually(() => expect(heard.at(-1)?.emoji.map((emoji) => emoji.name)).toEqual(["shipit"]));
    socket.close();
  });
});
