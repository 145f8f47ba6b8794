import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ack, call, connected, guestToken, rawSocket, registeredToken, type Answer } from "../security/support/api.js";
import type { RunningNatter } from "../support/server.js";
import { onEveryStore } from "../support/stores.js";
import { ackProblems, answerProblems, watchProcess } from "./support/outcomes.js";
import { openRawConnection } from "./support/rawSocket.js";

const DEEP = 100_000;
const deepArray = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
const deepObject = (depth: number) => `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((part) => (typeof part === "string" ? Buffer.from(part, "utf8") : Buffer.from(part))));

/** HTTP requests no honest client sends; each with the status it must get (a 4xx, never a 5xx). */
function hostileRequests(
  room: string,
  messageId: number,
): { what: string; method: string; path: string; raw?: string | Uint8Array; body?: unknown; contentType?: string; expect: number }[] {
  const send = `/api/rooms/${room}/messages`;
  return [
    { what: "a body past the 64 KB limit", method: "POST", path: send, raw: JSON.stringify({ text: "x".repeat(70_000), clientMsgId: "big" }), expect: 413 },
    { what: `${DEEP}-deep nested arrays`, method: "POST", path: send, raw: deepArray(DEEP), expect: 413 },
    { what: "30,000-deep nested arrays, under the size limit", method: "POST", path: send, raw: deepArray(30_000), expect: 400 },
    { what: "10,000-deep nested objects as the text", method: "POST", path: send, raw: `{"text":${deepObject(10_000)},"clientMsgId":"deep"}`, expect: 400 },
    { what: "invalid UTF-8 bytes in the JSON", method: "POST", path: "/api/rooms", raw: bytes('{"name":"bad', [0xff, 0xfe, 0xc0, 0x80], '"}'), expect: 400 },
    {
      what: "invalid UTF-8 in a message",
      method: "POST",
      path: send,
      raw: bytes('{"text":"caf', [0xc3, 0x28, 0xed, 0xa0, 0x80], '","clientMsgId":"utf8"}'),
      expect: 400,
    },
    { what: "a lone surrogate escaped in JSON", method: "POST", path: send, raw: '{"text":"a\\ud800b","clientMsgId":"lone"}', expect: 400 },
    { what: "a NUL escaped in JSON", method: "POST", path: send, raw: '{"text":"a\\u0000b","clientMsgId":"nul"}', expect: 400 },
    {
      what: "a number beyond 64 bits as a reply target",
      method: "POST",
      path: send,
      raw: '{"text":"hi","clientMsgId":"huge1","replyTo":100000000000000000000000}',
      expect: 400,
    },
    { what: "1e309 (Infinity) as a read position", method: "PUT", path: `/api/rooms/${room}/read`, raw: '{"seq":1e309}', expect: 400 },
    { what: "2^63 as a read position", method: "PUT", path: `/api/rooms/${room}/read`, raw: '{"seq":9223372036854775808}', expect: 400 },
    { what: "a message id beyond 64 bits in the path", method: "GET", path: `/api/rooms/${room}/messages/99999999999999999999999/thread`, expect: 400 },
    { what: "a message id of 2^53 + 1 in the path", method: "PATCH", path: `/api/rooms/${room}/messages/9007199254740993`, body: { text: "x" }, expect: 400 },
    { what: "a negative id", method: "DELETE", path: `/api/rooms/${room}/messages/-1`, expect: 400 },
    { what: "a preview of a message id beyond 64 bits", method: "DELETE", path: `/api/rooms/${room}/messages/99999999999999999999999/preview`, expect: 400 },
    { what: "a history page after 2^62", method: "GET", path: `/api/messages?room=${room}&after=4611686018427387904`, expect: 400 },
    { what: "a history page at a time with NUL in it", method: "GET", path: `/api/messages?room=${room}&at=2026-01-01T00:00:00Z%00`, expect: 400 },
    { what: "a history page at the year 0", method: "GET", path: `/api/messages?room=${room}&at=0000-01-01T00:00:00Z`, expect: 200 },
    { what: "a search before 1e20", method: "GET", path: `/api/search?q=hi&before=100000000000000000000`, expect: 400 },
    { what: "changes since 1e300", method: "GET", path: `/api/rooms/${room}/changes?sinceRev=1e300`, expect: 400 },
    { what: "a __proto__ key", method: "POST", path: "/api/rooms", raw: '{"name":"proto-room","__proto__":{"admin":true}}', expect: 400 },
    {
      what: "a constructor.prototype key",
      method: "PATCH",
      path: "/api/me",
      raw: '{"status":"hi","constructor":{"prototype":{"polluted":true}}}',
      expect: 400,
    },
    { what: "operator objects at log-in", method: "POST", path: "/api/auth/login", body: { username: { $gt: "" }, password: { $gt: "" } }, expect: 400 },
    { what: "an operator object as a room name", method: "POST", path: "/api/rooms", body: { name: { $ne: null } }, expect: 400 },
    { what: "an operator in the query string (an unknown key, ignored)", method: "GET", path: `/api/messages?room[$gt]=&limit[$gt]=0`, expect: 200 },
    { what: "a profile change that changes nothing (only unknown keys)", method: "PATCH", path: "/api/me", body: { junk: 1 }, expect: 200 },
    { what: "a room change that changes nothing", method: "PATCH", path: `/api/rooms/${room}`, body: {}, expect: 200 },
    { what: "an array where a string belongs", method: "POST", path: send, body: { text: ["a", "b"], clientMsgId: "arr" }, expect: 400 },
    { what: "a message id of the wrong room", method: "GET", path: `/api/rooms/general/messages/${messageId}/thread`, expect: 404 },
    { what: "malformed JSON", method: "POST", path: send, raw: '{"text": "hi",', expect: 400 },
    { what: "an empty JSON body", method: "POST", path: send, raw: "", expect: 400 },
    { what: "JSON sent as text/plain", method: "POST", path: send, raw: '{"text":"hi","clientMsgId":"plain"}', contentType: "text/plain", expect: 400 },
    { what: "JSON sent as XML", method: "POST", path: send, raw: "<text>hi</text>", contentType: "application/xml", expect: 415 },
    { what: "a path with a malformed escape", method: "GET", path: "/api/rooms/%E0%A4%A", expect: 400 },
    { what: "a path part past Fastify's length limit", method: "GET", path: `/api/users/${"a".repeat(500)}`, expect: 400 },
    { what: "an address longer than Node accepts", method: "GET", path: `/api/search?q=${"a".repeat(20_000)}`, expect: 431 },
    { what: "retention of 1e309 days", method: "PUT", path: `/api/rooms/${room}/retention`, raw: '{"days":1e309}', expect: 400 },
    { what: "retention of -1 days", method: "PUT", path: `/api/rooms/${room}/retention`, body: { days: -1 }, expect: 400 },
    { what: "retention days as text", method: "PUT", path: `/api/rooms/${room}/retention`, body: { days: "30" }, expect: 400 },
    { what: "an archive id that walks up the path", method: "GET", path: "/api/me/data-exports/..%2F..%2F..%2Fetc%2Fpasswd/download", expect: 400 },
    { what: "an archive id nobody has", method: "GET", path: "/api/me/data-exports/00000000-0000-0000-0000-000000000000/download", expect: 404 },
    { what: "an operator object as the password to delete an account", method: "DELETE", path: "/api/me", body: { password: { $gt: "" } }, expect: 400 },
    { what: "a password past its length to delete an account", method: "DELETE", path: "/api/me", body: { password: "x".repeat(300) }, expect: 400 },
    { what: "JSON as an avatar", method: "PUT", path: "/api/me/avatar", body: { picture: "x" }, expect: 415 },
    { what: "an avatar square at 1e309", method: "PUT", path: "/api/me/avatar?x=1e309&size=10", raw: "x", contentType: "image/png", expect: 400 },
    { what: "an avatar square of -5 pixels", method: "PUT", path: "/api/me/avatar?size=-5", raw: "x", contentType: "image/png", expect: 400 },
    { what: "an avatar version that walks up the path", method: "GET", path: "/api/avatars/1/..%2F..%2Fetc%2Fpasswd", expect: 400 },
    { what: "an avatar of a user id beyond 2^53", method: "GET", path: "/api/avatars/9007199254740993/abc", expect: 400 },
    { what: "an avatar version nobody has", method: "GET", path: "/api/avatars/1/abc", expect: 404 },
    { what: "101 ids to look up", method: "GET", path: `/api/people/by-id?ids=${Array.from({ length: 101 }, (_, i) => i + 1).join(",")}`, expect: 400 },
    { what: "ids that are not numbers", method: "GET", path: "/api/people/by-id?ids=1,two", expect: 400 },
    { what: "a NUL in a directory search (PostgreSQL would refuse it)", method: "GET", path: "/api/people?query=a%00b", expect: 400 },
    { what: "a directory page of 1e9 people", method: "GET", path: "/api/people?limit=1000000000", expect: 400 },
  ];
}

onEveryStore((store, start) => {
  describe(`on ${store}, hostile HTTP shapes`, () => {
    let server: RunningNatter;
    let done: () => Promise<void>;
    let token: string;
    const watcher = watchProcess();
    beforeAll(async () => {
      ({ server, done } = await start());
      await registeredToken(server.url, "operator", "correct horse battery");
      token = await guestToken(server.url, "mallory");
      await call(server.url, { method: "POST", path: "/api/rooms", token, body: { name: "target" } });
    });
    afterAll(async () => {
      watcher.stop();
      await done();
    });

    it("each is refused with its 4xx and a { code, message }, nothing is polluted, and the server keeps serving", async () => {
      const first = await call(server.url, { method: "POST", path: "/api/rooms/target/messages", token, body: { text: "first", clientMsgId: "first" } });
      const messageId = (first.body as { message: { id: number } }).message.id;
      const requests = hostileRequests("target", messageId);
      const problems: string[] = [];
      for (const request of requests) {
        let answer: Answer;
        try {
          answer = await call(server.url, { token, ...request });
        } catch (error) {
          problems.push(`${request.what}: the connection failed (${String(error)})`);
          continue;
        }
        problems.push(...answerProblems(request.what, answer));
        if (answer.status !== request.expect)
          problems.push(`${request.what}: expected ${request.expect}, got ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
      }
      expect(problems).toEqual([]);
      expect(({} as Record<string, unknown>).admin).toBeUndefined();
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      const me = await call(server.url, { method: "GET", path: "/api/me", token });
      expect(me.body).toMatchObject({ user: { role: "user" } });
      expect((await call(server.url, { method: "GET", path: "/healthz" })).status).toBe(200);
      expect(watcher.unhandled).toEqual([]);
      console.info(`hostile HTTP shapes on ${store}: ${requests.length} sent, 0 answered 5xx`);
    });
  });
});

