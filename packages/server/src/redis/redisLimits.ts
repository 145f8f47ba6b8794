import type { Redis } from "ioredis";
import { randomUUID } from "node:crypto";
import { budgets, LOGIN_LIMITS, localLimits, perAction, type Budget, type LimitSettings, type Limits } from "../domain/limits.js";
import type { ActionLimiter, FailureCounter } from "../domain/rateLimit.js";

// The scripts read Redis's clock, not the node's: a node whose clock is off cannot stretch or shrink a window.
const NOW_MS = `local t = redis.call("TIME") local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)`;

/** KEYS[1] a sorted set of failures; ARGV[1] the window in ms, ARGV[2] the limit. Returns 0, or the ms until one leaves. */
const LOCKED_FOR = `${NOW_MS}
local window = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
redis.call("ZREMRANGEBYSCORE", KEYS[1], "-inf", now - window)
local count = redis.call("ZCARD", KEYS[1])
if count < limit then return 0 end
local freeing = redis.call("ZRANGE", KEYS[1], count - limit, count - limit, "WITHSCORES")
return math.max(1, tonumber(freeing[2]) + window - now)`;

/** KEYS[1] a sorted set of failures; ARGV[1] the window in ms, ARGV[2] a unique member. */
const RECORD = `${NOW_MS}
redis.call("ZADD", KEYS[1], now, ARGV[2])
redis.call("PEXPIRE", KEYS[1], ARGV[1])
return 1`;

/** KEYS[1] a bucket; ARGV[1] tokens per second, ARGV[2] the burst. Returns 0 when a token was taken, else the ms to wait. */
const TAKE = `${NOW_MS}
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local state = redis.call("HMGET", KEYS[1], "tokens", "at")
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - at) / 1000 * rate)
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = math.max(1, math.ceil((1 - tokens) / rate * 1000 - 1e-6))
end
redis.call("HSET", KEYS[1], "tokens", tostring(tokens), "at", tostring(now))
redis.call("PEXPIRE", KEYS[1], math.ceil(burst / rate * 1000) + 1000)
return wait`;

/**
 * Limits shared by every node through Redis, so a client cannot multiply its allowance by spreading over
 * nodes. While Redis is away each node falls back to its own in-memory limits rather than refusing everyone.
 */
export function redisLimits(redis: Redis, settings: LimitSettings, prefix: string): Limits {
  const local = localLimits(settings);
  const all = budgets(settings);
  const shared = (name: string, budget: Budget, fallback: ActionLimiter) => new RedisTokenBuckets(redis, `${prefix}:limit:${name}`, budget, fallback);
  const actions = perAction((action) => shared(action, all.actions[action], local.actions[action]));
  return {
    failedLoginsByAccount: new RedisWindowCounter(
      redis,
      `${prefix}:limit:login:account`,
      LOGIN_LIMITS.perAccount,
      LOGIN_LIMITS.windowMs,
      local.failedLoginsByAccount,
    ),
    failedLoginsByAddress: new RedisWindowCounter(
      redis,
      `${prefix}:limit:login:address`,
      LOGIN_LIMITS.perAddress,
      LOGIN_LIMITS.windowMs,
      local.failedLoginsByAddress,
    ),
    failedCodesByAccount: new RedisWindowCounter(
      redis,
      `${prefix}:limit:code:account`,
      LOGIN_LIMITS.perAccount,
      LOGIN_LIMITS.windowMs,
      local.failedCodesByAccount,
    ),
    actions,
    signupsByAddress: shared("signup:address", all.signupsByAddress, local.signupsByAddress),
    signups: shared("signup:all", all.signups, local.signups),
  };
}

class RedisWindowCounter implements FailureCounter {
  constructor(
    private readonly redis: Redis,
    private readonly name: string,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly fallback: FailureCounter,
  ) {}

  async lockedFor(key: string): Promise<number> {
    try {
      return Number(await this.redis.eval(LOCKED_FOR, 1, this.key(key), this.windowMs, this.limit));
    } catch {
      return this.fallback.lockedFor(key);
    }
  }

  async record(key: string): Promise<void> {
    try {
      await this.redis.eval(RECORD, 1, this.key(key), this.windowMs, randomUUID());
    } catch {
      await this.fallback.record(key);
    }
  }

  async clear(key: string): Promise<void> {
    await Promise.all([this.redis.del(this.key(key)).catch(() => undefined), this.fallback.clear(key)]);
  }

  private key(key: string): string {
    return `${this.name}:${key}`;
  }
}

class RedisTokenBuckets implements ActionLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly name: string,
    private readonly budget: Budget,
    private readonly fallback: ActionLimiter,
  ) {}

  async take(key: string): Promise<number> {
    if (this.budget.perSecond <= 0) return 0;
    try {
      return Number(await this.redis.eval(TAKE, 1, `${this.name}:${key}`, this.budget.perSecond, this.budget.burst));
    } catch {
      return this.fallback.take(key);
    }
  }
}
