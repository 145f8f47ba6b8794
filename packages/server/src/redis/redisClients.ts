import type { FastifyBaseLogger } from "fastify";
import { Redis } from "ioredis";

export interface RedisClients {
  /** Publishes fan-out; queues while reconnecting so a short outage delays events rather than dropping them. */
  pub: Redis;
  /** Subscribed to the adapter's channels; re-subscribes by itself after a reconnect. */
  sub: Redis;
  /** Presence reads and writes; fails fast while Redis is away so callers can fall back. */
  state: Redis;
  ready(): boolean;
  close(): Promise<void>;
}

export function connectRedis(url: string, logger: FastifyBaseLogger): RedisClients {
  // Reconnect quickly (≤ 1 s apart) so service heals within seconds of Redis returning.
  const base = { retryStrategy: (times: number) => Math.min(100 * times, 1_000), connectTimeout: 2_000, lazyConnect: false };
  const pub = new Redis(url, { ...base, maxRetriesPerRequest: null });
  const sub = new Redis(url, { ...base, maxRetriesPerRequest: null });
  const state = new Redis(url, { ...base, enableOfflineQueue: false, maxRetriesPerRequest: 1, commandTimeout: 1_500 });
  let lastWarning = 0;
  const warn = (error: unknown) => {
    if (Date.now() - lastWarning < 5_000) return;
    lastWarning = Date.now();
    logger.warn({ err: error }, "redis unavailable");
  };
  for (const client of [pub, sub, state]) client.on("error", warn);
  catchUnawaitedPublishes(pub, warn);
  return {
    pub,
    sub,
    state,
    ready: () => pub.status === "ready" && sub.status === "ready",
    async close() {
      await Promise.all([pub, sub, state].map((client) => client.quit().catch(() => client.disconnect())));
    },
  };
}

/**
 * Socket.IO's Redis adapters publish (classic) and spublish (sharded) without awaiting. A publish Redis refuses (the connection was closed
 * under it, as at shutdown) would be an unhandled rejection, which ends a Node process; it is logged instead.
 */
function catchUnawaitedPublishes(pub: Redis, warn: (error: unknown) => void): void {
  const guard = (publish: (channel: string, message: string | Buffer) => Promise<unknown>) => (channel: string, message: string | Buffer) =>
    publish(channel, message).catch((error: unknown) => {
      warn(error);
      return 0;
    });
  pub.publish = guard(pub.publish.bind(pub)) as Redis["publish"];
  pub.spublish = guard(pub.spublish.bind(pub)) as Redis["spublish"];
}

/** Resolves once all clients are connected, or rejects after the timeout naming the URL's host. */
export async function waitUntilReady(clients: RedisClients, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(clients.ready() && clients.state.status === "ready")) {
    if (Date.now() > deadline) throw new Error(`Redis did not answer within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
