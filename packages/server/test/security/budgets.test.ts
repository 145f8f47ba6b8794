import { NatterClient } from "@natter/client";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTION_BUDGETS } from "../../src/domain/limits.js";
import { startNatter, type RunningNatter } from "../support/server.js";
import { ack, call, connected, guestToken, rawSocket, type Answer } from "./support/api.js";

interface Refusal {
  ok: false;
  error: { code: string; message: string; retryAfterMs?: number };
}
type Acked = { ok: true; message?: { id: number } } | Refusal;

function tally(acks: Acked[]): { accepted: number; refused: Refusal[] } {
  const refused = acks.filter((a): a is Refusal => !a.ok);
  return { accepted: acks.length - refused.length, refused };
}

/** Every refusal past a budget says so, and when to come back. */
function expectRateLimited(refused: Refusal[]): void {
  expect(refused.length).toBeGreaterThan(0);
  for (const refusal of refused) {
    expect(refusal.error.code).toBe("RATE_LIMITED");
    expect(refusal.error.retryAfterMs).toBeGreaterThan(0);
  }
}

function expectRetryAfter(answer: Answer): void {
  expect(answer.status).toBe(429);
  expect(answer.body).toMatchObject({ error: { code: "RATE_LIMITED" } });
  const retryAfterMs = (answer.body as { error: { retryAfterMs: number } }).error.retryAfterMs;
  expect(Number(answer.headers.get("retry-after"))).toBe(Math.ceil(retryAfterMs / 1000));
  expect(retryAfterMs).toBeGreaterThan(0);
}

