import { createAdapter, createShardedAdapter } from "@socket.io/redis-adapter";
import type { FastifyBaseLogger } from "fastify";
import type { Redis } from "ioredis";
import type { NatterServer } from "../transport/socket/types.js";
import { connectRedis, waitUntilReady } from "./redisClients.js";
import { RedisClock } from "./redisClock.js";
import { RedisPresence } from "./redisPresence.js";

export interface ScaleOut {
  presence: RedisPresence;
  /** For other state the nodes share (rate limits); fails fast while Redis is away. */
  state: Redis;
  /** Whether events reach the other nodes right now. */
  available(): boolean;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Many nodes, one chat: Socket.IO's Redis adapter carries broadcasts between nodes, and presence lives in
 * Redis. Redis never holds the only copy of a message; the database does.
 */
export interface ScaleOutOptions {
  url: string;
  /** Prefix of every Redis key and channel, so installations sharing a Redis stay apart. */
  prefix: string;
  fanout?: "auto" | "sharded" | "classic";
  nodeId: string;
  localClock?: () => number;
}

export async function scaleOut(options: ScaleOutOptions, io: NatterServer, logger: FastifyBaseLogger): Promise<ScaleOut> {
  const { url, prefix, nodeId, localClock = Date.now } = options;
  const clients = connectRedis(url, logger);
  try {
    await waitUntilReady(clients, 5_000);
  } catch (error) {
    await clients.close();
    throw error;
  }
  const sharded = await useSharded(clients.state, options.fanout ?? "auto");
  // Sharded: a room's broadcasts go to its own channel, which a node subscribes to while one of its sockets is in the
  // room, so adding nodes adds capacity; classic: every node parses every broadcast, so a cluster holds one node's load.
  io.adapter(
    sharded
      ? createShardedAdapter(clients.pub, clients.sub, { channelPrefix: prefix, subscriptionMode: "dynamic" })
      : createAdapter(clients.pub, clients.sub, { key: prefix, requestsTimeout: 2_000 }),
  );
  logger.info({ fanout: sharded ? "sharded" : "classic" }, "redis fan-out");
  const clock = new RedisClock(clients.state, localClock);
  await clock.start();
  const presence = new RedisPresence(clients.state, nodeId, clock.now, prefix);
  await presence.start();
  return {
    presence,
    state: clients.state,
    available: clients.ready,
    async ping() {
      await clients.state.ping();
    },
    async close() {
      clock.stop();
      await presence.close();
      await clients.close();
    },
  };
}

/** Sharded pub/sub came with Redis 7.0; `auto` asks the server, so an older Redis still runs (classically). */
async function useSharded(state: Redis, fanout: "auto" | "sharded" | "classic"): Promise<boolean> {
  if (fanout !== "auto") return fanout === "sharded";
  const version = /redis_version:(\d+)/.exec(await state.info("server"))?.[1];
  return Number(version ?? 0) >= 7;
}
