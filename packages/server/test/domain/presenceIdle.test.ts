import type { UserRef } from "@natter/protocol";
import { Redis } from "ioredis";
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { LocalPresence, type Presence } from "../../src/domain/presence.js";
import { RedisPresence } from "../../src/redis/redisPresence.js";

const redisUrl = process.env.REDIS_URL;
const alice: UserRef = { id: 1, username: "alice" };
const bob: UserRef = { id: 2, username: "bob" };

/** Two places alice's tabs can be: one node twice, or two nodes sharing Redis. */
const setups: { name: string; skip: boolean; nodes(): Promise<[Presence, Presence]> }[] = [
  {
    name: "one node",
    skip: false,
    async nodes() {
      const node = new LocalPresence();
      return [node, node];
    },
  },
  {
    name: "two nodes sharing Redis",
    skip: !redisUrl,
    async nodes() {
      const prefix = `idle-test-${randomUUID()}`;
      const [a, b] = [new RedisPresence(redis(), "node-a", Date.now, prefix), new RedisPresence(redis(), "node-b", Date.now, prefix)];
      return [a, b];
    },
  },
];

const clients: Redis[] = [];
function redis(): Redis {
  const client = new Redis(redisUrl ?? "");
  clients.push(client);
  return client;
}
afterAll(async () => {
  for (const client of clients) await client.quit();
});

for (const setup of setups) {
  describe.skipIf(setup.skip)(`which users are idle in every tab, on ${setup.name}`, () => {
    it("a user turns idle only when every tab is, turns back with one, and only those changes are reported", async () => {
      const [a, b] = await setup.nodes();
      await a.connected(alice, "tab-1");
      await b.connected(alice, "tab-2");
      // Tabs open idle until their node marks them in use: the first one in use is not a change worth saying.
      expect(await a.setIdle(alice, "tab-1", false)).toBe(true);
      expect(await b.setIdle(alice, "tab-2", false)).toBe(false);

      expect(await a.setIdle(alice, "tab-1", true)).toBe(false);
      expect(await a.idle([alice.id])).toEqual(new Set());
      expect(await b.setIdle(alice, "tab-2", true)).toBe(true);
      expect(await a.idle([alice.id, bob.id])).toEqual(new Set([alice.id]));
      expect(await b.idle([alice.id])).toEqual(new Set([alice.id]));

      expect(await a.setIdle(alice, "tab-1", false)).toBe(true);
      expect(await b.idle([alice.id])).toEqual(new Set());
      await a.close();
      if (b !== a) await b.close();
    });

    it("closing the one tab in use leaves the user idle; someone offline is never idle", async () => {
      const [a, b] = await setup.nodes();
      await a.connected(alice, "tab-1");
      await b.connected(alice, "tab-2");
      await a.setIdle(alice, "tab-1", false);
      expect(await a.setIdle(alice, "tab-1", true)).toBe(true);
      expect(await b.idle([alice.id])).toEqual(new Set([alice.id]));
      await a.disconnected(alice, "tab-1");
      await b.disconnected(alice, "tab-2");
      expect(await a.idle([alice.id])).toEqual(new Set());
      expect(await b.setIdle(alice, "tab-2", false)).toBe(false);
      await a.close();
      if (b !== a) await b.close();
    });

    it("one user's presence is looked up alone: online while any tab on any node is open", async () => {
      const [a, b] = await setup.nodes();
      expect(await b.isOnline(alice.id)).toBe(false);
      await a.connected(alice, "tab-1");
      await b.connected(alice, "tab-2");
      expect(await b.isOnline(alice.id)).toBe(true);
      expect(await a.isOnline(bob.id)).toBe(false);
      await a.disconnected(alice, "tab-1");
      expect(await a.isOnline(alice.id)).toBe(true);
      await b.disconnected(alice, "tab-2");
      expect(await a.isOnline(alice.id)).toBe(false);
      await a.close();
      if (b !== a) await b.close();
    });
  });
}
