import fc from "fast-check";
import { readFileSync } from "node:fs";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ack, call, connected, guestToken, rawSocket, registeredToken } from "../security/support/api.js";
import { authenticate, openSession } from "../../src/domain/accounts.js";
import { freshDatabase, postgresSkipReason } from "../support/postgres.js";
import { startNatter, type RunningNatter } from "../support/server.js";
import { NAUGHTY_STRINGS, UNSTORABLE_STRINGS } from "./naughtyStrings.js";
import { ackProblems, answerProblems, watchProcess } from "./support/outcomes.js";

/**
 * Random requests to every documented REST route and every protocol socket event, sent alike to a server on
 * SQLite and one on PostgreSQL. `npm test` uses a fixed seed; `npm run fuzz` a random one and more runs
 * (FUZZ_SEED=random FUZZ_RUNS=…); a failure prints the seed that reproduces it.
 */
const SEED = process.env.FUZZ_SEED === "random" ? Date.now() % 2 ** 31 : Number(process.env.FUZZ_SEED ?? 20_261_125);
const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

interface Operation {
  parameters?: { in: string; name: string }[];
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
}
interface Route {
  method: string;
  path: string;
  pathParams: string[];
  queryParams: string[];
  bodyFields: string[];
}

async function documentedRoutes(url: string): Promise<Route[]> {
  const document = (await call(url, { method: "GET", path: "/api/openapi.json" })).body as { paths: Record<string, Record<string, Operation>> };
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      pathParams: (operation.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name),
      queryParams: (operation.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name),
      bodyFields: Object.keys(operation.requestBody?.content?.["application/json"]?.schema?.properties ?? {}),
    })),
  );
}

function declaredSocketEvents(): string[] {
  const source = readFileSync(new URL("../../../protocol/src/events.ts", import.meta.url), "utf8");
  const block = source.match(/interface ClientToServerEvents \{([\s\S]*?)\n\}/)?.[1] ?? "";
  return [...block.matchAll(/^\s+(\w+):/gm)].flatMap((match) => (match[1] ? [match[1]] : []));
}

/** Plausible values (so requests get past validation often) mixed with anything at all. */
const text = fc.oneof(
  fc.constantFrom("general", "fuzzroom", "fuzzer", "root", "1", "2", "0", "-1", "👍", "hello world", "all", "admin", "true", "x".repeat(40)),
  fc.constantFrom(...NAUGHTY_STRINGS.filter((s) => s.length < 300), ...UNSTORABLE_STRINGS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: "binary", maxLength: 20 }),
);
const number = fc.oneof(fc.integer({ min: -2, max: 30 }), fc.integer(), fc.double(), fc.constantFrom(2 ** 53 + 1, 2 ** 63, 1e308, -0));
const value: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: text },
  { weight: 2, arbitrary: number },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom(null, [], {}, { $gt: "" }, { __proto__: null, constructor: { prototype: { polluted: 1 } } }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);
const body = (fields: string[]) =>
  fields.length === 0
    ? fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined })
    : fc.oneof(
        { weight: 5, arbitrary: fc.record(Object.fromEntries(fields.map((f) => [f, value])), { requiredKeys: [] }) },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
      );

function requestFor(route: Route) {
  return fc.record({
    params: fc.tuple(...route.pathParams.map(() => text)),
    query: fc.dictionary(fc.constantFrom(...route.queryParams, "junk"), fc.oneof(text, number.map(String)), { maxKeys: 4 }),
    body: route.method === "GET" ? fc.constant(undefined) : body(route.bodyFields),
    anonymous: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  });
}

const encode = (s: string) => (s.isWellFormed() ? encodeURIComponent(s) : encodeURIComponent(s.toWellFormed()) + "%ED%A0%80");

