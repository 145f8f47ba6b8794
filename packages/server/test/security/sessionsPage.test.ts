import { NatterClient } from "@natter/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { onBothStores } from "../notifications/bothStores.js";
import { http, type HttpAnswer } from "../support/http.js";
import { freshDatabase, postgresSkipReason } from "../support/postgres.js";
import { startNatter, type RunningNatter } from "../support/server.js";
import { eventually } from "../support/wait.js";

type SessionInfo = { id: string; device: string; address: string; createdAt: number; lastSeenAt: number; current: boolean };
const FIREFOX = "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0";
const SAFARI_IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
const password = "correct horse battery";

const clients: NatterClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

async function logIn(url: string, username: string, userAgent: string): Promise<string> {
  const answer = await http(url, "POST", "/api/auth/login", { body: { username, password }, headers: { "user-agent": userAgent } });
  return (answer.body as { token: string }).token;
}

/** A connected SDK client on the token, and whether the server ended its session. */
async function connectedTab(url: string, token: string): Promise<{ ended: () => boolean }> {
  const client = new NatterClient({ url, token, transports: ["websocket"] });
  clients.push(client);
  let ended = false;
  client.on("session_ended", () => void (ended = true));
  await client.connect();
  return { ended: () => ended };
}

const sessionsOf = async (url: string, token: string) => ((await http(url, "GET", "/api/me/sessions", { token })).body as { sessions: SessionInfo[] }).sessions;
const codeOf = (answer: HttpAnswer) => [answer.status, (answer.body as { error?: { code: string } }).error?.code];

onBothStores((store, start) => {
  describe(`the sessions page on ${store}`, { timeout: 30_000 }, () => {
    let server: RunningNatter;
    let done: () => Promise<void>;
    let now = 1_800_000_000_000;
    beforeAll(async () => ({ server, done } = await start({ clock: () => now })));
    afterAll(() => done());

    it("lists each session with its device, address, start and last use; the asking one is marked", async () => {
      await http(server.url, "POST", "/api/auth/register", { body: { username: "alice", password }, headers: { "user-agent": FIREFOX } });
      const desk = await logIn(server.url, "alice", FIREFOX);
      now += 60_000;
      const phone = await logIn(server.url, "alice", SAFARI_IPHONE);
      now += 5 * 60_000;
      await http(server.url, "GET", "/api/rooms", { token: desk, headers: { "user-agent": FIREFOX } });

      const sessions = await eventually(async () => {
        const found = await sessionsOf(server.url, phone);
        expect(found[0]?.lastSeenAt).toBe(now);
        return found;
      });
      expect(sessions).toHaveLength(3);
      expect(sessions[0]).toMatchObject({ device: "Firefox 133 on Linux", address: "127.0.0.1", createdAt: now - 6 * 60_000, current: false });
      const mine = sessions.find((session) => session.current);
      expect(mine).toMatchObject({ device: "Safari 17 on iOS", createdAt: now - 5 * 60_000 });
      // The page names sessions by an id that is neither the token nor its stored hash.
      for (const session of sessions) expect([desk, phone]).not.toContain(session.id);
    });

    it("ending one session closes its open tab at once and its token stops working; the others stay", async () => {
      await http(server.url, "POST", "/api/auth/register", { body: { username: "bob", password } });
      const laptop = await logIn(server.url, "bob", FIREFOX);
      const phone = await logIn(server.url, "bob", SAFARI_IPHONE);
      const phoneTab = await connectedTab(server.url, phone);
      const laptopTab = await connectedTab(server.url, laptop);
      const target = (await sessionsOf(server.url, laptop)).find((session) => session.device.startsWith("Safari"));
      expect((await http(server.url, "DELETE", `/api/me/sessions/${target?.id}`, { token: laptop })).status).toBe(200);
      await eventually(() => expect(phoneTab.ended()).toBe(true), { timeoutMs: 5_000 });
      expect((await http(server.url, "GET", "/api/me", { token: phone })).status).toBe(401);
      expect((await http(server.url, "GET", "/api/me", { token: laptop })).status).toBe(200);
      expect(laptopTab.ended()).toBe(false);
    });

    it("ending all others keeps only the asking session", async () => {
      await http(server.url, "POST", "/api/auth/register", { body: { username: "carol", password } });
      const tokens = [await logIn(server.url, "carol", FIREFOX), await logIn(server.url, "carol", SAFARI_IPHONE), await logIn(server.url, "carol", "")];
      const [keep = "", ...others] = tokens;
      const tabs = await Promise.all(others.map((token) => connectedTab(server.url, token)));
      const answer = await http(server.url, "DELETE", "/api/me/sessions", { token: keep });
      expect(answer.body).toEqual({ ended: 3 }); // the two above and the one registering opened
      await eventually(() => expect(tabs.map((tab) => tab.ended())).toEqual([true, true]), { timeoutMs: 5_000 });
      expect(await sessionsOf(server.url, keep)).toEqual([expect.objectContaining({ current: true })]);
    });

    it("someone else's session, or a made-up id, is not found", async () => {
      const dave = (await http(server.url, "POST", "/api/auth/register", { body: { username: "dave", password } }).then((a) => a.body)) as { token: string };
      const erin = (await http(server.url, "POST", "/api/auth/register", { body: { username: "erin", password } }).then((a) => a.body)) as { token: string };
      const [erinSession] = await sessionsOf(server.url, erin.token);
      expect(codeOf(await http(server.url, "DELETE", `/api/me/sessions/${erinSession?.id}`, { token: dave.token }))).toEqual([404, "NOT_FOUND"]);
      expect(codeOf(await http(server.url, "DELETE", "/api/me/sessions/nothing-like-it", { token: dave.token }))).toEqual([404, "NOT_FOUND"]);
      expect((await http(server.url, "GET", "/api/me", { token: erin.token })).status).toBe(200);
    });
  });
});