describe("per-user budgets beyond sends (the default MESSAGE_RATE)", () => {
  let server: RunningNatter;
  const sockets: Socket[] = [];
  beforeAll(async () => (server = await startNatter({ messagesPerSecond: 20 })));
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.cleanup();
  });

  async function person(name: string): Promise<{ token: string; socket: Socket }> {
    const token = await guestToken(server.url, name);
    const socket = rawSocket(server.url, { token });
    sockets.push(socket);
    await connected(socket);
    return { token, socket };
  }

  it("a burst of edits is cut at the edit budget, and the room hears only the accepted ones", async () => {
    const writer = await person("quick-editor");
    const watcher = await person("edit-watcher");
    const updates: unknown[] = [];
    watcher.socket.on("message_updated", (message: unknown) => updates.push(message));
    const sent = (await ack(writer.socket, "send_message", { room: "general", text: "draft", clientMsgId: "edit-burst-root" })) as { message: { id: number } };
    const acks = (await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        ack(writer.socket, "edit_message", { room: "general", id: sent.message.id, text: `version ${i} ${"x".repeat(3000)}` }),
      ),
    )) as Acked[];
    const { accepted, refused } = tally(acks);
    expect(accepted).toBeGreaterThanOrEqual(ACTION_BUDGETS.edits.burst);
    expect(accepted).toBeLessThan(ACTION_BUDGETS.edits.burst + 5);
    expectRateLimited(refused);
    // The sentinel arrives after every update the burst caused: none was fanned out beyond the accepted ones.
    const sentinel = arrival(watcher.socket, "sentinel");
    await ack(writer.socket, "send_message", { room: "general", text: "sentinel", clientMsgId: "edit-burst-sentinel" });
    await sentinel;
    expect(updates).toHaveLength(accepted);
  });

  it("deletes share the edit budget, and REST refusals carry Retry-After", async () => {
    const writer = await person("quick-deleter");
    const ids: number[] = [];
    for (let i = 0; i < ACTION_BUDGETS.edits.burst + 5; i++) {
      const sent = (await ack(writer.socket, "send_message", { room: "general", text: `doomed ${i}`, clientMsgId: `doomed-${i}` })) as {
        message: { id: number };
      };
      ids.push(sent.message.id);
    }
    const answers = await Promise.all(ids.map((id) => call(server.url, { method: "DELETE", path: `/api/rooms/general/messages/${id}`, token: writer.token })));
    const limited = answers.filter((answer) => answer.status === 429);
    expect(answers.filter((answer) => answer.status === 200).length).toBeGreaterThanOrEqual(ACTION_BUDGETS.edits.burst);
    expect(limited.length).toBeGreaterThan(0);
    for (const answer of limited) expectRetryAfter(answer);
  });

  it("a burst of reaction toggles is cut at the reaction budget", async () => {
    const writer = await person("quick-reactor");
    const sent = (await ack(writer.socket, "send_message", { room: "general", text: "react to me", clientMsgId: "react-burst-root" })) as {
      message: { id: number };
    };
    const acks = (await Promise.all(
      Array.from({ length: 80 }, (_, i) => ack(writer.socket, "react", { room: "general", id: sent.message.id, emoji: "👍", on: i % 2 === 0 })),
    )) as Acked[];
    const { accepted, refused } = tally(acks);
    expect(accepted).toBeGreaterThanOrEqual(ACTION_BUDGETS.reactions.burst);
    expect(accepted).toBeLessThan(ACTION_BUDGETS.reactions.burst + 5);
    expectRateLimited(refused);
  });

  it("typing repeated as fast as a client can reaches the room once, and past the typing budget is refused", async () => {
    const typist = await person("fast-typist");
    const watcher = await person("typing-watcher");
    const notices: { typing: boolean }[] = [];
    watcher.socket.on("typing", (notice: { typing: boolean }) => notices.push(notice));
    const acks = (await Promise.all(Array.from({ length: 200 }, () => ack(typist.socket, "typing", { room: "general", typing: true })))) as Acked[];
    const { accepted, refused } = tally(acks);
    expect(accepted).toBeLessThan(ACTION_BUDGETS.typing.burst + 3);
    expectRateLimited(refused);
    const sentinel = arrival(watcher.socket, "typed it");
    await ack(typist.socket, "send_message", { room: "general", text: "typed it", clientMsgId: "typing-sentinel" });
    await sentinel;
    // One "started", then the send ends it.
    expect(notices.map((n) => n.typing)).toEqual([true, false]);
  });

  it("past any budget, someone outside a private room still gets exactly the answers of a missing room", async () => {
    const owner = await person("budget-owner");
    const outsider = await person("budget-outsider");
    await call(server.url, { method: "POST", path: "/api/rooms", token: owner.token, body: { name: "budget-secret", private: true } });
    const sent = (await ack(owner.socket, "send_message", { room: "budget-secret", text: "hidden", clientMsgId: "budget-hidden" })) as {
      message: { id: number };
    };
    const burst = (room: string) =>
      Promise.all([
        ...Array.from({ length: 30 }, () => ack(outsider.socket, "react", { room, id: sent.message.id, emoji: "👍", on: true })),
        ...Array.from({ length: 15 }, () => ack(outsider.socket, "edit_message", { room, id: sent.message.id, text: "mine now" })),
        ...Array.from({ length: 10 }, () => ack(outsider.socket, "typing", { room, typing: true })),
      ]);
    const codes = (acks: unknown[]) => (acks as Acked[]).map((a) => (a.ok ? "ok" : a.error.code));
    const [secret, missing] = [codes(await burst("budget-secret")), codes(await burst("budget-nowhere"))];
    expect(secret).toEqual(missing);
    expect(secret.every((code) => code === "NOT_FOUND")).toBe(true);
  });

  it("creating rooms is budgeted too", async () => {
    const { token } = await person("room-maker");
    const answers = await Promise.all(
      Array.from({ length: ACTION_BUDGETS.roomChanges.burst + 5 }, (_, i) =>
        call(server.url, { method: "POST", path: "/api/rooms", token, body: { name: `burst-room-${i}` } }),
      ),
    );
    expect(answers.filter((answer) => answer.status === 201).length).toBeGreaterThanOrEqual(ACTION_BUDGETS.roomChanges.burst);
    const limited = answers.filter((answer) => answer.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    for (const answer of limited) expectRetryAfter(answer);
  });
});

