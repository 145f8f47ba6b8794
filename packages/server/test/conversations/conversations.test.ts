import type { Message, RoomSummary } from "@natter/protocol";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { anotherTab, closeAll, guest, member } from "../support/people.js";
import type { RunningNatter } from "../support/server.js";
import { onEveryStore, type StartServer } from "../support/stores.js";
import { eventually } from "../support/wait.js";

onEveryStore(conversations);

function conversations(store: string, start: StartServer) {
  describe(`conversations on ${store}`, () => {
    let server: RunningNatter;
    let done: () => Promise<void>;
    beforeAll(async () => ({ server, done } = await start()));
    afterEach(closeAll);
    afterAll(() => done());

    it("a private room does not exist for people who were not invited, and an invitee sees it at once", async () => {
      const alice = await member(server.url, "alice");
      const bob = await member(server.url, "bob");
      const open = await alice.createRoom("design", "mockups");
      expect(open).toMatchObject({ kind: "public", role: "owner" });
      await expect(bob.join("design")).resolves.toBeDefined();

      const added: RoomSummary[] = [];
      bob.on("room_added", (room) => added.push(room));
      const vault = await alice.createRoom("vault", "", { private: true });
      expect(vault.kind).toBe("private");
      const stranger = await bob.join("vault").catch((error: { code: string; message: string }) => error);
      const nowhere = await bob.join("nowhere").catch((error: { code: string; message: string }) => error);
      expect(stranger).toMatchObject({ code: "NOT_FOUND" });
      expect(nowhere).toMatchObject({ code: "NOT_FOUND" });
      expect((stranger as Error).message.replace("vault", "X")).toBe((nowhere as Error).message.replace("nowhere", "X"));

      await alice.invite("vault", "bob");
      await eventually(() => expect(added.map((r) => r.name)).toContain("vault"));
      await expect(bob.join("vault")).resolves.toMatchObject({ room: { name: "vault", kind: "private" } });
    });

    it("a removed member stops receiving the room at once and can no longer read it", async () => {
      const carol = await member(server.url, "carol");
      const dave = await guest(server.url, "dave");
      await carol.createRoom("staff", "", { private: true });
      await carol.invite("staff", "dave");
      await dave.join("staff");
      await Promise.all([carol.join("general"), dave.join("general")]);
      const seen: Message[] = [];
      dave.on("message", (m) => seen.push(m));
      await carol.join("staff");
      await carol.send("staff", "before");
      await eventually(() => expect(seen.map((m) => m.text)).toEqual(["before"]));

      await carol.removeMember("staff", "dave");
      // Carol's other tab hears "after" from the room's broadcast (not from an ack), so it has gone out;
      // a sentinel sent after that in general reaches Dave behind anything the room still sent him.
      const carolsPhone = await anotherTab(server.url, carol);
      await carolsPhone.join("staff");
      const phoneSaw: string[] = [];
      carolsPhone.on("message", (m) => phoneSaw.push(m.text));
      await carol.send("staff", "after");
      await eventually(() => expect(phoneSaw).toContain("after"));
      await carol.send("general", "sentinel");
      await eventually(() => expect(seen.map((m) => m.text)).toContain("sentinel"));
      expect(seen.filter((m) => m.room === "staff").map((m) => m.text)).toEqual(["before"]);
      await expect(dave.history("staff")).rejects.toMatchObject({ code: "NOT_FOUND" });
    });

    it("a direct conversation between the same people is always the same one", async () => {
      const erin = await member(server.url, "erin");
      const frank = await member(server.url, "frank");
      const first = await erin.openDirect(["frank"]);
      const second = await frank.openDirect(["erin"]);
      expect(first.name).toBe(second.name);
      expect(first.kind).toBe("dm");
      expect(first.members.map((m) => m.username).sort()).toEqual(["erin", "frank"]);
    });

    it("edits, deletes, reactions and thread replies reach others live", async () => {
      const alice = await member(server.url, "gina");
      const bob = await member(server.url, "hank");
      await alice.join("general");
      await bob.join("general");
      const updates: Message[] = [];
      bob.on("message_updated", (m) => updates.push(m));

      const original = await alice.send("general", "hello @hank and @room");
      expect(original.mentions).toEqual([bob.user?.id]);
      expect(original.mentionsRoom).toBe(true);
      const edited = await alice.edit("general", original.id, "hello, edited");
      expect(edited.editedAt).not.toBeNull();
      await alice.react("general", original.id, "👍");
      await alice.react("general", original.id, "👍");
      const reply = await bob.send("general", "a reply", { replyTo: original.id, inRoom: false });
      expect(reply.replyTo).toMatchObject({ id: original.id });
      expect(reply.inRoom).toBe(false);

      await eventually(() => expect(updates.at(-1)).toMatchObject({ id: original.id, replyCount: 1, reactions: [{ emoji: "👍", count: 1 }] }));
      const thread = await bob.thread("general", original.id);
      expect(thread.replies.map((m) => m.text)).toEqual(["a reply"]);

      const removed = await alice.delete("general", original.id);
      expect(removed).toMatchObject({ deleted: true, text: "" });
      await eventually(() => expect(updates.at(-1)).toMatchObject({ id: original.id, deleted: true }));
    });
  });
}
