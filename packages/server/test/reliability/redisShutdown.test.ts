import { Writable } from "node:stream";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { connectRedis, waitUntilReady } from "../../src/redis/redisClients.js";

const redisUrl = process.env.REDIS_URL;
if (process.env.CI && !redisUrl) throw new Error("CI must set REDIS_URL for the Redis tests");
const skipReason = redisUrl ? undefined : "skipped: REDIS_URL is unset (CI sets it)";

describe.skipIf(skipReason !== undefined)(skipReason ?? "a node closing its Redis connections", () => {
  it("survives a broadcast the Socket.IO adapter publishes after Redis was closed: it is logged, not left to end the process", async () => {
    const lines: string[] = [];
    const logger = pino({ level: "warn" }, new Writable({ write: (chunk: Buffer, _encoding, done) => done(null, void lines.push(chunk.toString())) }));
    const clients = connectRedis(redisUrl ?? "", logger);
    await waitUntilReady(clients, 5_000);
    await clients.close();
    await expect(clients.pub.publish("natter-test:closed", "late broadcast")).resolves.toBe(0);
    expect(lines.join("")).toContain("redis unavailable");
  });
});
