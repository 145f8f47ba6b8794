import type { UserRef } from "@natter/protocol";
import type { Redis } from "ioredis";
import { LocalPresence, type Presence } from "../domain/presence.js";

/** A node's claim on its users lasts this long unless renewed; a killed node's users go offline after it. */
export const PRESENCE_TTL_MS = 30_000;
const HEARTBEAT_MS = 10_000;
const SWEEP_MS = 5_000;

/** Under a prefix, so several installations (or test runs) can share one Redis. */
function presenceKeys(prefix: string) {
  return {
    user: (userId: number) => `${prefix}:presence:user:${userId}`, // zset: nodeId → expiry
    node: (nodeId: string) => `${prefix}:presence:node:${nodeId}`, // set: userIds claimed by the node
    online: `${prefix}:presence:online`, // zset: userId → latest expiry
    names: `${prefix}:presence:names`, // hash: userId → username
    active: (userId: number) => `${prefix}:presence:active:${userId}`, // zset: nodeId → expiry, nodes where a tab is in use
  };
}

/** Drops this node's claim on a user and, when no live claim is left, takes them out of the online set: 1 if it did. */
const RELEASE_USER = `
redis.call("ZREM", KEYS[1], ARGV[1])
redis.call("SREM", KEYS[2], ARGV[2])
if redis.call("ZCOUNT", KEYS[1], ARGV[3], "+inf") > 0 then return 0 end
return redis.call("ZREM", KEYS[3], ARGV[2])`;

/**
 * Presence shared by every node through Redis. Each node counts its own connections in memory and
 * advertises its users with an expiry it renews by heartbeat; a user is online while any node's claim on
 * them is alive. When Redis is away the node answers from what it knows and re-advertises on return.
 */
export class RedisPresence implements Presence {
  readonly spansNodes = true;
  private readonly local = new LocalPresence();
  private readonly keys: ReturnType<typeof presenceKeys>;
  private readonly timers: NodeJS.Timeout[] = [];
  private expired: (user: UserRef) => void = () => undefined;

  constructor(
    private readonly redis: Redis,
    private readonly nodeId: string,
    private readonly now: () => number = Date.now,
    prefix = "natter",
  ) {
    this.keys = presenceKeys(prefix);
  }

  /** Drops what an earlier run of this node claimed (a restart leaves no ghosts), then starts the heartbeat. */
  async start(): Promise<void> {
    await this.releaseNode(this.nodeId);
    this.timers.push(setInterval(() => void this.heartbeat().catch(() => undefined), HEARTBEAT_MS).unref());
    this.timers.push(setInterval(() => void this.sweep().catch(() => undefined), SWEEP_MS).unref());
  }

  onExpired(handler: (user: UserRef) => void): void {
    this.expired = handler;
  }

  async connected(user: UserRef, connectionId: string): Promise<boolean> {
    if (!(await this.local.connected(user, connectionId))) return false;
    try {
      const claims = await this.claim([user]).zcount(this.keys.user(user.id), this.now(), "+inf").exec();
      return Number(claims?.at(-1)?.[1] ?? 1) === 1;
    } catch {
      return true;
    }
  }

  async disconnected(user: UserRef, connectionId: string): Promise<boolean> {
    if (!(await this.local.disconnected(user, connectionId))) return false;
    await this.redis.zrem(this.keys.active(user.id), this.nodeId).catch(() => undefined);
    try {
      // One script, so a claim by a new connection (here or on another node) cannot slip between the count and the removal.
      const removed = await this.redis.eval(
        RELEASE_USER,
        3,
        this.keys.user(user.id),
        this.keys.node(this.nodeId),
        this.keys.online,
        this.nodeId,
        user.id,
        this.now(),
      );
      // Only the one who removes the user from the online set announces it, so it is said once.
      return removed === 1;
    } catch {
      return true;
    }
  }

