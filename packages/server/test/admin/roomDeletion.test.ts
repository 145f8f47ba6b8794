import type { NatterClient } from "@natter/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PURGE_BATCH } from "../../src/domain/roomPurges.js";
import { closeAll, member } from "../support/people.js";
import type { RunningNatter } from "../support/server.js";
import { onEveryStore } from "../support/stores.js";

const MESSAGES = 20_000;

onEveryStore((store, start) => {
  describe(`deleting a big room on ${store}`, () => {
    let server: RunningNatter;
    let done: () => Promise<void>;
    let alice: NatterClient;
    let bob: NatterClient;

    beforeAll(async () => {
      ({ server, done } = await start());
      alice = await member(server.url, "alice");
      bob = await member(server.url, "bob");
    });
    afterAll(async () => {
      closeAll();
      await done();
    });

    it(`purges a room of ${MESSAGES.toLocaleString("en")} messages in batches while sends to another room all succeed and are stored`, async () => {
      const { store: db } = server.natter.domain;
      await alice.createRoom("archive-of-years");
      await bob.join("archive-of-years");
      const room = await db.roomByKey("archive-of-years");
      if (!room || !alice.user || !bob.user) throw new Error("setup failed");
      const authors = [alice.user.id, bob.user.id];
      // Written straight through the store's group commit: the point is the deletion, not 20,000 round trips.
      for (let from = 0; from < MESSAGES; from += 1_000) {
        await Promise.all(
          Array.from({ length: 1_000 }, (_, i) =>
            db.insertMessage({
              roomId: room.id,
              authorId: authors[i % 2] ?? 0,
              text: `old message ${from + i}`,
              clientMsgId: `old-${from + i}`,
              createdAt: Date.now(),
            }),
          ),
        );
      }
      expect((await db.roomById(room.id))?.last_seq).toBe(MESSAGES);
      await alice.createRoom("daily");
      await bob.join("daily");

      let deleting = true;
      const latencies: number[] = [];
      const sent: number[] = [];
      const finishedAt: number[] = [];
      const sender = async (client: NatterClient, tag: string) => {
        for (let i = 0; deleting || i < 20; i++) {
          const began = performance.now();
          const message = await client.send("daily", `${tag} ${i}`);
          latencies.push(performance.now() - began);
          finishedAt.push(performance.now());
          sent.push(message.id);
        }
      };
      const sending = Promise.all([sender(alice, "alice"), sender(bob, "bob")]);
      const began = performance.now();
      await alice.moderation.deleteRoom("archive-of-years");
      await server.natter.domain.purges.settled();
      const purgeMs = performance.now() - began;
      deleting = false;
      await sending;

      expect(await db.roomById(room.id)).toBeUndefined();
      expect(await db.messagesBefore(room.id, undefined, 10)).toEqual([]);
      const stored = await db.messagesByIds(sent);
      expect(stored).toHaveLength(sent.length);
      expect(new Set(stored.map((m) => m.text)).size).toBe(sent.length);
      // The sends went on during the purge, not only before or after it.
      const duringPurge = finishedAt.filter((at) => at > began && at < began + purgeMs).length;
      expect(duringPurge).toBeGreaterThan(2);
      const worst = Math.max(...latencies);
      console.info(
        `${store}: purged ${MESSAGES} messages in batches of ${PURGE_BATCH} in ${Math.round(purgeMs)} ms; ` +
          `${sent.length} sends to another room (${duringPurge} during the purge), all stored; worst send ${worst.toFixed(1)} ms, ` +
          `median ${[...latencies].sort((a, b) => a - b)[Math.floor(latencies.length / 2)]?.toFixed(1)} ms`,
      );
    }, 120_000);
  });
});
