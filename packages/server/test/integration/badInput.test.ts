import { errorResponseSchema, historyPageSchema } from "@natter/protocol";
import type { Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ask, guestToken, http, rawSocket } from "../support/http.js";
import { startNatter, type RunningNatter } from "../support/server.js";
import { eventually } from "../support/wait.js";

describe("bad input", { timeout: 60_000 }, () => {
  let server: RunningNatter;
  let token: string;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    server = await startNatter();
    token = await guestToken(server.url, "alice");
  }, 60_000);
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(() => server.cleanup(), 60_000);

  async function socket(): Promise<Socket> {
    const opened = await rawSocket(server.url, token);
    sockets.push(opened);
    return opened;
  }

  /** Proof that the server still serves: a normal send is stored and read back. */
  async function stillServing(tag: string): Promise<void> {
    const sent = await http(server.url, "POST", "/api/rooms/general/messages", { token, body: { text: `still here ${tag}`, clientMsgId: `alive-${tag}` } });
    expect(sent.status).toBe(201);
    const page = historyPageSchema.parse((await http(server.url, "GET", "/api/messages?limit=1", { token })).body);
    expect(page.messages[0]?.clientMsgId).toBe(`alive-${tag}`);
  }

  const send = (body: unknown, room = "general") => http(server.url, "POST", `/api/rooms/${encodeURIComponent(room)}/messages`, { token, body });

  describe("over HTTP every refusal is { error: { code, message } } with its status", () => {
    const cases: [string, () => ReturnType<typeof http>, number, string][] = [
      ["malformed JSON", () => http(server.url, "POST", "/api/rooms/general/messages", { token, raw: '{"text": "hi", ' }), 400, "BAD_REQUEST"],
      ["a body that is not an object", () => http(server.url, "POST", "/api/rooms/general/messages", { token, raw: '"just a string"' }), 400, "BAD_REQUEST"],
      ["text of the wrong type", () => send({ text: 42, clientMsgId: "t-1" }), 400, "BAD_REQUEST"],
      ["a missing clientMsgId", () => send({ text: "hi" }), 400, "BAD_REQUEST"],
      ["a clientMsgId with spaces", () => send({ text: "hi", clientMsgId: "has spaces" }), 400, "BAD_REQUEST"],
      ["empty text", () => send({ text: "", clientMsgId: "t-2" }), 400, "BAD_REQUEST"],
      ["whitespace-only text", () => send({ text: "   \n ", clientMsgId: "t-3" }), 400, "BAD_REQUEST"],
      ["text over 4,000 characters", () => send({ text: "😀".repeat(4_001), clientMsgId: "t-4" }), 400, "MESSAGE_TOO_LONG"],
      ["text with a NUL", () => send({ text: "a\u0000b", clientMsgId: "t-5" }), 400, "BAD_REQUEST"],
      [
        "text with a lone surrogate",
        () => http(server.url, "POST", "/api/rooms/general/messages", { token, raw: '{"text":"a\\ud800b","clientMsgId":"t-6"}' }),
        400,
        "BAD_REQUEST",
      ],
      ["an unknown room", () => send({ text: "hi", clientMsgId: "t-7" }, "no-such-room"), 404, "NOT_FOUND"],
      ["a room name that cannot exist", () => send({ text: "hi", clientMsgId: "t-8" }, "bad name!"), 400, "BAD_REQUEST"],
      ["a body over 64 KB", () => send({ text: "x".repeat(70_000), clientMsgId: "t-9" }), 413, "PAYLOAD_TOO_LARGE"],
      ["a one-letter user name", () => http(server.url, "POST", "/api/auth/guest", { body: { username: "a" } }), 400, "BAD_REQUEST"],
      ["a user name with a zero-width space", () => http(server.url, "POST", "/api/auth/guest", { body: { username: "bo\u200bb" } }), 400, "BAD_REQUEST"],
      ["a user name with a bidi override", () => http(server.url, "POST", "/api/auth/guest", { body: { username: "\u202ebob" } }), 400, "BAD_REQUEST"],
      ["a user name of 33 characters", () => http(server.url, "POST", "/api/auth/guest", { body: { username: "b".repeat(33) } }), 400, "BAD_REQUEST"],
      ["a short password", () => http(server.url, "POST", "/api/auth/register", { body: { username: "carol", password: "short" } }), 400, "BAD_REQUEST"],
      ["a room name with a space", () => http(server.url, "POST", "/api/rooms", { token, body: { name: "two words" } }), 400, "BAD_REQUEST"],
      ["an unknown API path", () => http(server.url, "GET", "/api/no-such-thing", { token }), 404, "NOT_FOUND"],
      [
        "a body with a Latin-1 byte (E9)",
        () => http(server.url, "POST", "/api/rooms/general/messages", { token, raw: latin1('{"text":"caf\u00e9","clientMsgId":"u-1"}') }),
        400,
        "BAD_REQUEST",
      ],
      [
        "a body starting with a UTF-16 mark (FF FE)",
        () =>
          http(server.url, "POST", "/api/rooms/general/messages", {
            token,
            raw: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"text":"hi","clientMsgId":"u-2"}')]),
          }),
        400,
        "BAD_REQUEST",
      ],
      [
        "text with a lone C3 byte",
        () =>
          http(server.url, "POST", "/api/rooms/general/messages", {
            token,
            raw: Buffer.concat([Buffer.from('{"text":"a'), Buffer.from([0xc3]), Buffer.from('b","clientMsgId":"u-3"}')]),
          }),
        400,
        "BAD_REQUEST",
      ],
    ];

    it.each(cases)("%s", async (tag, request, status, code) => {
      const answer = await request();
      expect(answer.status).toBe(status);
      expect(errorResponseSchema.parse(answer.body).error.code).toBe(code);
      await stillServing(tag.replace(/[^a-z0-9]+/gi, "-"));
    });

    it("a message of exactly 4,000 characters (emoji count as one) is accepted", async () => {
      expect((await send({ text: "😀".repeat(4_000), clientMsgId: "exactly-4000" })).status).toBe(201);
    });
  });

  it("names a refused field and its rule, so that a client words it for its reader instead of showing the path", async () => {
    const short = await http(server.url, "POST", "/api/auth/register", { body: { username: "carol", password: "abc" } });
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({ error: { code: "BAD_REQUEST", field: "password", rule: "too_short", limit: 8 } });
    const missing = await send({ clientMsgId: "no-text" });
    expect(missing.body).toMatchObject({ error: { code: "BAD_REQUEST", field: "text", rule: "required" } });
    const connection = await socket();
    const tooLong = await ask(connection, "typing", { room: "r".repeat(500) });
    expect(tooLong).toMatchObject({ ok: false, error: { code: "BAD_REQUEST", field: "room", rule: "too_long" } });
  });

  describe("over the socket every refusal is { ok: false, error } and the connection stays up", () => {
    const cases: [string, string, unknown, string][] = [
      ["a payload that is not an object", "send_message", "hello", "BAD_REQUEST"],
      ["a null payload", "join", null, "BAD_REQUEST"],
      ["text of the wrong type", "send_message", { room: "general", text: ["hi"], clientMsgId: "s-1" }, "BAD_REQUEST"],
      ["empty text", "send_message", { room: "general", text: "", clientMsgId: "s-2" }, "BAD_REQUEST"],
      ["text over 4,000 characters", "send_message", { room: "general", text: "x".repeat(4_001), clientMsgId: "s-3" }, "MESSAGE_TOO_LONG"],
      ["text with a NUL", "send_message", { room: "general", text: "\u0000", clientMsgId: "s-4" }, "BAD_REQUEST"],
      ["text with a lone surrogate", "send_message", { room: "general", text: "\udfff", clientMsgId: "s-5" }, "BAD_REQUEST"],
      ["an unknown room", "join", { room: "no-such-room" }, "NOT_FOUND"],
      ["a bad room name", "join", { room: "\u200bgeneral" }, "BAD_REQUEST"],
      ["a history limit over 100", "history", { room: "general", limit: 101 }, "BAD_REQUEST"],
      ["typing that is not a boolean", "typing", { room: "general", typing: "yes" }, "BAD_REQUEST"],
      ["a __proto__ key", "send_message", JSON.parse('{"room":"general","text":"hi","clientMsgId":"s-6","__proto__":{"polluted":true}}'), "BAD_REQUEST"],
      ["a nested __proto__ key", "join", JSON.parse('{"room":"general","extra":{"__proto__":{"polluted":true}}}'), "BAD_REQUEST"],
      ["a constructor.prototype key", "history", { room: "general", constructor: { prototype: { polluted: true } } }, "BAD_REQUEST"],
    ];

    it.each(cases)("%s", async (_tag, event, payload, code) => {
      const connection = await socket();
      expect(await ask(connection, event, payload)).toMatchObject({ ok: false, error: { code, message: expect.any(String) } });
      expect(await ask(connection, "join", { room: "general" })).toMatchObject({ ok: true });
      expect(connection.connected).toBe(true);
    });

    it("an unknown event, or a known one with an ack and no payload, is answered with a refusal rather than silence", async () => {
      const connection = await socket();
      expect(await ask(connection, "frobnicate", { room: "general" })).toMatchObject({
        ok: false,
        error: { code: "BAD_REQUEST", message: "Unknown event frobnicate" },
      });
      expect(await connection.timeout(10_000).emitWithAck("join")).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
      expect(await ask(connection, "join", { room: "general" })).toMatchObject({ ok: true });
    });

    it("an unknown event and events without an ack change nothing and the connection keeps working", async () => {
      const connection = await socket();
      connection.emit("frobnicate", { room: "general" });
      connection.emit("send_message", { room: "general", text: "no ack wanted", clientMsgId: "no-ack-1" });
      connection.emit("send_message", { room: "general", text: "" });
      connection.emit("join");
      await eventually(async () => {
        const page = historyPageSchema.parse((await http(server.url, "GET", "/api/messages?limit=5", { token })).body);
        expect(page.messages.map((m) => m.clientMsgId)).toContain("no-ack-1");
      });
      expect(await ask(connection, "send_message", { room: "general", text: "after the noise", clientMsgId: "after-noise" })).toMatchObject({ ok: true });
      expect(connection.connected).toBe(true);
    });

    it("a frame over 64 KB closes only that connection; others and the server carry on", async () => {
      const bystander = await socket();
      const offender = await socket();
      const closed = new Promise<string>((resolve) => offender.once("disconnect", resolve));
      offender.emit("send_message", { room: "general", text: "x".repeat(70_000), clientMsgId: "huge-1" });
      expect(await closed).toMatch(/transport close|transport error|server/);
      expect(await ask(bystander, "send_message", { room: "general", text: "unaffected", clientMsgId: "bystander-1" })).toMatchObject({ ok: true });
      const page = historyPageSchema.parse((await http(server.url, "GET", "/api/messages?limit=10", { token })).body);
      expect(page.messages.map((m) => m.clientMsgId)).not.toContain("huge-1");
      await stillServing("after-big-frame");
    });
  });
});

/** The bytes of a string one byte per character, as a Latin-1 client would send them. */
function latin1(text: string): Buffer {
  return Buffer.from(text, "latin1");
}
