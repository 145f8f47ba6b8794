import type { ReadEvent, RoomSummary, RoomUpdatedEvent } from "@natter/protocol";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { http } from "../support/http.js";
import { anotherTab, closeAll, guest } from "../support/people.js";
import type { RunningNatter } from "../support/server.js";
import { onEveryStore } from "../support/stores.js";
import { eventually } from "../support/wait.js";

const counts = (room: Pick<RoomSummary, "unread" | "mentions" | "lastReadSeq"> | undefined) =>
  room && { unread: room.unread, mentions: room.mentions, lastReadSeq: room.lastReadSeq };

onEveryStore((store, start) => {
  describe(`unread counts and catching up on ${store}`, { timeout: 120_000 }, () => {
    let server: RunningNatter;
    let done: () => Promise<void>;
    let counter = 0;
    const unique = (name: string) => `${name}${++counter}`;
    beforeAll(async () => ({ server, done } = await start()), 60_000);
    afterEach(closeAll);
    afterAll(() => done(), 60_000);

    async function twoInRoom() {
      const [alice, bob] = [await guest(server.url, unique("alice")), await guest(server.url, unique("bob"))];
      const room = unique("design");
      await alice.createRoom(room);
      await alice.join(room);
      await bob.join(room);
      return { alice, bob, room, bobName: bob.user?.username ?? "" };
    }

    it("the join answer and room info carry the room list's unread and mentions, so a page load keeps the badges", async () => {
      const { alice, bob, room, bobName } = await twoInRoom();
      bob.close();
      for (const text of ["one", "two", `@${bobName} three`, "four"]) await alice.send(room, text);

      const reloaded = await anotherTab(server.url, bob);
      const listed = counts((await reloaded.rooms()).find((r) => r.name === room));
      expect(listed).toEqual({ unread: 4, mentions: 1, lastReadSeq: 0 });
      expect(counts(await reloaded.roomInfo(room))).toEqual(listed);
      expect(counts((await reloaded.join(room)).room)).toEqual(listed);
    });

    it("mark unread from here moves the read position back, and every tab of the reader hears the counts", async () => {
      const { alice, bob, room } = await twoInRoom();
      for (const text of ["a", "b", "c", "d"]) await alice.send(room, text);
      await bob.markRead(room, 4);
      const otherTab = await anotherTab(server.url, bob);
      const heard: ReadEvent[] = [];
      otherTab.on("read", (event) => heard.push(event));

      expect(await bob.markUnread(room, 2)).toEqual({ seq: 1, unread: 3, mentions: 0 });
      await eventually(() => expect(heard).toContainEqual({ room, seq: 1, unread: 3, mentions: 0 }));
      expect(counts((await bob.rooms()).find((r) => r.name === room))).toEqual({ unread: 3, mentions: 0, lastReadSeq: 1 });
      // An ordinary mark read from a tab still behind never moves it back.
      await bob.markRead(room, 0);
      expect((await bob.roomInfo(room)).lastReadSeq).toBe(1);
    });

    it("marking unread before the first message or outside one's rooms is refused with a code", async () => {
      const { bob, room } = await twoInRoom();
      const bad = await http(server.url, "PUT", `/api/rooms/${room}/unread`, { token: bob.token ?? "", body: { seq: 0 } });
      expect(bad.status).toBe(400);
      const stranger = await guest(server.url, unique("erin"));
      const secret = unique("secret");
      await bob.createRoom(secret, "", { private: true });
      const hidden = await http(server.url, "PUT", `/api/rooms/${secret}/unread`, { token: stranger.token ?? "", body: { seq: 1 } });
      expect(hidden.status).toBe(404);
    });

    it("the Mentions view lists mentions newest first with the unread ones marked, page by page", async () => {
      const { alice, bob, room, bobName } = await twoInRoom();
      const first = await alice.send(room, `@${bobName} first`);
      await alice.send(room, "no mention");
      await bob.markRead(room, first.seq);
      const second = await alice.send(room, "@all second");

      const page = await bob.mentions({ limit: 1 });
      expect(page.mentions.map((m) => [m.message.id, m.unread])).toEqual([[second.id, true]]);
      expect(page.hasMore).toBe(true);
      const next = await bob.mentions({ limit: 1, before: second.id });
      expect(next.mentions.map((m) => [m.message.text, m.unread])).toEqual([[`@${bobName} first`, false]]);
      expect(next.hasMore).toBe(false);

      // Once out of the room, its mentions and threads are no longer the reader's to see.
      await bob.send(room, "a thread of mine", { replyTo: first.id, inRoom: false });
      expect((await bob.threads()).threads).toHaveLength(1);
      await bob.leave(room);
      expect((await bob.mentions()).mentions).toEqual([]);
      expect((await bob.threads()).threads).toEqual([]);
    });

    it("the Threads view counts replies I have not read in threads I started or answered, until I read them", async () => {
      const { alice, bob, room } = await twoInRoom();
      const root = await bob.send(room, "what do we ship?");
      await alice.send(room, "this", { replyTo: root.id, inRoom: false });
      const last = await alice.send(room, "and that", { replyTo: root.id, inRoom: false });

      expect((await bob.threads()).threads.map((t) => [t.root.id, t.unreadReplies, t.lastReplyId])).toEqual([[root.id, 2, last.id]]);
      expect((await alice.threads()).threads.map((t) => [t.root.id, t.unreadReplies])).toEqual([[root.id, 0]]);
      expect(await bob.markThreadRead(room, root.id, last.seq)).toBe(last.seq);
      expect((await bob.threads()).threads[0]?.unreadReplies).toBe(0);
      const notARoot = await http(server.url, "PUT", `/api/rooms/${room}/messages/${last.id}/thread/read`, { token: bob.token ?? "", body: { seq: last.seq } });
      expect(notARoot.status).toBe(404);
    });

    it("public rooms created, renamed and archived reach everyone's list live; private ones never reach outsiders", async () => {
      const owner = await guest(server.url, unique("alice"));
      const outsider = await guest(server.url, unique("carol"));
      const added: RoomSummary[] = [];
      const updated: RoomUpdatedEvent[] = [];
      outsider.on("room_added", (room) => added.push(room));
      outsider.on("room_updated", (event) => updated.push(event));

      const secret = unique("secret");
      await owner.createRoom(secret, "", { private: true });
      await owner.updateRoom(secret, { name: `${secret}-renamed` });
      const open = unique("lobby");
      await owner.createRoom(open);
      await eventually(() => expect(added.map((r) => [r.name, r.joined])).toEqual([[open, false]]));
      await owner.updateRoom(open, { name: `${open}-renamed` });
      await owner.updateRoom(`${open}-renamed`, { archived: true });
      await eventually(() =>
        expect(updated.map((e) => [e.previousName, e.name, e.archived])).toEqual([
          [open, `${open}-renamed`, false],
          [`${open}-renamed`, `${open}-renamed`, true],
        ]),
      );
      expect(JSON.stringify([added, updated])).not.toContain(secret);
    });
  });
});
