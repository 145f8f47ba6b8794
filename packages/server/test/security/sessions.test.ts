import { NatterClient } from "@natter/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { anotherTab, closeAll, member } from "../support/people.js";
import { startNatter, type RunningNatter } from "../support/server.js";
import { onEveryStore } from "../support/stores.js";
import { eventually } from "../support/wait.js";
import { ack, call, connected, guestToken, rawSocket, refusedHandshake } from "./support/api.js";
import { query } from "./support/database.js";

describe("sessions end everywhere at once", () => {
  let server: RunningNatter;
  beforeAll(async () => (server = await startNatter()));
  afterEach(closeAll);
  afterAll(() => server.cleanup());

  it("logging out closes that session's open tabs within a second, and the token no longer connects", async () => {
    const alice = await member(server.url, "alice");
    const token = alice.token ?? "";
    const tab = await anotherTab(server.url, alice);
    const statuses: string[] = [];
    tab.on("status", (status) => statuses.push(status));

    const started = Date.now();
    await alice.logout();
    await eventually(() => expect(statuses).toContain("disconnected"), { timeoutMs: 1_000 });
    expect(Date.now() - started).toBeLessThan(1_000);

    const again = new NatterClient({ url: server.url, token, transports: ["websocket"] });
    await expect(again.connect()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("changing the password closes every tab of the account and ends its other sessions", async () => {
    const bob = await member(server.url, "bob", "first password");
    const elsewhere = new NatterClient({ url: server.url, transports: ["websocket"] });
    await elsewhere.login("bob", "first password");
    await elsewhere.connect();
    const oldToken = elsewhere.token ?? "";
    const closed: string[] = [];
    elsewhere.on("status", (status) => closed.push(status));

    await expect(bob.changePassword("wrong password", "second password")).rejects.toMatchObject({ code: "INVALID_CREDENTIALS" });
    await bob.changePassword("first password", "second password");

    await eventually(() => expect(closed).toContain("disconnected"), { timeoutMs: 1_000 });
    const stale = await fetch(`${server.url}/api/me`, { headers: { authorization: `Bearer ${oldToken}` } });
    expect(stale.status).toBe(401);
    expect(await bob.me()).toMatchObject({ username: "bob" });
    await expect(new NatterClient({ url: server.url }).login("bob", "first password")).rejects.toMatchObject({ code: "INVALID_CREDENTIALS" });
  });
});

onEveryStore((store, start) => {
  describe(`on ${store}, an ended session opens nothing`, () => {
    let server: RunningNatter;
    let done: () => Promise<void>;
    beforeAll(async () => ({ server, done } = await start()));
    afterAll(() => done());

    it("an expired token is refused at the handshake and by the REST API", async () => {
      const token = await guestToken(server.url, "expiring");
      const before = rawSocket(server.url, { token });
      await connected(before);
      before.close();
      await query(server, "update sessions set expires_at = ? where user_id = (select id from users where username = ?)", [Date.now() - 1_000, "expiring"]);

      const socket = rawSocket(server.url, { token });
      expect(await refusedHandshake(socket)).toMatchObject({ code: "UNAUTHORIZED" });
      expect((await call(server.url, { method: "GET", path: "/api/me", token })).status).toBe(401);
    });

    it("a connection whose session runs out is refused on its next event and closed", async () => {
      const token = await guestToken(server.url, "lingering");
      const socket = rawSocket(server.url, { token });
      await connected(socket);
      const closed = new Promise<string>((resolve) => socket.once("disconnect", resolve));
      expect(await ack(socket, "history", { room: "general" })).toMatchObject({ ok: true });

      // Thirty days on: the server's record of this connection's session end now lies in the past.
      for (const live of await server.natter.io.fetchSockets()) if (live.data.user.username === "lingering") live.data.expiresAt = Date.now() - 1;
      expect(await ack(socket, "history", { room: "general" })).toMatchObject({ ok: false, error: { code: "UNAUTHORIZED" } });
      expect(await closed).toBe("io server disconnect");
    });

    it("a revoked token reconnects to nothing, even with Socket.IO's recovery fields in the handshake", async () => {
      const token = await guestToken(server.url, "revoked");
      const socket = rawSocket(server.url, { token });
      await connected(socket);
      const closed = new Promise<string>((resolve) => socket.once("disconnect", resolve));
      expect((await call(server.url, { method: "POST", path: "/api/auth/logout", token })).status).toBe(200);
      expect(await closed).toBe("io server disconnect");

      socket.connect();
      expect(await refusedHandshake(socket)).toMatchObject({ code: "UNAUTHORIZED" });
      const recovering = rawSocket(server.url, { token, pid: "a-previous-session", offset: "1" });
      expect(await refusedHandshake(recovering)).toMatchObject({ code: "UNAUTHORIZED" });
    });
  });
});

describe("logging out while tabs are still connecting", () => {
  let server: RunningNatter;
  beforeAll(async () => (server = await startNatter()));
  afterAll(() => server.cleanup());

  it("a tab whose handshake was under way when the user logged out ends up closed too", async () => {
    const token = await guestToken(server.url, "racer");
    const tabs = Array.from({ length: 20 }, () => rawSocket(server.url, { token }));
    const logout = call(server.url, { method: "POST", path: "/api/auth/logout", token });
    await Promise.all(tabs.map((tab) => connected(tab).catch(() => undefined)));
    expect((await logout).status).toBe(200);
    await eventually(() => expect(tabs.filter((tab) => tab.connected)).toHaveLength(0), { timeoutMs: 1_000 });
    for (const tab of tabs) tab.close();
  });
});

describe("every handshake checks the page it comes from", () => {
  let server: RunningNatter;
  beforeAll(async () => (server = await startNatter({ allowedOrigins: ["https://chat.example.com"] })));
  afterAll(() => server.cleanup());

  const handshake = (origin: string | undefined, token: string, cookie = false) => {
    const headers: Record<string, string> = {};
    if (origin) headers.origin = origin;
    if (cookie) headers.cookie = `natter_session=${encodeURIComponent(token)}`;
    return rawSocket(server.url, cookie ? {} : { token }, { extraHeaders: headers });
  };

  it("a page on another site is refused, with a cookie or with a token", async () => {
    const token = await guestToken(server.url, "visitor");
    for (const cookie of [true, false]) await refusedHandshake(handshake("https://evil.example", token, cookie));
    // Over HTTP long-polling the refusal can be read: the same check guards both transports.
    for (const headers of [
      { origin: "https://evil.example" },
      { origin: "https://evil.example", cookie: `natter_session=${token}` },
      { "sec-fetch-site": "cross-site" },
    ]) {
      const polling = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers });
      expect(polling.status).toBe(403);
      expect(await polling.json()).toMatchObject({ message: "origin not allowed" });
    }
    const own = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers: { origin: server.url } });
    expect(own.status).toBe(200);
  });

  it("the server's own origin and ALLOWED_ORIGINS connect, with a cookie or with a token", async () => {
    const token = await guestToken(server.url, "local");
    for (const origin of [server.url, "https://chat.example.com"]) {
      for (const cookie of [true, false]) {
        const socket = handshake(origin, token, cookie);
        await connected(socket);
        expect(await ack(socket, "history", { room: "general" })).toMatchObject({ ok: true });
        socket.close();
      }
    }
  });
});
