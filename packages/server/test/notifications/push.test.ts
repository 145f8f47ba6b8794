import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { guestToken, http } from "../support/http.js";
import type { RunningNatter } from "../support/server.js";
import { onBothStores } from "./bothStores.js";
import { eventually } from "../support/wait.js";
import { PushEndpoint } from "./pushEndpoint.js";

onBothStores((store, start) => {
  describe(`Web Push on ${store}`, { timeout: 30_000 }, () => {
    let server: RunningNatter;
    let done: () => Promise<void>;
    let publicKey = "";
    let shift = 0;
    const endpoint = new PushEndpoint(() => publicKey);
    const tokens: Record<string, string> = {};
    const as = (name: string) => ({ token: tokens[name] });
    const idOf = async (name: string) => ((await http(server.url, "GET", `/api/users/${name}`, as(name))).body as { user: { id: number } }).user.id;

    beforeAll(async () => {
      await endpoint.start();
      ({ server, done } = await start({ pushAllowPrivateEndpoints: true, publicUrl: "https://chat.example.com/", clock: () => Date.now() + shift }));
      publicKey = ((await http(server.url, "GET", "/api/push/key")).body as { publicKey: string }).publicKey;
      for (const name of ["alice", "bob", "carol"]) tokens[name] = await guestToken(server.url, name);
    });
    afterAll(async () => {
      await done();
      await endpoint.stop();
    });

    it("the VAPID key is made once and kept: every answer gives the same one", async () => {
      expect(Buffer.from(publicKey, "base64url")).toHaveLength(65);
      expect((await http(server.url, "GET", "/api/push/key")).body).toEqual({ publicKey });
    });

    it("a DM to bob, who has no tab open, reaches his push endpoint signed and encrypted, in his language, linking to the message", async () => {
      const subscription = endpoint.subscription("/bob-phone");
      expect((await http(server.url, "POST", "/api/push/subscriptions", { ...as("bob"), body: { ...subscription, language: "zh-CN" } })).status).toBe(201);
      await http(server.url, "POST", "/api/dms", { ...as("alice"), body: { usernames: ["bob"] } });
      const room = ((await http(server.url, "GET", "/api/rooms", as("alice"))).body as { rooms: { name: string; kind: string }[] }).rooms.find(
        (r) => r.kind === "dm",
      );
      const sent = await http(server.url, "POST", `/api/rooms/${room?.name ?? ""}/messages`, {
        ...as("alice"),
        body: { text: "hello bob", clientMsgId: "dm-1" },
      });
      expect(sent.status).toBe(201);

      await eventually(() => expect(endpoint.delivered.filter((d) => d.path === "/bob-phone")).toHaveLength(1));
      const [push] = endpoint.delivered;
      expect(push?.payload).toMatchObject({ title: "alice 给你发了消息", body: "hello bob", room: room?.name, seq: 1 });
      expect(push?.payload.url).toBe(`https://chat.example.com/?seq=1#${encodeURIComponent(room?.name ?? "")}`);
      expect(endpoint.refused).toEqual([]);
    });

    it("in a room, a mention and a keyword notify; a muted room and do-not-disturb silence everything", async () => {
      await http(server.url, "POST", "/api/rooms", { ...as("alice"), body: { name: `plans-${store}` } });
      await http(server.url, "POST", `/api/rooms/plans-${store}/join`, as("carol"));
      await http(server.url, "PUT", "/api/me/notifications/keywords", { ...as("carol"), body: { keywords: ["Launch", "launch", "发布"] } });
      expect((await http(server.url, "GET", "/api/me/notifications", as("carol"))).body).toMatchObject({ keywords: ["launch", "发布"] });
      await http(server.url, "POST", "/api/push/subscriptions", { ...as("carol"), body: endpoint.subscription("/carol") });
      const say = (text: string, id: string) =>
        http(server.url, "POST", `/api/rooms/plans-${store}/messages`, { ...as("alice"), body: { text, clientMsgId: id } });
      const carols = () => endpoint.delivered.filter((d) => d.path === "/carol").map((d) => d.payload.title);

      await say("@carol can you look?", "r-1");
      await say("the LAUNCH is friday", "r-2");
      await eventually(() => expect(carols()).toEqual(["alice mentioned you in #plans-" + store, `alice in #plans-${store} wrote a word you follow`]));

      await http(server.url, "PUT", `/api/rooms/plans-${store}/notify`, { ...as("carol"), body: { level: "mute" } });
      await say("@carol muted?", "r-3");
      await http(server.url, "PUT", `/api/rooms/plans-${store}/notify`, { ...as("carol"), body: { level: "all" } });
      await server.natter.domain.store.updateUser(await idOf("carol"), { dnd_until: Date.now() + 3_600_000 });
      await say("@carol do not disturb?", "r-4");
      await server.natter.domain.store.updateUser(await idOf("carol"), { dnd_until: null });
      await say("small talk in a small room", "r-5");
      // Pushes go out in order of queueing: once the last arrives, the two before it were never queued.
      await eventually(() => expect(carols()).toHaveLength(3));
      expect(carols()[2]).toBe(`alice in #plans-${store}`);
      expect(endpoint.delivered.filter((d) => d.path === "/carol").map((d) => d.payload.body)).not.toContain("@carol muted?");
    });

    it("a subscription the push service calls gone (410) is deleted; a failing one is tried again until it works", async () => {
      const bobId = await idOf("bob");
      const gone = endpoint.subscription("/bob-old-laptop");
      const flaky = endpoint.subscription("/bob-tablet");
      await http(server.url, "POST", "/api/push/subscriptions", { ...as("bob"), body: gone });
      await http(server.url, "POST", "/api/push/subscriptions", { ...as("bob"), body: flaky });
      endpoint.answers.set("/bob-old-laptop", [410]);
      endpoint.answers.set("/bob-tablet", [503]);
      await http(server.url, "POST", `/api/rooms/general/messages`, { ...as("alice"), body: { text: "@bob one more", clientMsgId: "g-1" } });

      const subscriptions = () => server.natter.domain.store.subscriptionIdsOf([bobId]);
      // bob-phone and the tablet stay; the old laptop is gone.
      await eventually(async () => expect(await subscriptions()).toHaveLength(2));
      // The retry waits its backoff on the server's clock: move that clock past it rather than wait.
      shift += 60_000;
      await eventually(() => expect(endpoint.delivered.filter((d) => d.path === "/bob-tablet").map((d) => d.payload.body)).toEqual(["@bob one more"]));
      expect(endpoint.delivered.filter((d) => d.path === "/bob-old-laptop").length).toBe(1);
    });

    it("bad subscriptions get a 400 with a code, and a user keeps at most 20", async () => {
      const subscribe = (body: unknown) => http(server.url, "POST", "/api/push/subscriptions", { ...as("carol"), body });
      const good = endpoint.subscription("/carol-spare");
      const code = (answer: { body: unknown }) => (answer.body as { error: { code: string } }).error.code;
      expect(code(await subscribe({ ...good, endpoint: "ftp://push.example.com/x" }))).toBe("BAD_SUBSCRIPTION");
      expect(code(await subscribe({ ...good, keys: { ...good.keys, p256dh: "AAAA" } }))).toBe("BAD_SUBSCRIPTION");
      expect(code(await subscribe({ ...good, keys: { ...good.keys, auth: Buffer.alloc(8).toString("base64url") } }))).toBe("BAD_SUBSCRIPTION");
      expect(code(await subscribe({ ...good, endpoint: `https://push.example.com/${"x".repeat(2100)}` }))).toBe("BAD_REQUEST");
      for (let i = 0; i < 19; i++) expect((await subscribe({ ...good, endpoint: `https://push.example.com/carol-${i}` })).status).toBe(201);
      const over = await subscribe({ ...good, endpoint: "https://push.example.com/carol-20" });
      expect([over.status, code(over)]).toEqual([400, "TOO_MANY_SUBSCRIPTIONS"]);
      expect(
        (await http(server.url, "DELETE", "/api/push/subscriptions", { ...as("carol"), body: { endpoint: "https://push.example.com/carol-0" } })).status,
      ).toBe(200);
      expect((await subscribe({ ...good, endpoint: "https://push.example.com/carol-20" })).status).toBe(201);
    });
  });
});