/** Frames a raw websocket may carry; each is followed by a good request to see whether the connection lives on. */
const GARBAGE: { what: string; frame: string | Buffer; leaves?: boolean }[] = [
  { what: "an empty frame", frame: "" },
  { what: "an unknown Engine.IO type", frame: "9" },
  { what: "a bare message type", frame: "4" },
  { what: "an event without data", frame: "42" },
  { what: "truncated JSON", frame: '42["send_message",{"room":' },
  { what: "an empty event array", frame: "42[]" },
  { what: "a number as the event name", frame: "42[123,{}]" },
  { what: "null as the event name", frame: "421[null,{}]" },
  { what: "an object as the event name", frame: '42[{"toString":"join"},{}]' },
  { what: "an array as the event name", frame: '422[["join"],{"room":"general"}]' },
  { what: "__proto__ as the event name", frame: '423["__proto__",{"room":"general"}]' },
  { what: "constructor as the event name", frame: '424["constructor",{}]' },
  { what: "an unknown event with an ack", frame: '425["drop_database",{}]' },
  { what: "a known event without a payload", frame: '426["join"]' },
  { what: "an operator object as a room", frame: '427["join",{"room":{"$gt":""}}]' },
  { what: "a lone surrogate in a message", frame: '428["send_message",{"room":"general","text":"\\ud800","clientMsgId":"raw-lone"}]' },
  { what: "a NUL in a message", frame: '429["send_message",{"room":"general","text":"a\\u0000","clientMsgId":"raw-nul"}]' },
  { what: "a huge seq", frame: '4210["history",{"room":"general","after":1e309}]' },
  { what: "a date as a number", frame: '4214["history",{"room":"general","at":1e309}]' },
  { what: "a __proto__ payload", frame: '4211["send_message",{"__proto__":{"room":"general"},"text":"x","clientMsgId":"raw-proto"}]' },
  { what: `${DEEP}-deep nesting (past the frame limit)`, frame: `4212["history",${deepArray(DEEP)}]` },
  { what: "10,000-deep nesting as a payload", frame: `4213["history",${deepObject(10_000)}]` },
  { what: "a binary event that announces attachments it never sends", frame: '451-["send_message",{"_placeholder":true,"num":0}]' },
  { what: "random binary", frame: Buffer.from([0x00, 0xff, 0x13, 0x37, 0xde, 0xad, 0xbe, 0xef]) },
  {
    what: "invalid UTF-8 in a text-looking frame",
    frame: Buffer.concat([Buffer.from('42["typing",{"room":"'), Buffer.from([0xff, 0xfe]), Buffer.from('","typing":true}]')]),
  },
  { what: "an ack for a request never made", frame: '4399["ok"]' },
  { what: "a second CONNECT on the same namespace", frame: "40" },
  { what: "a connect to another namespace", frame: '40/admin,{"token":"x"}' },
  { what: "a disconnect packet followed by an event (the sender left; its events are ignored)", frame: "41", leaves: true },
  { what: "a frame past the 64 KB limit", frame: `42["typing",{"room":"${"x".repeat(70_000)}","typing":true}]` },
];