describe(`fast-check on every REST route and socket event (seed ${SEED}, ${RUNS} runs each)`, () => {
  const servers: { store: string; server: RunningNatter; token: string; adminToken: string; socket?: Socket; drop?: () => Promise<void> }[] = [];
  const watcher = watchProcess();
  const counts = { requests: 0, accepted: 0, refused: 0, events: 0, acked: 0, refusedEvents: 0 };

  beforeAll(async () => {
    const sqlite = await startNatter();
    servers.push({ store: "SQLite", server: sqlite, token: "", adminToken: "" });
    if (postgresSkipReason === undefined) {
      const database = await freshDatabase();
      servers.push({ store: "PostgreSQL", server: await startNatter({ databaseUrl: database.url }), token: "", adminToken: "", drop: database.drop });
    }
    for (const entry of servers) {
      // The console's routes (/api/admin/…) are fuzzed as a server admin, so their input is validated, not hidden.
      entry.adminToken = await registeredToken(entry.server.url, "operator", "correct horse battery");
      const operator = await entry.server.natter.domain.store.userByKey("operator");
      if (operator) await entry.server.natter.domain.store.updateUser(operator.id, { role: "admin" });
      entry.token = await guestToken(entry.server.url, "fuzzer");
      await call(entry.server.url, { method: "POST", path: "/api/rooms", token: entry.token, body: { name: "fuzzroom" } });
      await call(entry.server.url, { method: "POST", path: "/api/rooms/fuzzroom/messages", token: entry.token, body: { text: "seed", clientMsgId: "seed" } });
    }
  });
  afterAll(async () => {
    watcher.stop();
    for (const entry of servers) {
      entry.socket?.close();
      await entry.server.cleanup();
      await entry.drop?.();
    }
    console.info(
      `fuzz (seed ${SEED}): ${counts.requests} REST requests (${counts.accepted} accepted, ${counts.refused} refused), ${counts.events} socket events (${counts.acked} ok, ${counts.refusedEvents} refused); 0 crashes, 0 unhandled rejections, 0 answers 5xx on ${servers.map((s) => s.store).join(" and ")}`,
    );
  });

  it("every REST route: never a 5xx, every refusal a { code, message }, the same answer on every store", async () => {
    const routes = (await documentedRoutes(servers[0]?.server.url ?? "")).filter((route) => !(route.method === "POST" && route.path === "/api/auth/logout"));
    expect(routes.length).toBeGreaterThan(20);
    const anyRequest = fc.oneof(...routes.map((route) => requestFor(route).map((request) => ({ route, ...request }))));
    await fc.assert(
      fc.asyncProperty(anyRequest, async ({ route, params, query, body: payload, anonymous }) => {
        let path = route.path;
        route.pathParams.forEach((name, i) => (path = path.replace(`{${name}}`, encode(params[i] ?? ""))));
        const search = Object.entries(query)
          .map(([k, v]) => `${encodeURIComponent(k)}=${encode(v)}`)
          .join("&");
        const answers = [];
        for (const { server, token, adminToken } of servers) {
          const as = route.path.startsWith("/api/admin/") ? adminToken : token;
          answers.push(
            await call(server.url, { method: route.method, path: search ? `${path}?${search}` : path, token: anonymous ? undefined : as, body: payload }),
          );
        }
        const what = `${route.method} ${path}?${search} ${JSON.stringify(payload)?.slice(0, 200)}`;
        counts.requests += answers.length;
        counts.accepted += answers.filter((answer) => answer.status < 400).length;
        counts.refused += answers.filter((answer) => answer.status >= 400).length;
        expect(answers.flatMap((answer) => answerProblems(what, answer))).toEqual([]);
        const shapes = answers.map((answer) => `${answer.status} ${(answer.body as { error?: { code?: string } } | null)?.error?.code ?? ""}`);
        expect(new Set(shapes).size, `${what}: ${shapes.join(" vs ")}`).toBe(1);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(watcher.unhandled).toEqual([]);
  }, 240_000);

  it("every socket event: always an ack of { ok } or { code, message }, the same on every store, and the connection survives", async () => {
    const events = declaredSocketEvents();
    expect(events.length).toBeGreaterThan(5);
    for (const entry of servers) {
      // The REST run may have ended the fuzzer's session as an admin would (deactivation) or as it may itself (an
      // upgrade to a member): it comes back with a fresh one here.
      const { domain } = entry.server.natter;
      const fuzzer = await domain.store.userByKey("fuzzer");
      if (fuzzer && (fuzzer.deactivated_at !== null || !(await authenticate(domain, entry.token)))) {
        await domain.store.setDeactivated(fuzzer.id, null);
        entry.token = (await openSession(domain, fuzzer)).token;
      }
      entry.socket = rawSocket(entry.server.url, { token: entry.token });
      await connected(entry.socket);
    }
    const payload = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record(
          {
            room: fc.oneof(fc.constantFrom("general", "fuzzroom"), text),
            id: number,
            seq: number,
            after: number,
            before: number,
            limit: number,
            text,
            clientMsgId: text,
            emoji: text,
            on: fc.boolean(),
            typing: fc.boolean(),
            replyTo: number,
            attachments: fc.array(text, { maxLength: 3 }),
          },
          { requiredKeys: [] },
        ),
      },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...events), payload, async (event, data) => {
        const acks = [];
        for (const { socket } of servers) if (socket) acks.push(await ack(socket, event, data));
        const what = `${event} ${JSON.stringify(data)?.slice(0, 200)}`;
        counts.events += acks.length;
        const okCount = acks.filter((reply) => (reply as { ok?: boolean }).ok === true).length;
        counts.acked += okCount;
        counts.refusedEvents += acks.length - okCount;
        expect(acks.flatMap((reply) => ackProblems(what, reply))).toEqual([]);
        const shapes = acks.map((reply) => `${String((reply as { ok?: boolean }).ok)} ${(reply as { error?: { code?: string } }).error?.code ?? ""}`);
        expect(new Set(shapes).size, `${what}: ${shapes.join(" vs ")}`).toBe(1);
        for (const { socket } of servers) expect(socket?.connected, `${what} closed the connection`).toBe(true);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    expect(watcher.unhandled).toEqual([]);
  }, 240_000);
});
