import { describe, expect, it } from "vitest";
import { ACTION_BUDGETS, budgets, LOGIN_LIMITS, localLimits, SIGNUP_CROWD } from "../../src/domain/limits.js";
import { TokenBuckets, WindowCounter } from "../../src/domain/rateLimit.js";

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

async function takeMany(buckets: TokenBuckets, key: string, count: number): Promise<boolean[]> {
  const taken: boolean[] = [];
  for (let i = 0; i < count; i++) taken.push((await buckets.take(key)) === 0);
  return taken;
}

describe("failed log-in counting", () => {
  it("a key is limited once it reaches its limit within the window, and others are not", async () => {
    const counter = new WindowCounter(3, 60_000, clock().now);
    for (let i = 0; i < 2; i++) await counter.record("alice");
    expect(await counter.lockedFor("alice")).toBe(0);
    await counter.record("alice");
    expect(await counter.lockedFor("alice")).toBe(60_000);
    expect(await counter.lockedFor("bob")).toBe(0);
  });

  it("failures older than the window stop counting", async () => {
    const time = clock();
    const counter = new WindowCounter(2, 60_000, time.now);
    await counter.record("alice");
    time.advance(30_000);
    await counter.record("alice");
    expect(await counter.lockedFor("alice")).toBe(30_000);
    time.advance(30_001);
    expect(await counter.lockedFor("alice")).toBe(0);
    time.advance(30_000);
    expect(await counter.lockedFor("alice")).toBe(0);
  });

  it("clearing a key forgets its failures", async () => {
    const counter = new WindowCounter(1, 60_000, clock().now);
    await counter.record("alice");
    await counter.clear("alice");
    expect(await counter.lockedFor("alice")).toBe(0);
  });

  it("a server locks an account out after 10 failures and an address after 50, each for 15 minutes", async () => {
    expect(LOGIN_LIMITS).toEqual({ perAccount: 10, perAddress: 50, windowMs: 15 * 60_000 });
    const time = clock();
    const limits = localLimits({ messagesPerSecond: 0, signupRate: 0 }, time.now);
    for (let i = 0; i < 9; i++) await limits.failedLoginsByAccount.record("alice");
    expect(await limits.failedLoginsByAccount.lockedFor("alice")).toBe(0);
    await limits.failedLoginsByAccount.record("alice");
    expect(await limits.failedLoginsByAccount.lockedFor("alice")).toBeGreaterThan(0);
    for (let i = 0; i < 49; i++) await limits.failedLoginsByAddress.record("127.0.0.1");
    expect(await limits.failedLoginsByAddress.lockedFor("127.0.0.1")).toBe(0);
    await limits.failedLoginsByAddress.record("127.0.0.1");
    expect(await limits.failedLoginsByAddress.lockedFor("127.0.0.1")).toBe(15 * 60_000);
    time.advance(15 * 60_000);
    expect(await limits.failedLoginsByAccount.lockedFor("alice")).toBe(0);
    expect(await limits.failedLoginsByAddress.lockedFor("127.0.0.1")).toBe(0);
  });
});

describe("send rate", () => {
  it("a burst is allowed, then sends wait for tokens at the configured rate", async () => {
    const time = clock();
    const buckets = new TokenBuckets(2, 4, time.now);
    expect(await takeMany(buckets, "alice", 4)).toEqual([true, true, true, true]);
    expect(await buckets.take("alice")).toBe(500);
    time.advance(499);
    expect(await buckets.take("alice")).toBe(1);
    time.advance(1);
    expect(await takeMany(buckets, "alice", 2)).toEqual([true, false]);
  });

  it("each sender has their own bucket, refilled no higher than the burst", async () => {
    const time = clock();
    const buckets = new TokenBuckets(1, 2, time.now);
    expect(await takeMany(buckets, "alice", 3)).toEqual([true, true, false]);
    expect(await buckets.take("bob")).toBe(0);
    time.advance(60_000);
    expect(await takeMany(buckets, "alice", 3)).toEqual([true, true, false]);
  });

  it("a rate of 0 means unlimited", async () => {
    const buckets = new TokenBuckets(0, 0, clock().now);
    expect((await takeMany(buckets, "alice", 1000)).every(Boolean)).toBe(true);
  });
});

describe("budgets", () => {
  it("MESSAGE_RATE=0 lifts every per-user budget (not the password reset mails'); otherwise each action has its own", () => {
    const lifted = budgets({ messagesPerSecond: 0, signupRate: 10 });
    const { passwordResets, ...perUser } = lifted.actions;
    expect(Object.values(perUser).every((budget) => budget.perSecond === 0)).toBe(true);
    expect(passwordResets).toEqual(ACTION_BUDGETS.passwordResets);
    const normal = budgets({ messagesPerSecond: 20, signupRate: 10 });
    expect(normal.actions.sends).toEqual({ perSecond: 20, burst: 40 });
    expect(normal.actions.edits).toEqual(ACTION_BUDGETS.edits);
    expect(normal.actions.typing).toEqual(ACTION_BUDGETS.typing);
  });

  it("SIGNUP_RATE is per address per minute, the server-wide budget that many addresses' worth, and 0 lifts both", () => {
    expect(budgets({ messagesPerSecond: 20, signupRate: 6 })).toMatchObject({
      signupsByAddress: { perSecond: 0.1, burst: 6 },
      signups: { perSecond: 0.1 * SIGNUP_CROWD, burst: 6 * SIGNUP_CROWD },
    });
    expect(budgets({ messagesPerSecond: 20, signupRate: 0 })).toMatchObject({ signupsByAddress: { perSecond: 0 }, signups: { perSecond: 0 } });
  });

  it("each user's budget of one action is apart from their other actions and from other users", async () => {
    const time = clock();
    const limits = localLimits({ messagesPerSecond: 20, signupRate: 10 }, time.now);
    for (let i = 0; i < ACTION_BUDGETS.edits.burst; i++) expect(await limits.actions.edits.take("1")).toBe(0);
    expect(await limits.actions.edits.take("1")).toBe(500);
    expect(await limits.actions.reactions.take("1")).toBe(0);
    expect(await limits.actions.edits.take("2")).toBe(0);
  });
});
