import type { Message, RoomInfo, RoomRetention } from "@natter/protocol";
import { describe, expect, it } from "vitest";
import { DAY_MS, RETENTION_BATCH, trimHistory } from "../../src/domain/lifecycle/retention.js";
import type { Store } from "../../src/storage/index.js";
import { ok, registered } from "../archive/support.js";
import { http } from "../support/http.js";
import { onBothStores } from "./support.js";

/** Enough for several batches; the 100,000-message run and its send latencies are `npm run bench -- --only retention`. */
const OLD_MESSAGES = 5_000;

/** Old messages straight through the store's group commit, many at a time, as a busy server would have them. */
async function seed(store: Store, roomId: number, authorId: number, createdAt: number): Promise<void> {
  const CONCURRENT = 1_000;
  for (let first = 0; first < OLD_MESSAGES; first += CONCURRENT) {
    const writes = [];
    for (let i = first; i < Math.min(OLD_MESSAGES, first + CONCURRENT); i++) {
      writes.push(
        store.insertMessage({
          roomId,
          authorId,
          text: i % 1_000 === 0 ? `old zebra ${i}` : `old message ${i}`,
          clientMsgId: `old-${i}`,
          createdAt: createdAt + i,
        }),
      );
    }
    await Promise.all(writes);
  }
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

onBothStores((storeName, start) => {
  describe(`retention on ${storeName}`, { timeout: 600_000 }, () => {
    it("deletes 5,000 old messages in batches of at most 1,000 while sends go on, and the room says where its history begins", async () => {
      const { server, done } = await start({ retentionEveryMinutes: 10_000 });
      try {
        const { store, blobs } = server.natter.domain;
        const operator = await registered(server.url, "operator");
        await store.updateUser((await store.userByKey("operator"))?.id ?? 0, { role: "admin" });
        const alice = await registered(server.url, "alice");
        const bob = await registered(server.url, "bob");
        await ok(server.url, "POST", "/api/rooms", alice, { name: "design" });
        await ok(server.url, "POST", "/api/rooms/design/members", alice, { username: "bob" });
        const room = await store.roomByKey("design");
        const aliceId = (await store.userByKey("alice"))?.id ?? 0;
        const bobId = (await store.userByKey("bob"))?.id ?? 0;
        if (!room) throw new Error("no design room");
        const now = Date.now();
        const old = now - 60 * DAY_MS;

        await seed(store, room.id, aliceId, old);
        const say = async (text: string, clientMsgId: string, createdAt: number, extra: { replyToId?: number; fileIds?: string[] } = {}) =>
          (await store.insertMessage({ roomId: room.id, authorId: aliceId, text, clientMsgId, createdAt, ...extra })).message;
        // A thread whose first message is old but whose reply is recent keeps its first message; an old thread goes whole.
        const livelyRoot = await say("old question, recent answer", "lively", old);
        await say("a recent answer", "lively-reply", now, { replyToId: livelyRoot.id });
        const staleRoot = await say("old question", "stale", old);
        await say("old answer zebra", "stale-reply", old + 1, { replyToId: staleRoot.id });
        await store.changeMessage(room.id, staleRoot.id, { kind: "react", userId: bobId, emoji: "👍", on: true, at: old });
        await blobs.put("oldfile", Buffer.from("old bytes"));
        await store.insertFile({
          id: "oldfile",
          owner_id: aliceId,
          room_id: null,
          message_id: null,
          name: "old.txt",
          type: "text/plain",
          size: 9,
          width: null,
          height: null,
          blob_key: "oldfile",
          thumb_key: null,
          created_at: old,
        });
        await say("an old file", "with-file", old, { fileIds: ["oldfile"] });
        await say("a recent message", "recent", now);
        const before = await ok<{ results: unknown[] }>(server.url, "GET", "/api/search?q=zebra&room=design", bob);
        expect(before.results.length).toBeGreaterThan(0);

        const set = await ok<{ retention: RoomRetention }>(server.url, "PUT", "/api/rooms/design/retention", operator, { days: 30 });
        expect(set.retention).toMatchObject({ room: "design", days: 30, effectiveDays: 30, historyStartsAt: null });
        const refused = await http(server.url, "PUT", "/api/rooms/design/retention", { token: alice, body: { days: 1 } });
        expect(refused.status).toBe(403);

        // The same sends with nothing else going on, for comparison: this machine's load moves both alike.
        const quiet: number[] = [];
        for (let i = 0; i < 20; i++) {
          const started = performance.now();
          await ok(server.url, "POST", "/api/rooms/design/messages", bob, { text: `before retention ${i}`, clientMsgId: `before-${i}` });
          quiet.push(performance.now() - started);
        }
        const quietSorted = [...quiet].sort((a, b) => a - b);

        // bob sends one message after another for as long as retention runs, timing each from request to answer.
        let trimming = true;
        const latencies: number[] = [];
        const sent: string[] = [];
        const sending = (async () => {
          for (let i = 0; trimming || i < 20; i++) {
            const clientMsgId = `during-${i}`;
            const started = performance.now();
            await ok(server.url, "POST", "/api/rooms/design/messages", bob, { text: `sent during retention ${i}`, clientMsgId });
            latencies.push(performance.now() - started);
            sent.push(clientMsgId);
          }
        })();
        const report = await trimHistory(server.natter.domain).finally(() => (trimming = false));
        await sending;

        const sorted = [...latencies].sort((a, b) => a - b);
        console.log(
          `retention on ${storeName}: ${report.deleted} messages in ${report.batches} batches (slowest ${report.slowestBatchMs.toFixed(1)} ms); ${sorted.length} sends meanwhile, ` +
            `latency p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p99 ${percentile(sorted, 0.99).toFixed(1)} ms, max ${percentile(sorted, 1).toFixed(1)} ms ` +
            `(without retention: p50 ${percentile(quietSorted, 0.5).toFixed(1)} ms, max ${percentile(quietSorted, 1).toFixed(1)} ms)`,
        );
        expect(report.deleted).toBe(OLD_MESSAGES + 3);
        expect(report.batches).toBeGreaterThanOrEqual(Math.ceil(report.deleted / RETENTION_BATCH));

        const left: Message[] = [];
        for (let after = 0; ;) {
          const page = await ok<{ messages: Message[]; hasNewer: boolean }>(server.url, "GET", `/api/messages?room=design&after=${after}&limit=100`, bob);
          left.push(...page.messages);
          if (!page.hasNewer || page.messages.length === 0) break;
          after = page.messages[page.messages.length - 1]?.seq ?? after;
        }
        const texts = left.map((m) => m.text);
        expect(texts.filter((t) => t.startsWith("old zebra") || t.startsWith("old message") || t === "old question" || t === "an old file")).toEqual([]);
        expect(texts).toEqual(expect.arrayContaining(["old question, recent answer", "a recent message"]));
        expect(left.find((m) => m.text === "old question, recent answer")?.replyCount).toBe(1);
        expect(sent.length).toBeGreaterThanOrEqual(20);
        expect(left.filter((m) => m.author.username === "bob" && m.clientMsgId.startsWith("during-")).map((m) => m.clientMsgId)).toEqual(sent);
        expect(await blobs.get("oldfile")).toBeUndefined();
        expect(await store.fileById("oldfile")).toBeUndefined();
        expect(await store.reactionsFor([staleRoot.id])).toEqual([]);
        const after = await ok<{ results: unknown[] }>(server.url, "GET", "/api/search?q=zebra&room=design", bob);
        expect(after.results).toEqual([]);

        const info = await ok<{ room: RoomInfo }>(server.url, "GET", "/api/rooms/design", bob);
        expect(info.room.retentionDays).toBe(30);
        expect(Date.parse(info.room.historyStartsAt ?? "")).toBeGreaterThan(now - 31 * DAY_MS);
        // Nothing is left to do: a second pass deletes nothing.
        expect((await trimHistory(server.natter.domain)).deleted).toBe(0);
      } finally {
        await done();
      }
    });

    it("runs on one node at a time: the lease is another holder's until it lapses", async () => {
      const { server, done } = await start({ retentionEveryMinutes: 10_000 });
      try {
        const { store } = server.natter.domain;
        const now = Date.now();
        // This node took the lease when it started; another node is refused until it lapses.
        expect(await store.takeLease("retention", "other-node", now, now + 1_000)).toBe(false);
        expect(await store.takeLease("retention", "other-node", now + 2 * 10_000 * 60_000 + 1, now + 3 * 10_000 * 60_000)).toBe(true);
        expect(await server.natter.lifecycle.runOnce()).toBe(false);
      } finally {
        await done();
      }
    });
  });
});