  async setIdle(user: UserRef, connectionId: string, idle: boolean): Promise<boolean> {
    // Only a change of this node's own answer (a tab in use here or not) can change the user's.
    if (!(await this.local.setIdle(user, connectionId, idle))) return false;
    const key = this.keys.active(user.id);
    try {
      if (idle) await this.redis.zrem(key, this.nodeId);
      else await this.redis.zadd(key, this.now() + PRESENCE_TTL_MS, this.nodeId);
      const activeNodes = await this.redis.zcount(key, this.now(), "+inf");
      return idle ? activeNodes === 0 : activeNodes === 1;
    } catch {
      return true;
    }
  }

  async idle(userIds: readonly number[]): Promise<Set<number>> {
    if (userIds.length === 0) return new Set();
    try {
      const batch = this.redis.multi();
      for (const id of userIds) batch.zscore(this.keys.online, id).zcount(this.keys.active(id), this.now(), "+inf");
      const answers = (await batch.exec()) ?? [];
      const now = this.now();
      return new Set(userIds.filter((_, i) => Number(answers[2 * i]?.[1] ?? 0) >= now && Number(answers[2 * i + 1]?.[1] ?? 0) === 0));
    } catch {
      return this.local.idle(userIds);
    }
  }

  async isOnline(userId: number): Promise<boolean> {
    try {
      return Number((await this.redis.zscore(this.keys.online, userId)) ?? 0) >= this.now();
    } catch {
      return this.local.isOnline(userId);
    }
  }

  async online(): Promise<UserRef[]> {
    try {
      const ids = await this.redis.zrangebyscore(this.keys.online, this.now(), "+inf");
      if (ids.length === 0) return [];
      const names = await this.redis.hmget(this.keys.names, ...ids);
      return ids
        .map((id, i) => ({ id: Number(id), username: names[i] ?? "" }))
        .filter((user) => user.username !== "")
        .sort((a, b) => a.username.localeCompare(b.username));
    } catch {
      return this.local.online();
    }
  }

  async close(): Promise<void> {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    await this.releaseNode(this.nodeId).catch(() => undefined);
    await this.local.close();
  }

  /** Renews this node's claims; after a Redis outage this is also what restores them. */
  async heartbeat(): Promise<void> {
    const users = this.local.users();
    if (users.length === 0) return;
    const batch = this.claim(users);
    const expiry = this.now() + PRESENCE_TTL_MS;
    for (const user of this.local.activeUsers()) batch.zadd(this.keys.active(user.id), expiry, this.nodeId);
    await batch.exec();
  }

  /** Finds users whose every claim lapsed (their node died) and announces them offline, once. */
  async sweep(): Promise<void> {
    const now = this.now();
    for (const id of await this.redis.zrangebyscore(this.keys.online, "-inf", now)) {
      const userId = Number(id);
      if ((await this.redis.zcount(this.keys.user(userId), now, "+inf")) > 0) continue;
      const username = await this.redis.hget(this.keys.names, id);
      if ((await this.redis.zrem(this.keys.online, id)) === 1 && username) this.expired({ id: userId, username });
    }
  }

  private claim(users: UserRef[]) {
    const expiry = this.now() + PRESENCE_TTL_MS;
    const batch = this.redis.multi();
    for (const user of users) {
      batch
        .zadd(this.keys.user(user.id), expiry, this.nodeId)
        .zadd(this.keys.online, "GT", expiry, user.id)
        .hset(this.keys.names, user.id, user.username)
        .sadd(this.keys.node(this.nodeId), user.id);
    }
    return batch;
  }

  private async releaseNode(nodeId: string): Promise<void> {
    const userIds = await this.redis.smembers(this.keys.node(nodeId));
    for (const id of userIds)
      await this.redis
        .multi()
        .zrem(this.keys.user(Number(id)), nodeId)
        .zrem(this.keys.active(Number(id)), nodeId)
        .exec();
    await this.redis.del(this.keys.node(nodeId));
    // Users only this node held lapse now; the sweep announces them.
    const now = this.now();
    if (userIds.length > 0) await this.redis.zadd(this.keys.online, "LT", ...userIds.flatMap((id) => [now, id]));
  }
}
