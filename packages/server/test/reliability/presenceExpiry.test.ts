import type { UserRef } from "@natter/protocol";
import { Redis } from "ioredis";
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { PRESENCE_TTL_MS, RedisPresence } from "../../src/redis/redisPresence.js";

const redisUrl = process.env.REDIS_URL;
if (process.env.CI && !redisUrl) throw new Error("CI must set REDIS_URL for the shared presence tests");

const alice: UserRef = { id: 1, username: "alice" };
const bob: UserRef = { id: 2, username: "bob" };

/**
 * Two nodes sharing presence in Redis, with the clock they read their expiries off faked (only Date:
 * Redis's client keeps its real timers). The node that "dies" is never started, so nothing renews its
 * claims, as after a kill; the survivor's sweep is called where its timer would fire.
 */
describe.skipIf(!redisUrl)("users of a node that died, on the shared presence clock (fake timers)", () => {
  let redis: Redis;
  let prefix: string;
  beforeAll(() => {
    redis = new Redis(redisUrl ?? "");
  });
  afterAll(async () => {
    await redis.quit();
  });
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    prefix = `presence-test-${randomUUID()}`;
  });
  afterEach(async () => {
    vi.useRealTimers();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  });

  const node = (id: string) => new RedisPresence(redis, id, () => Date.now(), prefix);

  it("show online until their node's claim lapses 30 s later, then are announced offline once", async () => {
    const dead = node("node-a");
    const survivor = node("node-b");
    const announced: string[] = [];
    survivor.onExpired((user) => announced.push(user.username));
    await dead.connected(alice, "tab-1");

    vi.advanceTimersByTime(PRESENCE_TTL_MS - 1);
    await survivor.sweep();
    expect(announced).toEqual([]);
    expect((await survivor.online()).map((user) => user.username)).toEqual(["alice"]);

    vi.advanceTimersByTime(2);
    await survivor.sweep();
    await survivor.sweep();
    expect(announced).toEqual(["alice"]);
    expect(await survivor.online()).toEqual([]);
  });

  it("stay online past 30 s while their node's heartbeat renews the claim", async () => {
    const living = node("node-a");
    const other = node("node-b");
    const announced: string[] = [];
    other.onExpired((user) => announced.push(user.username));
    await living.connected(bob, "tab-1");

    vi.advanceTimersByTime(PRESENCE_TTL_MS - 10_000);
    await living.heartbeat();
    vi.advanceTimersByTime(PRESENCE_TTL_MS - 1);
    await other.sweep();
    expect(announced).toEqual([]);
    expect((await other.online()).map((user) => user.username)).toEqual(["bob"]);
  });
});