describe("the SDK told to wait", () => {
  let server: RunningNatter;
  beforeAll(async () => (server = await startNatter({ messagesPerSecond: 1 })));
  afterAll(async () => server.cleanup());

  it("sends past the burst wait as long as retryAfterMs says, rather than asking again and again", async () => {
    const client = new NatterClient({ url: server.url, transports: ["websocket"] });
    await client.guest("patient-sender");
    await client.connect();
    const sends = server.natter.domain.limits.actions.sends;
    const take = sends.take.bind(sends);
    let refused = 0;
    sends.take = async (key) => {
      const waitMs = await take(key);
      if (waitMs > 0) refused++;
      return waitMs;
    };
    // The burst is 10; the 11th and 12th each need a second's token.
    for (let i = 0; i < 12; i++) await client.send("general", `patient ${i}`);
    client.close();
    // Each waits once as told; guessing with backoff from 200 ms asks two or three times per message.
    expect(refused).toBeLessThanOrEqual(3);
  });
});

describe("new accounts per address (SIGNUP_RATE)", () => {
  let server: RunningNatter;
  let behindProxy: RunningNatter;
  beforeAll(async () => {
    server = await startNatter({ signupRate: 3 });
    behindProxy = await startNatter({ signupRate: 1, trustProxy: true });
  });
  afterAll(async () => {
    await server.cleanup();
    await behindProxy.cleanup();
  });

  it("one address gets SIGNUP_RATE guests and accounts a minute, then 429 with Retry-After", async () => {
    const first = await Promise.all([
      call(server.url, { method: "POST", path: "/api/auth/guest", body: { username: "signup-1" } }),
      call(server.url, { method: "POST", path: "/api/auth/guest", body: { username: "signup-2" } }),
      call(server.url, { method: "POST", path: "/api/auth/register", body: { username: "signup-3", password: "correct horse battery" } }),
    ]);
    expect(first.map((answer) => answer.status)).toEqual([201, 201, 201]);
    const guest = await call(server.url, { method: "POST", path: "/api/auth/guest", body: { username: "signup-4" } });
    const account = await call(server.url, { method: "POST", path: "/api/auth/register", body: { username: "signup-5", password: "correct horse battery" } });
    for (const answer of [guest, account]) expectRetryAfter(answer);
    // A minute's budget of 3 refills one every 20 s.
    expect(Number(guest.headers.get("retry-after"))).toBeGreaterThan(15);
    expect(Number(guest.headers.get("retry-after"))).toBeLessThanOrEqual(20);
    // Nothing was created by a refused request.
    expect((await call(server.url, { method: "GET", path: "/api/users/signup-4", token: await loginToken(server.url, "signup-3") })).status).toBe(404);
  });

  it("a crowd from many addresses is slowed once it passes the server-wide budget", async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 31; i++) {
      answers.push(
        await call(behindProxy.url, {
          method: "POST",
          path: "/api/auth/guest",
          body: { username: `crowd-${i}` },
          headers: { "x-forwarded-for": `198.51.100.${i + 1}` },
        }),
      );
    }
    expect(answers.slice(0, 30).every((answer) => answer.status === 201)).toBe(true);
    expectRetryAfter(answers[30] as Answer);
  });
});

describe("failed log-ins", () => {
  let server: RunningNatter;
  beforeAll(async () => (server = await startNatter()));
  afterAll(async () => server.cleanup());

  it("the lock-out answers 429 with Retry-After counting down the 15 minutes", async () => {
    for (let attempt = 0; attempt < 10; attempt++) {
      expect((await call(server.url, { method: "POST", path: "/api/auth/login", body: { username: "locked-out", password: `guess ${attempt}` } })).status).toBe(
        401,
      );
    }
    const locked = await call(server.url, { method: "POST", path: "/api/auth/login", body: { username: "locked-out", password: "guess 11" } });
    expectRetryAfter(locked);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(14 * 60);
    expect(Number(locked.headers.get("retry-after"))).toBeLessThanOrEqual(15 * 60);
  });
});

/** Resolves when a message with this text reaches the socket; set up before the send, so it cannot be missed. */
function arrival(socket: Socket, text: string): Promise<void> {
  return new Promise((resolve) => {
    const seen = (message: { text: string }) => {
      if (message.text !== text) return;
      socket.off("message", seen);
      resolve();
    };
    socket.on("message", seen);
  });
}

async function loginToken(url: string, username: string): Promise<string> {
  const answer = await call(url, { method: "POST", path: "/api/auth/login", body: { username, password: "correct horse battery" } });
  return (answer.body as { token: string }).token;
}
