import type { Message, ReadEvent, RoomSummary } from "@natter/protocol";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { anotherTab, closeAll, firstAdmin, member } from "../support/people.js";
import type { RunningNatter } from "../support/server.js";
import { onEveryStore, type StartServer } from "../support/stores.js";
import { eventually } from "../support/wait.js";

onEveryStore(rules);

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => ({ code: "NONE" }),
    (error: { code: string }) => ({ code: error.code }),
  );

function rules(store: string, start: StartServer) {
  describe(`who may do what in a conversation, on ${store}`, () => {
    let server: RunningNatter;
    let done: () => Promise<void>;
    beforeAll(async () => ({ server, done } = await start()));
    afterEach(closeAll);
    afterAll(() => done());

    it("only the author edits a message; the author, room owners and admins delete it, and nobody else", async () => {
      const owner = await member(server.url, "olive");
      const author = await member(server.url, "arthur");
      const bystander = await member(server.url, "bianca");
      const helper = await member(server.url, "hugo");
      await owner.createRoom("kitchen");
      for (const person of [author, bystander, helper]) await person.join("kitchen");
      await owner.setMemberRole("kitchen", "hugo", "admin");

      const message = await author.send("kitchen", "the soup is ready");
      expect(await refusal(owner.edit("kitchen", message.id, "owners cannot put words in mouths"))).toEqual({ code: "FORBIDDEN" });
      expect(await refusal(bystander.edit("kitchen", message.id, "nor can anyone else"))).toEqual({ code: "FORBIDDEN" });
      expect(await refusal(bystander.delete("kitchen", message.id))).toEqual({ code: "FORBIDDEN" });
      await expect(author.edit("kitchen", message.id, "the soup is ready!")).resolves.toMatchObject({ text: "the soup is ready!" });

      const second = await author.send("kitchen", "and the bread");
      await expect(helper.delete("kitchen", second.id)).resolves.toMatchObject({ deleted: true });
      await expect(owner.delete("kitchen", message.id)).resolves.toMatchObject({ deleted: true });
      const history = await bystander.history("kitchen");
      expect(history.messages.map((m) => [m.seq, m.deleted])).toEqual([
        [1, true],
        [2, true],
      ]);
    });

    it("owners and admins invite, remove, rename, set the topic and archive; members cannot; a server admin can everywhere", async () => {
      // A server of its own, so that its first admin is this test's.
      const own = await start();
      try {
        const first = await firstAdmin(own.server, "zoe");
        expect(first.user?.role).toBe("admin");
        const owner = await member(own.server.url, "oscar");
        const plain = await member(own.server.url, "mia");
        expect(owner.user?.role).toBe("user");
        await owner.createRoom("studio", "", { private: true });
        await owner.invite("studio", "mia");
        await plain.join("studio");

        expect(await refusal(plain.invite("studio", "zoe"))).toEqual({ code: "FORBIDDEN" });
        expect(await refusal(plain.updateRoom("studio", { topic: "mine now" }))).toEqual({ code: "FORBIDDEN" });
        expect(await refusal(plain.removeMember("studio", "oscar"))).toEqual({ code: "FORBIDDEN" });

        await expect(owner.updateRoom("studio", { topic: "paint" })).resolves.toMatchObject({ topic: "paint" });
        await expect(owner.updateRoom("studio", { name: "atelier" })).resolves.toMatchObject({ name: "atelier" });
        await expect(plain.history("atelier")).resolves.toBeDefined();
        await expect(owner.updateRoom("atelier", { archived: true })).resolves.toMatchObject({ archived: true });
        expect((await refusal(plain.send("atelier", "anyone here?", { giveUpAfterMs: 2_000 }))).code).not.toBe("NONE");

        // The server's admin: it may act in a private room it is not in, and promote others.
        await expect(first.updateRoom("atelier", { archived: false })).resolves.toMatchObject({ archived: false });
        await first.removeMember("atelier", "mia");
        expect(await refusal(plain.history("atelier"))).toEqual({ code: "NOT_FOUND" });
        expect(await refusal(plain.setServerRole("oscar", "admin"))).toEqual({ code: "FORBIDDEN" });
        await expect(first.setServerRole("mia", "admin")).resolves.toMatchObject({ role: "admin" });
        await expect(plain.updateRoom("atelier", { topic: "admins reach every room" })).resolves.toMatchObject({ topic: "admins reach every room" });
      } finally {
        closeAll();
        await own.done();
      }
    });

    it("a reaction added by many people at once counts each person once, and toggling off removes only theirs", async () => {
      const people = await Promise.all(Array.from({ length: 8 }, (_, i) => member(server.url, `fan${i}`)));
      const [poster] = people;
      if (!poster) throw new Error("no poster");
      await Promise.all(people.map((person) => person.join("general")));
      const message = await poster.send("general", "vote with 🎉");
      await Promise.all(people.flatMap((person) => [person.react("general", message.id, "🎉"), person.react("general", message.id, "🎉")]));
      await people[3]?.react("general", message.id, "🎉", false);
      const [final] = (await poster.history("general", { after: message.seq - 1, limit: 1 })).messages;
      expect(final?.reactions).toEqual([expect.objectContaining({ emoji: "🎉", count: 7 })]);
    });

    it("a client offline while messages are edited, deleted and reacted to sees the final state when it reconnects", async () => {
      const alice = await member(server.url, "alba");
      const bob = await member(server.url, "bruno");
      await alice.join("general");
      await bob.join("general");
      const kept = await alice.send("general", "keep me");
      const doomed = await alice.send("general", "delete me");
      await eventually(() => expect(bob.lastSeq("general")).toBe(doomed.seq));
      const updates = new Map<number, Message>();
      bob.on("message_updated", (message) => void updates.set(message.id, message));
      const arrived: Message[] = [];
      bob.on("message", (message) => void arrived.push(message));

      bob.disconnect();
      await alice.edit("general", kept.id, "kept, and edited");
      await alice.react("general", kept.id, "❤️");
      await alice.delete("general", doomed.id);
      const later = await alice.send("general", "sent while bob was away");
      await bob.connect();

      await eventually(() => {
        expect(updates.get(kept.id)).toMatchObject({ text: "kept, and edited", reactions: [expect.objectContaining({ emoji: "❤️", count: 1 })] });
        expect(updates.get(doomed.id)).toMatchObject({ deleted: true, text: "" });
        expect(arrived.map((message) => message.id)).toEqual([later.id]);
      });
    });

    it("reading a room clears its unread and mention counts on every device of that person", async () => {
      const alice = await member(server.url, "ava");
      const phone = await member(server.url, "ben");
      const laptop = await anotherTab(server.url, phone);
      await alice.createRoom("news");
      await phone.join("news");
      await alice.send("news", "first");
      const last = await alice.send("news", "second, for @ben");
      const summary = (rooms: RoomSummary[]) => rooms.find((room) => room.name === "news");
      expect(summary(await laptop.rooms())).toMatchObject({ unread: 2, mentions: 1 });

      const reads: ReadEvent[] = [];
      laptop.on("read", (event) => void reads.push(event));
      await phone.markRead("news", last.seq);
      await eventually(() => expect(reads).toContainEqual(expect.objectContaining({ room: "news", seq: last.seq })));
      expect(summary(await laptop.rooms())).toMatchObject({ unread: 0, mentions: 0, lastReadSeq: last.seq });
    });

    it("a group conversation holds up to eight people and is the same conversation whoever opens it", async () => {
      const people = await Promise.all(Array.from({ length: 9 }, (_, i) => member(server.url, `grp${i}`)));
      const names = people.map((person) => person.user?.username ?? "");
      const [opener, other] = people;
      if (!opener || !other) throw new Error("no people");
      const group = await opener.openDirect(names.slice(1, 8));
      const again = await other.openDirect([names[0] ?? "", ...names.slice(2, 8)]);
      expect(again.name).toBe(group.name);
      expect(group.members).toHaveLength(8);
      expect(await refusal(opener.openDirect(names.slice(1, 9)))).toEqual({ code: "BAD_REQUEST" });
    });
  });
}
