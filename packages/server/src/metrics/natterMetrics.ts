import type { FastifyInstance } from "fastify";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { Presence } from "../domain/presence.js";
import type { NatterServer } from "../transport/socket/types.js";
import type { Instruments } from "./instruments.js";
import { watchDeliveries } from "./deliveries.js";

/** What the gauges read at each scrape; nothing of it runs between scrapes. */
export interface Watched {
  io: NatterServer;
  presence: Presence;
  database: () => Promise<unknown>;
  /** Absent without REDIS_URL, and then natter_redis_up is not exported at all. */
  redis?: () => Promise<unknown>;
}

export interface NatterMetrics {
  readonly registry: Registry;
  readonly instruments: Instruments;
  /** Counts HTTP requests by route pattern and status; call before any route is registered. */
  instrumentHttp(app: FastifyInstance): void;
  watch(parts: Watched): void;
}

/** A ping that does not answer within this is a "down", so a scrape never hangs on a stuck dependency. */
const PING_LIMIT_MS = 1_000;

/** Events we answer; anything else a client sends is counted as "unknown", so labels stay bounded. */
const SOCKET_EVENTS = new Set([
  "join",
  "leave_room",
  "send_message",
  "typing",
  "history",
  "edit_message",
  "delete_message",
  "react",
  "thread",
  "activity",
  "mark_read",
]);

/**
 * Every series Natter exports, in a registry of its own (tests run several servers in one process).
 * Labels are routes, statuses, event names, codes and results: never a user's or a room's name.
 */
export function createMetrics(): NatterMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const reg = { registers: [registry] };
  const messagesSent = new Counter({ name: "natter_messages_sent_total", help: "Messages stored (a retried send counts once)", ...reg });
  const commitSeconds = new Histogram({
    name: "natter_storage_commit_seconds",
    help: "Wall time of one group commit of messages",
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    ...reg,
  });
  const batchSize = new Histogram({
    name: "natter_storage_batch_size",
    help: "Messages per group commit",
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512],
    ...reg,
  });
  const socketEvents = new Counter({
    name: "natter_socket_events_total",
    help: "Socket events answered, by event and result",
    labelNames: ["event", "result"],
    ...reg,
  });
  const sendAck = new Histogram({
    name: "natter_send_ack_seconds",
    help: "From receiving send_message to acknowledging it",
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    ...reg,
  });
  const pushSent = new Counter({ name: "natter_push_sent_total", help: "Web pushes handed to push services, by result", labelNames: ["result"], ...reg });
  const emailSent = new Counter({ name: "natter_email_sent_total", help: "Notification emails, by result", labelNames: ["result"], ...reg });
  const httpRequests = new Counter({
    name: "natter_http_requests_total",
    help: "HTTP requests, by route pattern and status",
    labelNames: ["route", "status"],
    ...reg,
  });
  const httpSeconds = new Histogram({
    name: "natter_http_request_seconds",
    help: "HTTP request duration, by route pattern",
    labelNames: ["route"],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
    ...reg,
  });
  // The one hook that runs per socket rather than per send (50,000 times a second at load A): a plain
  // number, added to the counter only when scraped; prom-client's inc() costs several times more.
  let undelivered = 0;
  new Counter({
    name: "natter_message_deliveries_total",
    help: "Messages written to this node's sockets (one per message per socket)",
    ...reg,
    collect() {
      this.inc(undelivered);
      undelivered = 0;
    },
  });

  const instruments: Instruments = {
    committed(seconds, size, created) {
      commitSeconds.observe(seconds);
      batchSize.observe(size);
      messagesSent.inc(created);
    },
    socketEvent(event, result, seconds) {
      const known = SOCKET_EVENTS.has(event) ? event : "unknown";
      socketEvents.inc({ event: known, result });
      if (known === "send_message") sendAck.observe(seconds);
    },
    pushSent: (result) => pushSent.inc({ result }),
    emailSent: (result) => emailSent.inc({ result }),
  };

  return {
    registry,
    instruments,
    instrumentHttp(app) {
      app.addHook("onResponse", async (request, reply) => {
        // The pattern (/api/rooms/:room/messages), never the raw URL: one series per route, not per room.
        const route = request.routeOptions.url ?? "unmatched";
        httpRequests.inc({ route, status: String(reply.statusCode) });
        httpSeconds.observe({ route }, reply.elapsedTime / 1000);
      });
    },
    watch(parts) {
      watchDeliveries(parts.io, (n) => (undelivered += n));
      new Gauge({
        name: "natter_sockets_connected",
        help: "Socket.IO connections open on this node",
        ...reg,
        collect() {
          this.set(parts.io.of("/").sockets.size);
        },
      });
      new Gauge({
        name: "natter_users_online",
        help: "People with at least one open connection, on any node",
        ...reg,
        async collect() {
          // With Redis away this cannot be known: the last value stays, and natter_redis_up says why.
          const online = await parts.presence.online().catch(() => undefined);
          if (online) this.set(online.length);
        },
      });
      new Gauge({
        name: "natter_database_up",
        help: "1 when the database answered a ping during this scrape",
        ...reg,
        async collect() {
          this.set(await answers(parts.database));
        },
      });
      const redis = parts.redis;
      if (redis)
        new Gauge({
          name: "natter_redis_up",
          help: "1 when Redis answered a ping during this scrape",
          ...reg,
          async collect() {
            this.set(await answers(redis));
          },
        });
    },
  };
}

async function answers(ping: () => Promise<unknown>): Promise<number> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("no answer")), PING_LIMIT_MS)));
  try {
    await Promise.race([ping(), limit]);
    return 1;
  } catch {
    return 0;
  } finally {
    clearTimeout(timer);
  }
}
