import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNatter, type RunningNatter } from "../support/server.js";
import { onEveryStore } from "../support/stores.js";
import { ack, call, connected, guestToken, rawSocket, registeredToken } from "./support/api.js";
import { query } from "./support/database.js";

const PASSWORD = "correct horse battery";

onEveryStore((store, start) => {
  describe(`on ${store}, accounts give nothing away`, () => {
    let server: RunningNatter;
    let done: () => Promise<void>;
    beforeAll(async () => ({ server, done } = await start()));
    afterAll(() => done());

    it("a stored password is an argon2id hash with at least OWASP's minimum cost (19 MiB, 2 passes, 1 lane)", async () => {
      await registeredToken(server.url, "hashed", PASSWORD);
      const [row] = await query<{ password_hash: string }>(server, "select password_hash from users where username = ?", ["hashed"]);
      const parameters = row?.password_hash.match(/^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/);
      expect(parameters, row?.password_hash).not.toBeNull();
      const [memory, passes, lanes] = (parameters ?? []).slice(1).map(Number);
      expect(memory).toBeGreaterThanOrEqual(19_456);
      expect(passes).toBeGreaterThanOrEqual(2);
      expect(lanes).toBeGreaterThanOrEqual(1);
      expect(row?.password_hash).not.toContain(PASSWORD);
    });

    it("a wrong password and an unknown name get the very same answer at log-in", async () => {
      await registeredToken(server.url, "existing", PASSWORD);
      await guestToken(server.url, "a-guest");
      const answers = await Promise.all(
        [
          { username: "existing", password: "not the password" },
          { username: "nobody-here", password: "not the password" },
          { username: "a-guest", password: "not the password" },
          { username: "EXISTING", password: "not the password" },
          { username: "exist\u0000ing", password: "not the password" },
          { username: "\ud800", password: "not the password" },
        ].map((body) => call(server.url, { method: "POST", path: "/api/auth/login", body })),
      );
      const seen = answers.map((answer) => ({ status: answer.status, body: answer.body, cookie: answer.headers.get("set-cookie") }));
      expect(seen[0]).toEqual({ status: 401, body: { error: { code: "INVALID_CREDENTIALS", message: "Wrong username or password" } }, cookie: null });
      for (const other of seen.slice(1)) expect(other).toEqual(seen[0]);
    });

    it("the 11th failed log-in to one account within 15 minutes is refused with 429, even with the right password", async () => {
      await registeredToken(server.url, "target", PASSWORD);
      for (let attempt = 1; attempt <= 10; attempt++) {
        const answer = await call(server.url, { method: "POST", path: "/api/auth/login", body: { username: "target", password: `guess ${attempt}` } });
        expect(answer.status, `attempt ${attempt}`).toBe(401);
      }
      const eleventh = await call(server.url, { method: "POST", path: "/api/auth/login", body: { username: "target", password: PASSWORD } });
      expect(eleventh.status).toBe(429);
      expect(eleventh.body).toMatchObject({ error: { code: "RATE_LIMITED" } });
      // An unknown name is throttled alike, so the lock-out reveals nothing either.
      for (let attempt = 1; attempt <= 10; attempt++)
        await call(server.url, { method: "POST", path: "/api/auth/login", body: { username: "ghost-target", password: `guess ${attempt}` } });
      const ghost = await call(server.url, { method: "POST", path: "/api/auth/login", body: { username: "ghost-target", password: PASSWORD } });
      // The same answer but for the wait, which counts down from each name's own first failure.
      const withoutWait = (answer: typeof ghost) => ({
        status: answer.status,
        body: { error: { ...(answer.body as { error: object }).error, retryAfterMs: 0 } },
      });
      expect(withoutWait(ghost)).toEqual(withoutWait(eleventh));
    });
  });
});

describe("sending too fast", () => {
  let server: RunningNatter;
  beforeAll(async () => (server = await startNatter({ messagesPerSecond: 1 })));
  afterAll(() => server.cleanup());

  it("a user who floods a room is told RATE_LIMITED on the socket and 429 over REST, and others can still send", async () => {
    const token = await guestToken(server.url, "flooder");
    const socket = rawSocket(server.url, { token });
    await connected(socket);
    const acks = (await Promise.all(
      Array.from({ length: 30 }, (_, i) => ack(socket, "send_message", { room: "general", text: `spam ${i}`, clientMsgId: `flood-${i}` })),
    )) as { ok: boolean; error?: { code: string; message: string } }[];
    const refused = acks.filter((answer) => !answer.ok);
    expect(acks.filter((answer) => answer.ok).length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused)
      expect(answer.error).toEqual({ code: "RATE_LIMITED", message: "You are sending too fast; slow down", retryAfterMs: expect.any(Number) });

    const viaRest = await call(server.url, { method: "POST", path: "/api/rooms/general/messages", token, body: { text: "more", clientMsgId: "flood-rest" } });
    expect(viaRest.status).toBe(429);
    expect(viaRest.body).toMatchObject({ error: { code: "RATE_LIMITED" } });

    const other = await guestToken(server.url, "patient");
    const calm = await call(server.url, { method: "POST", path: "/api/rooms/general/messages", token: other, body: { text: "hello", clientMsgId: "calm-1" } });
    expect(calm.status).toBe(201);
    socket.close();
  });
});
