import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { usernameKey } from "../../src/domain/usernames.js";
import { importSlack } from "../../src/importers/slack/importSlack.js";
import type { ImportDomain } from "../../src/importers/slack/context.js";
import type { MessageWithAuthor, RoomRow, Store } from "../../src/storage/index.js";
import type { RunningNatter } from "../support/server.js";
import { onEveryStore } from "../support/stores.js";
import { DAY, sampleExport } from "./support/sampleExport.js";
import { ts, writeSlackExport } from "./support/slackExport.js";

const folder = mkdtempSync(join(tmpdir(), "natter-slack-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

async function exportFile(name: string, files = sampleExport()): Promise<string> {
  const path = join(folder, name);
  await writeSlackExport(path, files);
  return path;
}

async function roomNamed(store: Store, name: string): Promise<RoomRow> {
  const room = await store.roomByKey(name);
  if (!room) throw new Error(`no room ${name}`);
  return room;
}

async function history(store: Store, room: RoomRow): Promise<MessageWithAuthor[]> {
  return store.messagesAfter(room.id, 0, 100);
}

async function userNamed(store: Store, name: string) {
  const user = await store.userByKey(usernameKey(name));
  if (!user) throw new Error(`no user ${name}`);
  return user;
}

onEveryStore((storeName, start) => {
  describe(`on ${storeName}, a Slack export`, () => {
    let server: RunningNatter;
    let done: () => Promise<void>;
    let store: Store;
    let domain: ImportDomain;

    beforeAll(async () => {
      ({ server, done } = await start());
      domain = server.natter.domain;
      store = domain.store;
    });
    afterAll(() => done());

    it("a dry run reads everything, counts what it would bring and writes nothing", async () => {
      const report = await importSlack(domain, await exportFile(`dry-${storeName}.zip`), { dryRun: true });
      expect(report.counts).toMatchObject({ users: 7, rooms: 5, messages: 14, replies: 2, files: 1, filesWithoutBytes: 1, alreadyImported: 0 });
      expect(await store.userByKey(usernameKey("alice"))).toBeUndefined();
      expect(await store.roomByKey("design")).toBeUndefined();
    });

    it("becomes accounts, rooms, members and every message in ts order at its original time", async () => {
      const report = await importSlack(domain, await exportFile(`first-${storeName}.zip`));
      // alice, bob, carol, admin-2, deploybot, the ci bot and the unknown U99GHOST; Slack's #general joins Natter's.
      expect(report.counts).toMatchObject({ users: 7, rooms: 5, messages: 14, replies: 2, reactions: 3, files: 1, filesWithoutBytes: 1, alreadyImported: 0 });
      const alice = await userNamed(store, "alice");
      expect(alice).toMatchObject({ password_hash: null, display_name: "Alice A.", email: "alice@example.com" });
      expect(alice.email_verified_at).not.toBeNull();
      expect((await userNamed(store, "admin-2")).password_hash).toBeNull();

      const general = await roomNamed(store, "general");
      const messages = await history(store, general);
      expect(messages.map((m) => m.text.split("\n")[0])).toEqual([
        "first, with a thread",
        "a reply",
        "second",
        "a reply for everyone",
        expect.stringContaining("**bold**"),
        "typo fixed",
        "@alice set the channel topic: Launch week",
        "Build **passed**",
        "who am I",
        "the logo",
        "day three",
      ]);
      expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i + 1));
      expect(messages[0]?.created_at).toBe(DAY.DAY1 * 1000);
      expect(messages.at(-1)?.created_at).toBe(DAY.DAY3 * 1000);
      expect(general.topic).toBe("Launch week");
      expect(messages.find((m) => m.text === "Build **passed**")?.author_name).toBe("ci-bot");
      expect(messages.find((m) => m.text === "who am I")?.author_name).toBe("slack-U99GHOST");
    });

    it("keeps threads, reactions, edits, markup, mentions and files", async () => {
      const general = await roomNamed(store, "general");
      const messages = await history(store, general);
      const root = messages[0];
      expect(root).toMatchObject({ reply_count: 2, reply_to_id: null, in_room: 1 });
      const replies = await store.replies(root?.id ?? 0);
      expect(replies.map((r) => [r.text, r.in_room])).toEqual([
        ["a reply", 0],
        ["a reply for everyone", 1],
      ]);

      const marked = messages.find((m) => m.text.includes("**bold**"));
      expect(marked?.text).toBe(
        "**bold** and ~~gone~~ and _slanted_ @bob in #design see [the docs](https://example.com/a?b=1&c=2) or https://example.com <3 :tada: `*not bold*`",
      );
      const bob = await userNamed(store, "bob");
      const carol = await userNamed(store, "carol");
      expect(marked?.mention_ids).toBe(String(bob.id));
      const reactions = await store.reactionsFor([marked?.id ?? 0]);
      expect(reactions.map((r) => [r.user_id, r.emoji]).sort()).toEqual(
        [
          [bob.id, "👍"],
          [carol.id, "👍"],
          [bob.id, "🎉"],
        ].sort(),
      );
      expect(marked?.reaction_count).toBe(3);

      const edited = messages.find((m) => m.text === "typo fixed");
      expect(edited?.edited_at).toBe((DAY.DAY1 + 200) * 1000);
      expect(messages.find((m) => m.text === "second")?.edited_at).toBeNull();

      const withFiles = messages.find((m) => m.text.startsWith("the logo"));
      expect(withFiles?.text).toBe("the logo\n📎 spec.pdf");
      const files = await store.filesOfMessages([withFiles?.id ?? 0]);
      expect(files.map((f) => [f.name, f.type, f.room_id])).toEqual([["logo.png", "image/png", general.id]]);

      const design = await roomNamed(store, "design");
      const [review] = await history(store, design);
      expect(review).toMatchObject({ text: "@room review please, @bob", mentions_room: 1, mention_ids: String(bob.id) });
    });

    it("makes public, private, archived, direct and group direct rooms with their members, read to the end", async () => {
      const names = async (room: RoomRow) => (await store.members(room.id)).map((m) => m.username).sort();
      const general = await roomNamed(store, "general");
      // Joins make members; leaving is not kept; everyone is in general anyway.
      expect(await names(general)).toEqual(expect.arrayContaining(["admin-2", "alice", "bob", "carol"]));
      const secret = await roomNamed(store, "secret");
      expect(secret.kind).toBe("private");
      expect(await names(secret)).toEqual(["alice", "carol"]);
      expect((await history(store, secret)).map((m) => m.text)).toEqual(["private words"]);
      const old = await roomNamed(store, "old-news");
      expect(old.archived_at).not.toBeNull();
      const design = await roomNamed(store, "design");
      expect(design.topic).toBe("Pixels");
      expect((await store.members(design.id)).find((m) => m.username === "alice")?.role).toBe("owner");

      const [alice, bob, carol] = await Promise.all(["alice", "bob", "carol"].map((name) => userNamed(store, name)));
      const dm = await store.roomByDmKey([alice.id, bob.id].sort((a, b) => a - b).join(","));
      expect(dm?.kind).toBe("dm");
      expect((await history(store, dm as RoomRow)).map((m) => m.text)).toEqual(["just us"]);
      const group = await store.roomByDmKey([alice.id, bob.id, carol.id].sort((a, b) => a - b).join(","));
      expect((await history(store, group as RoomRow)).map((m) => m.text)).toEqual(["the three of us"]);

      // Imported history arrives read: no wall of unread messages and mentions.
      expect(await store.roomCounts(design.id, bob.id, (await store.membership(design.id, bob.id))?.last_read_seq ?? 0)).toEqual({ unread: 0, mentions: 0 });
    });

    it("imported messages can be searched", async () => {
      const bob = await userNamed(store, "bob");
      const hits = await store.searchMessages({ userId: bob.id, terms: ["typo"], limit: 10 });
      expect(hits.map((h) => h.text)).toEqual(["typo fixed"]);
      const carol = await userNamed(store, "carol");
      expect((await store.searchMessages({ userId: carol.id, terms: ["words"], limit: 10 })).map((h) => h.text)).toEqual(["private words"]);
    });

    it("reports what it skipped and why", async () => {
      const report = await importSlack(domain, await exportFile(`report-${storeName}.zip`), { dryRun: true });
      const lines = report.skips().map((s) => `${s.what}: ${s.reason}`);
      expect(lines).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^users\.json item 5: id/),
          expect.stringMatching(/^general\/2024-03-02\.json: not readable JSON/),
          expect.stringMatching(/^general\/2024-03-01\.json item \d+: ts/),
          expect.stringMatching(/^1 "pinned_item" message: no counterpart/),
          expect.stringMatching(/^1 "channel_leave" message: leaving is not kept/),
          expect.stringMatching(/:partyparrot:: a custom emoji/),
          expect.stringMatching(/^stray\/ \(1 day files\): no channel/),
        ]),
      );
    });

    it("a second run stores nothing twice", async () => {
      const general = await roomNamed(store, "general");
      const before = await history(store, general);
      const report = await importSlack(domain, await exportFile(`again-${storeName}.zip`));
      expect(report.counts).toMatchObject({ users: 0, rooms: 0, messages: 0, replies: 0, reactions: 0, files: 0, alreadyImported: 16 });
      const after = await history(store, general);
      expect(after.map((m) => [m.id, m.seq, m.text])).toEqual(before.map((m) => [m.id, m.seq, m.text]));
      expect((await store.filesOfMessages(after.map((m) => m.id))).length).toBe(1);
    });

    it("a run that crashed midway goes on where it stopped, with nothing lost or doubled", async () => {
      const days = Array.from({ length: 5 }, (_, d) => d);
      const files = {
        "users.json": [{ id: "U01DAN", name: "dan" }],
        "channels.json": [{ id: "C09LONG", name: "long-history", members: ["U01DAN"] }],
        ...Object.fromEntries(
          days.map((d) => [
            `long-history/2024-04-0${d + 1}.json`,
            Array.from({ length: 20 }, (_, i) => ({ type: "message", user: "U01DAN", text: `day ${d} message ${i}`, ts: ts(DAY.DAY1 + d * 86_400 + i) })),
          ]),
        ),
      };
      const path = await exportFile(`crash-${storeName}.zip`, files);
      let batches = 0;
      const crashing: Store = Object.create(store) as Store;
      crashing.importMessages = async (batch) => {
        if (++batches === 4) throw new Error("power cut");
        return store.importMessages(batch);
      };
      await expect(importSlack({ ...domain, store: crashing }, path, { batchSize: 15 })).rejects.toThrow("power cut");
      const room = await roomNamed(store, "long-history");
      const stored = await store.messagesAfter(room.id, 0, 200);
      expect(stored.length).toBe(45);

      const resumed = await importSlack(domain, path, { batchSize: 15 });
      expect(resumed.counts).toMatchObject({ messages: 55, alreadyImported: 45, users: 0, rooms: 0 });
      const all = await store.messagesAfter(room.id, 0, 200);
      expect(all.map((m) => m.text)).toEqual(days.flatMap((d) => Array.from({ length: 20 }, (_, i) => `day ${d} message ${i}`)));
      expect(all.map((m) => m.seq)).toEqual(all.map((_, i) => i + 1));
    });

    it("a reply finds its thread's first message stored by an earlier batch or an earlier run", async () => {
      const message = (i: number, thread?: number) => ({
        type: "message",
        user: "U01EVE",
        text: `long thread ${i}`,
        ts: ts(DAY.DAY1 + i),
        ...(thread === undefined ? {} : { thread_ts: ts(DAY.DAY1 + thread) }),
      });
      const first = {
        "users.json": [{ id: "U01EVE", name: "eve" }],
        "channels.json": [{ id: "C10THREADS", name: "long-threads", members: ["U01EVE"] }],
        "long-threads/2024-04-01.json": [message(0), message(1), message(2, 0), message(3), message(4, 0), message(5, 1)],
      };
      const path = await exportFile(`threads-${storeName}.zip`, first);
      expect((await importSlack(domain, path, { batchSize: 2 })).counts).toMatchObject({ messages: 3, replies: 3 });
      const later = { ...first, "long-threads/2024-04-02.json": [message(86_400, 0), message(86_401, 3)] };
      const again = await importSlack(domain, await exportFile(`threads-later-${storeName}.zip`, later), { batchSize: 2 });
      expect(again.counts).toMatchObject({ messages: 0, replies: 2, alreadyImported: 6 });
      expect(again.skips()).toEqual([]);

      const room = await roomNamed(store, "long-threads");
      const roots = (await history(store, room)).filter((m) => m.reply_to_id === null);
      expect(roots.map((m) => [m.text, m.reply_count])).toEqual([
        ["long thread 0", 3],
        ["long thread 1", 1],
        ["long thread 3", 1],
      ]);
      expect((await store.replies(roots[0]?.id ?? 0)).map((m) => m.text)).toEqual(["long thread 2", "long thread 4", "long thread 86400"]);
    });
  });
});
