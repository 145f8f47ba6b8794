import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeAll, guest } from "../support/people.js";
import { freshDatabase, postgresSkipReason } from "../support/postgres.js";
import { startNatter, type RunningNatter } from "../support/server.js";
import { eventually } from "../support/wait.js";

const redisUrl = process.env.REDIS_URL;
if (process.env.CI && !redisUrl) throw new Error("CI must set REDIS_URL for the Redis tests");
const skipReason = postgresSkipReason ?? (redisUrl ? undefined : "skipped: REDIS_URL is unset (CI sets it)");
const FIVE_MINUTES = 5 * 60_000;

describe.skipIf(skipReason !== undefined)(skipReason ?? "two nodes whose clocks are five minutes apart", () => {
  let database: Awaited<ReturnType<typeof freshDatabase>>;
  let onTime: RunningNatter;
  let late: RunningNatter;

  beforeAll(async () => {
    database = await freshDatabase();
    const shared = { databaseUrl: database.url, redisUrl, redisPrefix: `natter-test-${randomUUID()}` };
    onTime = await startNatter(shared);
    late = await startNatter({ ...shared, clock: () => Date.now() - FIVE_MINUTES });
  });
  afterAll(async () => {
    closeAll();
    await Promise.all([onTime.cleanup(), late.cleanup()]);
    await database.drop();
  });

  it("keep one order, the order messages were sent in, whatever the timestamps say", async () => {
    const alice = await guest(onTime.url, "alice");
    const bob = await guest(late.url, "bob");
    await alice.join("general");
    await bob.join("general");
    const seenByAlice: number[] = [];
    alice.on("message", (message) => void seenByAlice.push(message.seq));

    const sent = [];
    for (let i = 0; i < 10; i++) sent.push(await (i % 2 === 0 ? alice : bob).send("general", `turn ${i}`));
    expect(sent.map((message) => message.seq)).toEqual(sent.map((_, i) => i + 1));
    const stamp = (index: number) => new Date(sent[index]?.createdAt ?? 0).getTime();
    expect(stamp(1)).toBeLessThan(stamp(0)); // bob's node stamps five minutes early, and the order does not care

    const history = await bob.history("general", { limit: 50 });
    expect(history.messages.map((message) => message.text)).toEqual(sent.map((message) => message.text));
    await eventually(() => expect(seenByAlice).toEqual(sent.map((message) => message.seq)));
  });

  it("see each other online, because presence expiries are read off Redis's clock", async () => {
    const carol = await guest(onTime.url, "carol");
    const dave = await guest(late.url, "dave");
    await eventually(async () => {
      const names = (await carol.onlineUsers()).map((user) => user.username);
      expect(names).toEqual(expect.arrayContaining(["carol", "dave"]));
    });
    const fromTheLateNode = (await dave.onlineUsers()).map((user) => user.username);
    expect(fromTheLateNode).toEqual(expect.arrayContaining(["carol", "dave"]));
  });
});
