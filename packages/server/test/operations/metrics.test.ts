import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { http, ask, guestToken, rawSocket } from "../support/http.js";
import { closeAll, guest } from "../support/people.js";
import { freshDatabase, postgresSkipReason } from "../support/postgres.js";
import { scrape } from "../support/prometheus.js";
import { startNatter, type RunningNatter } from "../support/server.js";
import { eventually } from "../support/wait.js";

const redisUrl = process.env.REDIS_URL;

/** Every name the issue lists, with its type; the push and email counters exist before their first send. */
const SERIES = {
  natter_sockets_connected: "GAUGE",
  natter_users_online: "GAUGE",
  natter_messages_sent_total: "COUNTER",
  natter_message_deliveries_total: "COUNTER",
  natter_send_ack_seconds: "HISTOGRAM",
  natter_storage_commit_seconds: "HISTOGRAM",
  natter_storage_batch_size: "HISTOGRAM",
  natter_http_requests_total: "COUNTER",
  natter_http_request_seconds: "HISTOGRAM",
  natter_socket_events_total: "COUNTER",
  natter_push_sent_total: "COUNTER",
  natter_email_sent_total: "COUNTER",
  natter_database_up: "GAUGE",
  // The default process and Node.js series: CPU, memory, event-loop lag, GC.
  process_cpu_seconds_total: "COUNTER",
  process_resident_memory_bytes: "GAUGE",
  nodejs_eventloop_lag_seconds: "GAUGE",
  nodejs_gc_duration_seconds: "HISTOGRAM",
} as const;

const stores = [
  { name: "SQLite", skip: undefined, database: async () => ({ url: undefined, drop: async () => undefined }) },
  { name: "PostgreSQL (and Redis when REDIS_URL is set)", skip: postgresSkipReason, database: () => freshDatabase() },
];

