import { describe, expect, it } from "vitest";
import { LOGIN_LIMITS, localLimits } from "../../src/domain/context.js";
import { TokenBuckets, WindowCounter } from "../../src/domain/rateLimit.js";

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

async function takeMany(buckets: TokenBuckets, key: string, count: number): Promise<boolean[]> {
  const taken: boolean[] = [];
  for (let i = 0; i < count; i++) taken.push(await buckets.take(key));
  return taken;
}

describe("failed log-in counting", () => {
  it("a key is limited once it reaches its limit within the window, and others are not", async () => {
    const counter = new WindowCounter(3, 60_000, clock().now);
    for (let i = 0; i < 2; i++) await counter.record("alice");
    expect(await counter.exceeded("alice")).toBe(false);
    await counter.record("alice");
    expect(await counter.exceeded("alice")).toBe(true);
    expect(await counter.exceeded("bob")).toBe(false);
  });

  it("failures older than the window stop counting", async () => {
    const time = clock();
    const counter = new WindowCounter(2, 60_000, time.now);
    await counter.record("alice");
    time.advance(30_000);
    await counter.record("alice");
    expect(await counter.exceeded("alice")).toBe(true);
    time.advance(30_001);
    expect(await counter.exceeded("alice")).toBe(false);
    time.advance(30_000);
    expect(await counter.exceeded("alice")).toBe(false);
  });

  it("clearing a key forgets its failures", async () => {
    const counter = new WindowCounter(1, 60_000, clock().now);
    await counter.record("alice");
    await counter.clear("alice");
    expect(await counter.exceeded("alice")).toBe(false);
  });

  it("a server locks an account out after 10 failures and an address after 50, each for 15 minutes", async () => {
    expect(LOGIN_LIMITS).toEqual({ perAccount: 10, perAddress: 50, windowMs: 15 * 60_000 });
    const time = clock();
    const limits = localLimits({ messagesPerSecond: 0 }, time.now);
    for (let i = 0; i < 9; i++) await limits.failedLoginsByAccount.record("alice");
    expect(await limits.failedLoginsByAccount.exceeded("alice")).toBe(false);
    await limits.failedLoginsByAccount.record("alice");
    expect(await limits.failedLoginsByAccount.exceeded("alice")).toBe(true);
    for (let i = 0; i < 49; i++) await limits.failedLoginsByAddress.record("127.0.0.1");
    expect(await limits.failedLoginsByAddress.exceeded("127.0.0.1")).toBe(false);
    await limits.failedLoginsByAddress.record("127.0.0.1");
    expect(await limits.failedLoginsByAddress.exceeded("127.0.0.1")).toBe(true);
    time.advance(15 * 60_000);
    expect(await limits.failedLoginsByAccount.exceeded("alice")).toBe(false);
    expect(await limits.failedLoginsByAddress.exceeded("127.0.0.1")).toBe(false);
  });
});

describe("send rate", () => {
  it("a burst is allowed, then sends wait for tokens at the configured rate", async () => {
    const time = clock();
    const buckets = new TokenBuckets(2, 4, time.now);
    expect(await takeMany(buckets, "alice", 5)).toEqual([true, true, true, true, false]);
    time.advance(499);
    expect(await buckets.take("alice")).toBe(false);
    time.advance(1);
    expect(await takeMany(buckets, "alice", 2)).toEqual([true, false]);
  });

  it("each sender has their own bucket, refilled no higher than the burst", async () => {
    const time = clock();
    const buckets = new TokenBuckets(1, 2, time.now);
    expect(await takeMany(buckets, "alice", 3)).toEqual([true, true, false]);
    expect(await buckets.take("bob")).toBe(true);
    time.advance(60_000);
    expect(await takeMany(buckets, "alice", 3)).toEqual([true, true, false]);
  });

  it("a rate of 0 means unlimited", async () => {
    const buckets = new TokenBuckets(0, 0, clock().now);
    expect((await takeMany(buckets, "alice", 1000)).every(Boolean)).toBe(true);
  });
});
