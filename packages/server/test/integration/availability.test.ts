import type { NatterClient } from "@natter/client";
import { availabilityResponseSchema, profileResponseSchema, type AvailabilityEvent } from "@natter/protocol";
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { isDoNotDisturb } from "../../src/domain/availability.js";
import { http } from "../support/http.js";
import { anotherTab, closeAll, member } from "../support/people.js";
import { freshDatabase, postgresUrl } from "../support/postgres.js";
import { startNatter, type RunningNatter } from "../support/server.js";
import { eventually } from "../support/wait.js";

const redisUrl = process.env.REDIS_URL;
const HOUR_MS = 3_600_000;

interface Setup {
  name: string;
  skip: boolean;
  /** The node alice uses, and the one her watcher uses: the same one, or two sharing PostgreSQL and Redis. */
  start(): Promise<{ alices: RunningNatter; watchers: RunningNatter; stop(): Promise<void> }>;
}

const setups: Setup[] = [
  {
    name: "one node on SQLite",
    skip: false,
    async start() {
      const server = await startNatter();
      return { alices: server, watchers: server, stop: () => server.cleanup() };
    },
  },
  {
    name: "two nodes sharing PostgreSQL and Redis",
    skip: !postgresUrl || !redisUrl,
    async start() {
      const database = await freshDatabase();
      const shared = { databaseUrl: database.url, redisUrl, redisPrefix: `availability-${randomUUID()}` };
      const a = await startNatter(shared);
      const b = await startNatter(shared);
      return { alices: a, watchers: b, stop: async () => (await a.cleanup(), await b.cleanup(), await database.drop()) };
    },
  },
];

for (const setup of setups) {
  describe.skipIf(setup.skip)(`away, do-not-disturb and a custom status on ${setup.name}`, { timeout: 60_000 }, () => {
    let nodes: Awaited<ReturnType<Setup["start"]>>;
    beforeAll(async () => (nodes = await setup.start()), 60_000);
    afterEach(closeAll);
    afterAll(() => nodes.stop(), 60_000);

    const seen = (client: NatterClient, username: string) => {
      const events: AvailabilityEvent[] = [];
      client.on("availability", (event) => event.user.username === username && events.push(event));
      return events;
    };
    const pair = async (tag: string) => {
      const alice = await member(nodes.alices.url, `alice-${tag}`);
      const bob = await member(nodes.watchers.url, `bob-${tag}`);
      await alice.join("general");
      await bob.join("general");
      return { alice, bob, events: seen(bob, `alice-${tag}`) };
    };

    it("do-not-disturb for an hour is seen live by a roommate on the other node, answered by isDoNotDisturb, and turned off", async () => {
      const { alice, bob, events } = await pair("dnd");
      const until = new Date(Date.now() + HOUR_MS).toISOString();
      const set = await alice.setAvailability({ dnd: { until } });
      expect(set).toMatchObject({ dnd: true, dndUntil: until, away: false });
      await eventually(() => expect(events.at(-1)?.availability).toMatchObject({ dnd: true, dndUntil: until }));
      const aliceId = (await bob.profile("alice-dnd")).id;
      for (const node of [nodes.alices, nodes.watchers]) {
        expect(await isDoNotDisturb(node.natter.domain, aliceId, Date.now())).toBe(true);
        expect(await isDoNotDisturb(node.natter.domain, aliceId, Date.now() + 2 * HOUR_MS)).toBe(false);
      }
      expect((await bob.join("general")).availability?.[String(aliceId)]).toMatchObject({ dnd: true });

      await alice.setAvailability({ dnd: null });
      await eventually(() => expect(events.at(-1)?.availability.dnd).toBe(false));
      expect(await isDoNotDisturb(nodes.watchers.natter.domain, aliceId, Date.now())).toBe(false);
    });

    it("do-not-disturb until turned off has no end, and a restart of the page keeps it", async () => {
      const { alice, bob } = await pair("forever");
      await alice.setAvailability({ dnd: { until: null } });
      const profile = await bob.profile("alice-forever");
      expect(profile.availability).toMatchObject({ dnd: true, dndUntil: null });
      expect(await isDoNotDisturb(nodes.watchers.natter.domain, profile.id, Date.now() + 365 * 24 * HOUR_MS)).toBe(true);
    });

    it("a custom status with an emoji shows to others; old clients read its text as the status, and clearing it clears both", async () => {
      const { alice, bob, events } = await pair("status");
      const expiresAt = new Date(Date.now() + HOUR_MS).toISOString();
      await alice.setAvailability({ customStatus: { emoji: "🍜", text: "午饭", expiresAt } });
      await eventually(() => expect(events.at(-1)?.availability).toMatchObject({ statusEmoji: "🍜", statusText: "午饭", statusExpiresAt: expiresAt }));
      const answer = await http(nodes.watchers.url, "GET", "/api/users/alice-status", { token: bob.token ?? "" });
      const { user } = profileResponseSchema.parse(answer.body);
      expect(user.status).toBe("午饭");
      const members = await bob.members("general");
      expect(members.find((m) => m.user.username === "alice-status")?.availability).toMatchObject({ statusEmoji: "🍜" });

      await alice.setAvailability({ customStatus: null });
      await eventually(() => expect(events.at(-1)?.availability).toMatchObject({ statusEmoji: "", statusText: "" }));
      expect((await bob.profile("alice-status")).status).toBe("");
    });

    it("away is chosen, or comes when every tab of the user is idle, and goes when one is in use again", async () => {
      const { alice, events } = await pair("away");
      const awayNow = () => events.at(-1)?.availability;
      // Her one tab idle: away.
      alice.activity(true);
      await eventually(() => expect(awayNow()).toMatchObject({ away: true, awayChosen: false }));
      // A tab opens in use, on the other node: back. (Waiting for it also means that node has counted the tab.)
      const secondTab = await anotherTab(nodes.watchers.url, alice);
      await eventually(() => expect(awayNow()?.away).toBe(false));
      // Idle in every tab again: away once more, and only once.
      secondTab.activity(true);
      await eventually(() => expect(awayNow()).toMatchObject({ away: true, awayChosen: false }));
      expect(events.map((e) => e.availability.away)).toEqual([true, false, true]);
      secondTab.activity(false);
      await eventually(() => expect(awayNow()?.away).toBe(false));

      await alice.setAvailability({ away: true });
      await eventually(() => expect(events.at(-1)?.availability).toMatchObject({ away: true, awayChosen: true }));
      await alice.setAvailability({ away: false });
      await eventually(() => expect(events.at(-1)?.availability.away).toBe(false));
    });

    it("an end in the past or a made-up emoji is refused with a clear 400", async () => {
      const { alice } = await pair("bad");
      const token = alice.token ?? "";
      const past = await http(nodes.alices.url, "PUT", "/api/me/availability", { token, body: { dnd: { until: "2020-01-01T00:00:00Z" } } });
      expect(past.status).toBe(400);
      expect(past.body).toMatchObject({ error: { code: "BAD_REQUEST", message: expect.stringContaining("future") } });
      const word = await http(nodes.alices.url, "PUT", "/api/me/availability", {
        token,
        body: { customStatus: { emoji: "lunch", text: "", expiresAt: null } },
      });
      expect(word.status).toBe(400);
      const fine = await http(nodes.alices.url, "PUT", "/api/me/availability", { token, body: {} });
      expect(availabilityResponseSchema.parse(fine.body).availability.dnd).toBe(false);
    });
  });
}
