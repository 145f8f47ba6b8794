import fc from "fast-check";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ack, call, connected, guestToken, rawSocket, type Answer } from "../security/support/api.js";
import { startNatter, type RunningNatter } from "../support/server.js";
import { ackProblems, answerProblems, watchProcess } from "./support/outcomes.js";

/**
 * Random bursts of the budgeted actions with the default budgets on (the other fuzz runs lift them, as load tests
 * do): every refusal for going too fast must be a well-formed RATE_LIMITED that says when to come back.
 */
const SEED = process.env.FUZZ_SEED === "random" ? Date.now() % 2 ** 31 : Number(process.env.FUZZ_SEED ?? 20_261_204);
const RUNS = Math.max(20, Math.round(Number(process.env.FUZZ_RUNS ?? 300) / 10));

describe(`fast-check bursts against the default budgets (seed ${SEED}, ${RUNS} bursts each)`, () => {
  let server: RunningNatter;
  let token: string;
  let socket: Socket;
  let messageId: number;
  const watcher = watchProcess();
  const seen = { accepted: 0, limited: 0, other: 0 };

  beforeAll(async () => {
    server = await startNatter({ messagesPerSecond: 20, signupRate: 10 });
    token = await guestToken(server.url, "burster");
    socket = rawSocket(server.url, { token });
    await connected(socket);
    const sent = await call(server.url, { method: "POST", path: "/api/rooms/general/messages", token, body: { text: "target", clientMsgId: "burst-target" } });
    messageId = (sent.body as { message: { id: number } }).message.id;
  });
  afterAll(async () => {
    watcher.stop();
    socket.close();
    await server.cleanup();
    console.info(`budget fuzz (seed ${SEED}): ${seen.accepted} accepted, ${seen.limited} RATE_LIMITED, ${seen.other} other refusals; 0 malformed`);
  });

  const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom("x".repeat(3000), "👍", ""));
  const socketAction = fc.oneof(
    fc.record({ event: fc.constant("edit_message"), payload: fc.record({ room: fc.constant("general"), id: fc.constant(-1), text }) }),
    fc.record({
      event: fc.constant("react"),
      payload: fc.record({ room: fc.constant("general"), id: fc.constant(-1), emoji: fc.constantFrom("👍", "🎉", "x"), on: fc.boolean() }),
    }),
    fc.record({ event: fc.constant("typing"), payload: fc.record({ room: fc.constantFrom("general", "nowhere"), typing: fc.boolean() }) }),
    fc.record({ event: fc.constant("mark_read"), payload: fc.record({ room: fc.constant("general"), seq: fc.nat(10) }) }),
    fc.record({ event: fc.constant("send_message"), payload: fc.record({ room: fc.constant("general"), text, clientMsgId: fc.uuid() }) }),
  );
  const withTarget = (payload: Record<string, unknown>) => (payload.id === -1 ? { ...payload, id: messageId } : payload);

  const tally = (code: string | undefined) => (code === undefined ? seen.accepted++ : code === "RATE_LIMITED" ? seen.limited++ : seen.other++);

  it("socket events: every RATE_LIMITED carries retryAfterMs, nothing else is malformed, the connection survives", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(socketAction, { minLength: 1, maxLength: 40 }), async (burst) => {
        const acks = await Promise.all(burst.map(({ event, payload }) => ack(socket, event, withTarget(payload))));
        acks.forEach((reply) => tally((reply as { error?: { code: string } }).error?.code));
        expect(acks.flatMap((reply, i) => ackProblems(`${burst[i]?.event ?? "?"}`, reply))).toEqual([]);
        expect(socket.connected).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(seen.limited).toBeGreaterThan(0);
    expect(watcher.unhandled).toEqual([]);
  }, 120_000);

  it("REST: every 429 carries a Retry-After that is retryAfterMs in whole seconds", async () => {
    const requests = fc.oneof(
      fc.record({ method: fc.constant("PATCH"), path: fc.constant("target"), body: fc.record({ text }) }),
      fc.record({ method: fc.constant("PUT"), path: fc.constant("read"), body: fc.record({ seq: fc.nat(10) }) }),
      fc.record({ method: fc.constant("POST"), path: fc.constant("/api/auth/guest"), body: fc.record({ username: fc.stringMatching(/^[a-z]{3,12}$/) }) }),
      fc.record({ method: fc.constant("POST"), path: fc.constant("/api/rooms"), body: fc.record({ name: fc.stringMatching(/^[a-z]{3,12}$/) }) }),
    );
    const paths: Record<string, string> = { target: `/api/rooms/general/messages/${messageId}`, read: "/api/rooms/general/read" };
    let limited = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(requests, { minLength: 1, maxLength: 30 }), async (burst) => {
        const answers: Answer[] = await Promise.all(
          burst.map(({ method, path, body }) => call(server.url, { method, path: paths[path] ?? path, token, body })),
        );
        limited += answers.filter((answer) => answer.status === 429).length;
        expect(answers.flatMap((answer, i) => answerProblems(`${burst[i]?.method ?? "?"} ${burst[i]?.path ?? "?"}`, answer))).toEqual([]);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(limited).toBeGreaterThan(0);
    expect(watcher.unhandled).toEqual([]);
  }, 120_000);
});