for (const store of stores) {
  describe.skipIf(store.skip !== undefined)(`/metrics on ${store.name}`, { timeout: 120_000 }, () => {
    let server: RunningNatter;
    let drop: () => Promise<void>;
    let metricsUrl: string;
    beforeAll(async () => {
      const database = await store.database();
      drop = database.drop;
      const shared = database.url && redisUrl ? { redisUrl, redisPrefix: `metrics${Date.now().toString(36)}` } : {};
      server = await startNatter({ metricsPort: 0, databaseUrl: database.url, ...shared });
      metricsUrl = server.metricsUrl ?? "";
    }, 60_000);
    afterEach(closeAll);
    afterAll(async () => {
      await server.cleanup();
      await drop();
    }, 60_000);

    it("serves every named series with its type, on a second listener on loopback", async () => {
      expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
      expect(new URL(metricsUrl).port).not.toBe(new URL(server.url).port);
      const first = await scrape(metricsUrl);
      for (const [name, type] of Object.entries(SERIES)) expect({ name, type: first.family(name).type }).toEqual({ name, type });
      expect(first.value("natter_database_up")).toBe(1);
      if (store.name !== "SQLite" && redisUrl) expect(first.value("natter_redis_up")).toBe(1);
      else expect(first.names()).not.toContain("natter_redis_up");
      // The chat's own port does not serve them (its /metrics is the web app's page), and the metrics port serves nothing else.
      expect(await (await fetch(`${server.url}/metrics`)).text()).not.toContain("natter_messages_sent_total");
      expect((await fetch(metricsUrl.replace("/metrics", "/healthz"))).status).toBe(404);
    });

    it("moves with real traffic: sends, deliveries, acks, commits, socket events and HTTP routes, with no names in labels", async () => {
      const before = await scrape(metricsUrl);
      const people = await Promise.all(["alice", "bob", "carol"].map((name) => guest(server.url, `${name}${store.name.length}`)));
      const [alice] = people;
      if (!alice) throw new Error("no alice");
      await alice.createRoom("design-secret-plans");
      await Promise.all(people.map((person) => person.join("design-secret-plans")));
      await Promise.all(
        people.map(async (person) => {
          for (let i = 0; i < 20; i++) await person.send("design-secret-plans", `hello ${i}`);
        }),
      );
      // A refused send: the room does not exist (NOT_FOUND), and an event nobody answers.
      const token = await guestToken(server.url, `dave${store.name.length}`);
      const dave = await rawSocket(server.url, token);
      expect(await ask(dave, "send_message", { room: "random-hidden-room", text: "x", clientMsgId: "c1" })).toMatchObject({
        ok: false,
        error: { code: "NOT_FOUND" },
      });
      expect(await ask(dave, "no_such_event", {})).toMatchObject({ ok: false, error: { code: "BAD_REQUEST" } });
      dave.close();
      for (const room of ["design-secret-plans", "general"])
        expect((await http(server.url, "GET", `/api/rooms/${room}`, { token: alice.token ?? "" })).status).toBe(200);

      const after = await eventually(
        async () => {
          const now = await scrape(metricsUrl);
          // Each of the 60 messages reaches the 3 sockets in the room, the senders' own included.
          expect(now.value("natter_message_deliveries_total") - before.value("natter_message_deliveries_total")).toBe(180);
          return now;
        },
        { timeoutMs: 15_000 },
      );
      expect(after.value("natter_messages_sent_total") - before.value("natter_messages_sent_total")).toBe(60);
      expect(after.histogram("natter_send_ack_seconds").count - before.histogram("natter_send_ack_seconds").count).toBe(61);
      expect(after.histogram("natter_storage_batch_size").sum - before.histogram("natter_storage_batch_size").sum).toBe(60);
      expect(after.histogram("natter_storage_commit_seconds").count).toBeGreaterThan(before.histogram("natter_storage_commit_seconds").count);
      expect(after.histogram("natter_storage_commit_seconds").sum).toBeGreaterThan(0);
      expect(after.value("natter_socket_events_total", { event: "send_message", result: "ok" })).toBe(60);
      expect(after.value("natter_socket_events_total", { event: "send_message", result: "NOT_FOUND" })).toBe(1);
      expect(after.value("natter_socket_events_total", { event: "unknown", result: "BAD_REQUEST" })).toBe(1);
      expect(after.value("natter_socket_events_total", { event: "join", result: "ok" })).toBeGreaterThanOrEqual(3);
      expect(after.value("natter_http_requests_total", { route: "/api/rooms/:name", status: "200" })).toBe(2);
      expect(after.value("natter_sockets_connected")).toBe(3);
      expect(after.value("natter_users_online")).toBe(3);
      expect(after.value("process_cpu_seconds_total")).toBeGreaterThan(0);
      // Bounded cardinality: routes are patterns; no user's or room's name is ever a label value.
      const labels = after.labelValues().join(" ");
      for (const name of ["design-secret-plans", "random-hidden-room", "alice", "bob", "carol", "dave"]) expect(labels).not.toContain(name);
    });

    it("exports every series the Grafana dashboard and the alert rules in docs/operations.md use", async () => {
      const docs = resolve(import.meta.dirname, "../../../../docs");
      const dashboard = JSON.parse(readFileSync(`${docs}/grafana/natter.json`, "utf8")) as { panels: { targets: { expr: string }[] }[] };
      const exprs = dashboard.panels.flatMap((panel) => panel.targets.map((target) => target.expr));
      const rules = [...readFileSync(`${docs}/operations.md`, "utf8").matchAll(/^\s+expr: (.+)$/gm)].map((match) => match[1] ?? "");
      expect(exprs.length).toBeGreaterThan(10);
      expect(rules.length).toBeGreaterThan(5);
      const exported = new Set((await scrape(metricsUrl)).names());
      const used = new Set([...exprs, ...rules].flatMap((expr) => [...expr.matchAll(/\b(?:natter|nodejs|process)_[a-z0-9_]+/g)].map((match) => match[0])));
      const missing = [...used].filter((name) => !exported.has(name) && !exported.has(name.replace(/_(bucket|sum|count)$/, "")));
      // natter_redis_up exists only with Redis; everything else on every server.
      const optional = store.name !== "SQLite" && redisUrl ? [] : ["natter_redis_up"];
      expect(missing.filter((name) => !optional.includes(name))).toEqual([]);
    });

    it("counts a socket that leaves", async () => {
      const erin = await guest(server.url, `erin${store.name.length}`);
      await eventually(async () => expect((await scrape(metricsUrl)).value("natter_sockets_connected")).toBe(1));
      erin.close();
      await eventually(async () => expect((await scrape(metricsUrl)).value("natter_sockets_connected")).toBe(0));
    });
  });
}

describe("without METRICS_PORT", () => {
  it("opens no second listener", async () => {
    const server = await startNatter();
    try {
      expect(server.metricsUrl).toBeUndefined();
      expect(server.natter.settings.metricsPort).toBeUndefined();
    } finally {
      await server.cleanup();
    }
  });
});
