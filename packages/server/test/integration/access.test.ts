import type { Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ask, guestToken, http, rawSocket, type HttpAnswer } from "../support/http.js";
import { startNatter, type RunningNatter } from "../support/server.js";

/** The refusal with the room's own name taken out: what is left must not tell the rooms apart. */
function anonymised(answer: unknown, name: string): unknown {
  return JSON.parse(JSON.stringify(answer).replaceAll(name, "<room>"));
}

describe("rooms someone is not a member of", { timeout: 60_000 }, () => {
  let server: RunningNatter;
  let ownerToken: string;
  let outsiderToken: string;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = await startNatter();
    ownerToken = await guestToken(server.url, "alice");
    outsiderToken = await guestToken(server.url, "mallory");
    for (const [name, isPrivate] of [
      ["secret-plans", true],
      ["public-talk", false],
    ] as const) {
      const created = await http(server.url, "POST", "/api/rooms", { token: ownerToken, body: { name, topic: "hush", private: isPrivate } });
      expect(created.status).toBe(201);
      await http(server.url, "POST", `/api/rooms/${name}/messages`, { token: ownerToken, body: { text: "inside only", clientMsgId: `${name}-1` } });
    }
  }, 60_000);
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => server.cleanup(), 60_000);

  async function sameOverHttp(method: string, path: (room: string) => string, body?: unknown): Promise<HttpAnswer> {
    const secret = await http(server.url, method, path("secret-plans"), { token: outsiderToken, body });
    const missing = await http(server.url, method, path("no-such-room"), { token: outsiderToken, body });
    expect(secret.status).toBe(404);
    expect(anonymised(secret.body, "secret-plans")).toEqual(anonymised(missing.body, "no-such-room"));
    expect(secret.body).toMatchObject({ error: { code: "NOT_FOUND" } });
    return secret;
  }

  it("a private room's history, info, messages and membership answer over REST exactly like a room that does not exist", async () => {
    await sameOverHttp("GET", (room) => `/api/messages?room=${room}`);
    await sameOverHttp("GET", (room) => `/api/rooms/${room}`);
    await sameOverHttp("POST", (room) => `/api/rooms/${room}/messages`, { text: "let me in", clientMsgId: "m-1" });
    await sameOverHttp("POST", (room) => `/api/rooms/${room}/join`);
    await sameOverHttp("POST", (room) => `/api/rooms/${room}/leave`);
    await sameOverHttp("GET", (room) => `/api/rooms/${room}/members`);
  });

  it("a private room answers over the socket exactly like a room that does not exist", async () => {
    const socket = await rawSocket(server.url, outsiderToken);
    sockets.push(socket);
    for (const [event, payload] of [
      ["join", (room: string) => ({ room })],
      ["send_message", (room: string) => ({ room, text: "let me in", clientMsgId: "s-1" })],
      ["history", (room: string) => ({ room })],
      ["typing", (room: string) => ({ room, typing: true })],
    ] as const) {
      const secret = await ask(socket, event, payload("secret-plans"));
      const missing = await ask(socket, event, payload("no-such-room"));
      expect(secret, event).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
      expect(anonymised(secret, "secret-plans")).toEqual(anonymised(missing, "no-such-room"));
    }
    expect(socket.connected).toBe(true);
  });

  it("a private room is missing from an outsider's room list", async () => {
    const listed = await http(server.url, "GET", "/api/rooms", { token: outsiderToken });
    const names = (listed.body as { rooms: { name: string }[] }).rooms.map((r) => r.name);
    expect(names).toContain("public-talk");
    expect(names).not.toContain("secret-plans");
  });

  it("a public room's messages stay closed until one joins it, then open", async () => {
    const before = await http(server.url, "GET", "/api/messages?room=public-talk", { token: outsiderToken });
    expect(before.status).toBe(404);
    const send = await http(server.url, "POST", "/api/rooms/public-talk/messages", { token: outsiderToken, body: { text: "hi", clientMsgId: "p-1" } });
    expect(send.status).toBe(404);
    expect((await http(server.url, "POST", "/api/rooms/public-talk/join", { token: outsiderToken })).status).toBe(200);
    const after = await http(server.url, "GET", "/api/messages?room=public-talk", { token: outsiderToken });
    expect((after.body as { messages: { text: string }[] }).messages.map((m) => m.text)).toEqual(["inside only"]);
  });

  it("someone who left a room can no longer read or write it", async () => {
    const token = await guestToken(server.url, "leaver");
    await http(server.url, "POST", "/api/rooms/public-talk/join", { token });
    expect((await http(server.url, "POST", "/api/rooms/public-talk/leave", { token })).body).toEqual({ ok: true });
    expect((await http(server.url, "GET", "/api/messages?room=public-talk", { token })).status).toBe(404);
    const socket = await rawSocket(server.url, token);
    sockets.push(socket);
    expect(await ask(socket, "send_message", { room: "public-talk", text: "still here?", clientMsgId: "l-1" })).toMatchObject({
      ok: false,
      error: { code: "NOT_FOUND" },
    });
  });

  it("without a session nothing but signing in is answered", async () => {
    for (const [method, path] of [
      ["GET", "/api/messages"],
      ["GET", "/api/users/online"],
      ["GET", "/api/rooms"],
      ["GET", "/api/me"],
      ["POST", "/api/auth/logout"],
    ] as const) {
      const answer = await http(server.url, method, path);
      expect(answer.status, path).toBe(401);
      expect(answer.body, path).toMatchObject({ error: { code: "UNAUTHORIZED" } });
    }
  });
});
