import { PROTOCOL_VERSION } from "@natter/protocol";
import { io, type Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createUser, logout, openSession } from "../../src/domain/accounts.js";
import { freshDatabase, postgresSkipReason } from "../support/postgres.js";
import { startNatter, type RunningNatter } from "../support/server.js";
import { eventually } from "../support/wait.js";

const opened: Socket[] = [];
afterEach(() => {
  for (const socket of opened.splice(0)) socket.close();
});

/** How one handshake ended: in, refused, or let in and then closed by the server. */
function connect(url: string, token: string): { socket: Socket; outcome: { state: "pending" | "connected" | "refused" | "closed"; error?: string } } {
  // The client's own 20 s connect timeout would measure the machine's load; what is tested is whether the server refuses.
  const socket = io(url, { transports: ["websocket"], reconnection: false, timeout: 90_000, auth: { token, protocol: PROTOCOL_VERSION } });
  opened.push(socket);
  const outcome: { state: "pending" | "connected" | "refused" | "closed"; error?: string } = { state: "pending" };
  socket.on("connect", () => (outcome.state = "connected"));
  socket.on("connect_error", (error) => Object.assign(outcome, { state: "refused", error: error.message }));
  socket.on("disconnect", () => (outcome.state = "closed"));
  return { socket, outcome };
}

/** People with a session each, made through the domain so the test spends its time on the handshakes. */
async function people(server: RunningNatter, prefix: string, count: number): Promise<string[]> {
  const { domain } = server.natter;
  const tokens: string[] = [];
  for (let i = 0; i < count; i++) tokens.push((await openSession(domain, await createUser(domain, `${prefix}${i}`, null, "guest"))).token);
  return tokens;
}

describe.skipIf(postgresSkipReason !== undefined)(postgresSkipReason ?? "a reconnect storm on PostgreSQL", { timeout: 180_000 }, () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let server: RunningNatter;
  beforeAll(async () => {
    database = await freshDatabase();
    server = await startNatter({ databaseUrl: database.url });
  }, 60_000);
  afterAll(async () => {
    await server.cleanup();
    await database.drop();
  }, 60_000);

  it("300 people reconnecting at once through a pool of 10 connections all get in, none refused", async () => {
    const tokens = await people(server, "storm", 300);
    const outcomes = tokens.map((token) => connect(server.url, token).outcome);
    await eventually(() => expect(outcomes.filter((outcome) => outcome.state === "pending")).toEqual([]), { timeoutMs: 100_000, intervalMs: 200 });
    expect(outcomes.filter((outcome) => outcome.state !== "connected")).toEqual([]);
  });
});

describe("a log-out racing a handshake", { timeout: 60_000 }, () => {
  let server: RunningNatter;
  beforeAll(async () => (server = await startNatter()), 60_000);
  afterAll(() => server.cleanup(), 60_000);

  it("a session logged out after its handshake was checked, before the socket joined its session, still loses the socket", async () => {
    const [token = "", other = ""] = await people(server, "racer", 2);
    const { domain } = server.natter;
    // Runs after Natter's own check of the handshake and before the connection is set up: the race's window.
    server.natter.io.use((socket, next) => {
      if ((socket.handshake.auth as { token?: unknown }).token === token) void logout(domain, token).then(() => next());
      else next();
    });
    const raced = connect(server.url, token);
    const untouched = connect(server.url, other);
    await eventually(() => expect(raced.outcome.state).toBe("closed"));
    await eventually(() => expect(untouched.outcome.state).toBe("connected"));
    expect(untouched.socket.connected).toBe(true);
  });
});