describe("raw Engine.IO garbage over a websocket", () => {
  let server: RunningNatter;
  let done: () => Promise<void>;
  let token: string;
  const watcher = watchProcess();
  beforeAll(async () => {
    const { startNatter } = await import("../support/server.js");
    server = await startNatter();
    done = () => server.cleanup();
    token = await guestToken(server.url, "garbler");
  });
  afterAll(async () => {
    watcher.stop();
    await done();
  });

  it("no frame crashes the server; acked ones get a { code, message } refusal; others may cost the sender its connection only", async () => {
    const problems: string[] = [];
    const outcomes = { answered: 0, closed: 0, left: 0 };
    for (const { what, frame, leaves } of GARBAGE) {
      const connection = await openRawConnection(server.url, token);
      connection.send(frame);
      const ackId = typeof frame === "string" ? frame.match(/^42(\d+)\[/)?.[1] : undefined;
      if (ackId !== undefined) {
        const reply = await connection.next((f) => f.startsWith(`43${ackId}[`), 1_000);
        if (reply !== "silent" && reply !== "closed") problems.push(...ackProblems(what, (JSON.parse(reply.slice(2 + ackId.length)) as unknown[])[0]));
      }
      connection.send('42777["history",{"room":"general","limit":1}]');
      const probe = await connection.next((f) => f.startsWith("43777["), 1_500);
      if (probe === "closed") outcomes.closed++;
      else if (probe.startsWith("43777[")) outcomes.answered++;
      else if (leaves && probe === "silent") outcomes.left++;
      else problems.push(`${what}: the connection neither answered nor closed`);
      connection.close();
    }
    expect(problems).toEqual([]);

    const alice = rawSocket(server.url, { token: await guestToken(server.url, "alice") });
    await connected(alice);
    expect(await ack(alice, "send_message", { room: "general", text: "still here", clientMsgId: "after-garbage" })).toMatchObject({ ok: true });
    alice.close();
    expect(watcher.unhandled).toEqual([]);
    console.info(
      `raw garbage: ${GARBAGE.length} frames, ${outcomes.answered} connections lived on, ${outcomes.closed} were closed, ${outcomes.left} had left, 0 crashes`,
    );
  });
});
