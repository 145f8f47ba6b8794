import { NatterClient } from "@natter/client";
import type { Message } from "@natter/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onBothStores } from "../notifications/bothStores.js";
import { guestToken, http, rawSocket } from "../support/http.js";
import type { RunningNatter } from "../support/server.js";
import { eventually } from "../support/wait.js";
import { adminToken, memberToken } from "./cast.js";

type Created = { token: string; info: { id: number; scopes: string[]; user: { username: string }; bot: boolean } };

onBothStores((store, start) => {
  describe(`access tokens and bots on ${store}`, { timeout: 30_000 }, () => {
    let server: RunningNatter;
    let done: () => Promise<void>;
    let operator = "";
    let alice = "";
    const clients: NatterClient[] = [];

    beforeAll(async () => {
      ({ server, done } = await start({}));
      operator = await adminToken(server, "operator");
      alice = await memberToken(server, "alice");
    });
    afterAll(async () => {
      for (const client of clients) client.close();
      await done();
    });

    const makeToken = async (session: string, body: object) => {
      const answer = await http(server.url, "POST", "/api/tokens", { token: session, body });
      expect(answer.status, JSON.stringify(answer.body)).toBe(201);
      return answer.body as Created;
    };
    const sdk = async (token: string) => {
      const client = new NatterClient({ url: server.url, token, transports: ["websocket"] });
      clients.push(client);
      await client.connect();
      return client;
    };

    it("a member's token is shown once, works as a bearer token for REST and the SDK, and lists with its last use", async () => {
      const { token, info } = await makeToken(alice, { name: "laptop script", scopes: ["read", "write"] });
      expect(token).toMatch(/^ntk_/);
      expect(info).toMatchObject({ scopes: ["read", "write"], user: { username: "alice" }, bot: false });
      const me = await http(server.url, "GET", "/api/me", { token });
      expect(me.body).toMatchObject({ user: { username: "alice", role: "user" } });
      const client = await sdk(token);
      await client.join("general");
      const sent = await client.send("general", "sent with a token");
      expect(sent.author.username).toBe("alice");
      const listed = (await http(server.url, "GET", "/api/tokens", { token: alice })).body as { tokens: { id: number; lastUsedAt: string | null }[] };
      expect(listed.tokens.find((t) => t.id === info.id)?.lastUsedAt).not.toBeNull();
      expect(JSON.stringify(listed)).not.toContain(token);
    });

    it("a read-only token reads but cannot send, over REST or the socket", async () => {
      const { token } = await makeToken(alice, { name: "reader", scopes: ["read"] });
      expect((await http(server.url, "GET", "/api/messages?room=general", { token })).status).toBe(200);
      const refused = await http(server.url, "POST", "/api/rooms/general/messages", { token, body: { text: "no", clientMsgId: "ro-1" } });
      expect(refused).toMatchObject({ status: 403, body: { error: { code: "INSUFFICIENT_SCOPE" } } });
      const socket = await rawSocket(server.url, token);
      try {
        const joined = await socket.emitWithAck("join", { room: "general" });
        expect(joined).toMatchObject({ ok: true });
        const sent = await socket.emitWithAck("send_message", { room: "general", text: "no", clientMsgId: "ro-2" });
        expect(sent).toMatchObject({ ok: false, error: { code: "INSUFFICIENT_SCOPE" } });
        // Joining a public room it is not in would make a membership: refused as for a room it cannot see.
        await http(server.url, "POST", "/api/rooms", { token: operator, body: { name: "lobby" } });
        expect(await socket.emitWithAck("join", { room: "lobby" })).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
      } finally {
        socket.close();
      }
      const client = await sdk(token);
      await expect(client.send("general", "still no")).rejects.toMatchObject({ code: "INSUFFICIENT_SCOPE" });
    });

    it("a token never grants more than its scopes: no admin rights without `admin`, no wider token made with it", async () => {
      const { token: plain } = await makeToken(operator, { name: "ops", scopes: ["read", "write"] });
      expect((await http(server.url, "POST", "/api/bots", { token: plain, body: { username: "nope-bot" } })).status).toBe(403);
      const wider = await http(server.url, "POST", "/api/tokens", { token: plain, body: { name: "wider", scopes: ["read", "write", "admin"] } });
      expect(wider).toMatchObject({ status: 403, body: { error: { code: "INSUFFICIENT_SCOPE" } } });
      const { token: full } = await makeToken(operator, { name: "ops-admin", scopes: ["read", "write", "admin"] });
      expect((await http(server.url, "POST", "/api/bots", { token: full, body: { username: "ok-bot" } })).status).toBe(201);
      const asMember = await http(server.url, "POST", "/api/tokens", { token: alice, body: { name: "grab", scopes: ["admin"] } });
      expect(asMember.status).toBe(403);
      const guest = await guestToken(server.url, "gus");
      expect((await http(server.url, "POST", "/api/tokens", { token: guest, body: { name: "g", scopes: ["read"] } })).status).toBe(403);
    });

    it("a revoked token is refused at once and its open connection is closed", async () => {
      const { token, info } = await makeToken(alice, { name: "short-lived", scopes: ["read", "write"] });
      const socket = await rawSocket(server.url, token);
      const closed = new Promise<void>((resolve) => socket.once("disconnect", () => resolve()));
      expect((await http(server.url, "DELETE", `/api/tokens/${info.id}`, { token: alice })).status).toBe(200);
      await closed;
      expect((await http(server.url, "GET", "/api/me", { token })).status).toBe(401);
      // Someone else's token is not theirs to see or revoke.
      const { info: operators } = await makeToken(operator, { name: "mine", scopes: ["read"] });
      expect((await http(server.url, "DELETE", `/api/tokens/${operators.id}`, { token: alice })).status).toBe(404);
    });

    it("admins make bots and their tokens; a bot answers in a thread through the SDK", async () => {
      expect((await http(server.url, "POST", "/api/bots", { token: alice, body: { username: "sneaky-bot" } })).status).toBe(403);
      const bot = await http(server.url, "POST", "/api/bots", { token: operator, body: { username: "helper", displayName: "Helper" } });
      expect(bot).toMatchObject({ status: 201, body: { bot: { user: { username: "helper" }, displayName: "Helper" } } });
      const { token, info } = await makeToken(operator, { name: "helper's token", scopes: ["read", "write"], bot: "helper" });
      expect(info).toMatchObject({ bot: true, user: { username: "helper" } });
      // A bot has no password: it cannot log in.
      expect((await http(server.url, "POST", "/api/auth/login", { body: { username: "helper", password: "anything at all" } })).status).toBe(401);
      const helper = await sdk(token);
      await helper.join("general");
      helper.on("message", (message: Message) => {
        if (message.author.username !== "helper" && message.text.includes("@helper"))
          void helper.send("general", `hello ${message.author.username}`, { replyTo: message.replyTo?.id ?? message.id });
      });
      const person = await sdk(alice);
      await person.join("general");
      const question = await person.send("general", "@helper are you there?");
      await eventually(async () => {
        const thread = await person.thread("general", question.id);
        expect(thread.replies.map((reply) => [reply.author.username, reply.text])).toEqual([["helper", "hello alice"]]);
      });
      const tokens = (await http(server.url, "GET", "/api/tokens", { token: operator })).body as { tokens: { user: { username: string } }[] };
      expect(tokens.tokens.map((t) => t.user.username)).toContain("helper");
      expect(((await http(server.url, "GET", "/api/bots", { token: operator })).body as { bots: unknown[] }).bots).toHaveLength(2);
    });

    it("token and bot changes are audited", async () => {
      const audit = (await http(server.url, "GET", "/api/admin/audit?limit=100", { token: operator })).body as { entries: { action: string }[] };
      const actions = new Set(audit.entries.map((entry) => entry.action));
      for (const action of ["token.create", "token.revoke", "bot.create"]) expect(actions).toContain(action);
    });
  });
});

onBothStores((store, start) => {
  describe(`with ALLOW_USER_TOKENS=false on ${store}`, () => {
    it("members may not make tokens, admins still may", async () => {
      const { server, done } = await start({ allowUserTokens: false });
      try {
        const operator = await adminToken(server, "operator");
        const alice = await memberToken(server, "alice");
        const refused = await http(server.url, "POST", "/api/tokens", { token: alice, body: { name: "x", scopes: ["read"] } });
        expect(refused).toMatchObject({ status: 403, body: { error: { code: "TOKENS_DISABLED" } } });
        expect((await http(server.url, "POST", "/api/tokens", { token: operator, body: { name: "x", scopes: ["read"] } })).status).toBe(201);
      } finally {
        await done();
      }
    });
  });
});