const redisUrl = process.env.REDIS_URL;
const skip = postgresSkipReason ?? (redisUrl ? undefined : "skipped: REDIS_URL is unset");

describe.skipIf(skip !== undefined)(skip ?? "ending a session on one node closes its sockets on the other", { timeout: 60_000 }, () => {
  let nodes: RunningNatter[] = [];
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    database = await freshDatabase();
    const options = { databaseUrl: database.url, redisUrl, redisPrefix: `sessions-${Date.now().toString(36)}` };
    nodes = await Promise.all([startNatter(options), startNatter(options)]);
  });
  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.cleanup()));
    await database.drop();
  });

  it("alice's phone is connected to node B; from node A she ends that session and the phone is out within two seconds", async () => {
    const [a, b] = nodes as [RunningNatter, RunningNatter];
    await http(a.url, "POST", "/api/auth/register", { body: { username: "alice", password } });
    const desk = await logIn(a.url, "alice", FIREFOX);
    const phone = await logIn(b.url, "alice", SAFARI_IPHONE);
    const phoneTab = await connectedTab(b.url, phone);
    const target = (await sessionsOf(a.url, desk)).find((session) => session.device.startsWith("Safari"));
    const started = Date.now();
    expect((await http(a.url, "DELETE", `/api/me/sessions/${target?.id}`, { token: desk })).status).toBe(200);
    await eventually(() => expect(phoneTab.ended()).toBe(true), { timeoutMs: 5_000 });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((await http(b.url, "GET", "/api/me", { token: phone })).status).toBe(401);
  });
});

describe("the security budget", { timeout: 30_000 }, () => {
  let server: RunningNatter;
  // The default budgets, not the lifted ones of the other suites.
  beforeAll(async () => (server = await startNatter({ messagesPerSecond: 20 })));
  afterAll(() => server.cleanup());

  it("setting 2FA up and ending sessions share a burst of 10 (plus what refills meanwhile), then 429 with Retry-After", async () => {
    const token = ((await http(server.url, "POST", "/api/auth/register", { body: { username: "mallory", password } })).body as { token: string }).token;
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        i % 2 === 0 ? http(server.url, "POST", "/api/me/two-factor/setup", { token }) : http(server.url, "DELETE", "/api/me/sessions", { token }),
      ),
    );
    const refills = Math.ceil((Date.now() - started) / 1000);
    const accepted = answers.filter((answer) => answer.status === 200);
    const refused = answers.filter((answer) => answer.status !== 200);
    expect(accepted.length).toBeGreaterThanOrEqual(10);
    expect(accepted.length).toBeLessThanOrEqual(10 + refills);
    expect(new Set(refused.map((answer) => JSON.stringify(codeOf(answer))))).toEqual(new Set([JSON.stringify([429, "RATE_LIMITED"])]));
    for (const answer of refused) expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
  });
});
