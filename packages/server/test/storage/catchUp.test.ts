import { describe, expect, it } from "vitest";
import type { RoomRow, Store, UserRow } from "../../src/storage/index.js";
import { storeCast, T0 } from "./support/cast.js";
import { onEveryStoreDirectly, openForAll } from "./support/openStores.js";

onEveryStoreDirectly((storeName, open) => {
  describe(`catching up on ${storeName}`, { timeout: 120_000 }, () => {
    let store: Store;
    openForAll(open, (opened) => (store = opened.store));
    const { person, room, post } = storeCast(() => store);

    async function roomOf(...people: UserRow[]): Promise<RoomRow> {
      const made = await room();
      for (const someone of people) await store.addMember(made.id, someone.id, T0);
      return made;
    }

    const listed = async (user: UserRow, made: RoomRow) => (await store.listRooms(user.id)).find((r) => r.id === made.id);

    it("a room's counts after a read position are the room list's, thread replies counting as mentions only", async () => {
      const [reader, writer] = [await person(), await person()];
      const chat = await roomOf(reader, writer);
      const root = await post(chat, writer, "one");
      await post(chat, writer, "two");
      await post(chat, reader, "mine");
      await post(chat, writer, "@all hello", { mentionsRoom: true });
      await post(chat, writer, "thread only", { replyToId: root.id, inRoom: false, mentionIds: [reader.id] });
      const deleted = await post(chat, writer, "gone", { mentionIds: [reader.id] });
      await store.changeMessage(chat.id, deleted.id, { kind: "delete", deletedAt: T0 });

      for (const position of [0, 1, 4, 6]) {
        await store.setReadPosition(chat.id, reader.id, position);
        const fromList = await listed(reader, chat);
        expect(await store.roomCounts(chat.id, reader.id, position)).toEqual({ unread: fromList?.unread, mentions: fromList?.mentions });
      }
      expect(await store.roomCounts(chat.id, reader.id, 0)).toEqual({ unread: 3, mentions: 2 });
    });

    it("the read position moves back only when set, and mark-read still never moves it back", async () => {
      const [reader, writer] = [await person(), await person()];
      const chat = await roomOf(reader, writer);
      for (const text of ["a", "b", "c"]) await post(chat, writer, text);
      expect(await store.markRead(chat.id, reader.id, 3)).toBe(3);
      await store.setReadPosition(chat.id, reader.id, 1);
      expect(await listed(reader, chat)).toMatchObject({ last_read_seq: 1, unread: 2 });
      expect(await store.markRead(chat.id, reader.id, 0)).toBe(1);
    });

    it("mentions come newest first, only from the reader's rooms and others' live messages, paged by id", async () => {
      const [reader, writer] = [await person(), await person()];
      const mine = await roomOf(reader, writer);
      const theirs = await roomOf(writer);
      const older = await post(mine, writer, "@reader one", { mentionIds: [reader.id] });
      await post(mine, writer, "not a mention");
      await post(mine, reader, "@all from me", { mentionsRoom: true });
      await post(theirs, writer, "@all elsewhere", { mentionsRoom: true });
      const newer = await post(mine, writer, "@all two", { mentionsRoom: true });
      await store.markRead(mine.id, reader.id, older.seq);

      const page = await store.mentionsOf(reader.id, undefined, 10);
      expect(page.map((m) => [m.id, m.room_name, m.seq > m.last_read_seq])).toEqual([
        [newer.id, mine.name, true],
        [older.id, mine.name, false],
      ]);
      expect((await store.mentionsOf(reader.id, undefined, 1)).map((m) => m.id)).toEqual([newer.id]);
      expect((await store.mentionsOf(reader.id, newer.id, 10)).map((m) => m.id)).toEqual([older.id]);
    });

    it("threads I started, answered or was mentioned in are listed by their newest reply, with others' replies I have not read", async () => {
      const [me, other, third] = [await person(), await person(), await person()];
      const chat = await roomOf(me, other, third);
      const started = await post(chat, me, "my question");
      const answered = await post(chat, other, "their question");
      const mentioned = await post(chat, other, "a question");
      const unrelated = await post(chat, other, "not mine");
      const empty = await post(chat, me, "nobody answered");
      await post(chat, other, "answer 1", { replyToId: started.id, inRoom: false });
      await post(chat, me, "my answer", { replyToId: answered.id, inRoom: false });
      await post(chat, third, "over to @me", { replyToId: mentioned.id, inRoom: false, mentionIds: [me.id] });
      await post(chat, third, "chatter", { replyToId: unrelated.id, inRoom: false });
      const lastReply = await post(chat, other, "answer 2", { replyToId: started.id, inRoom: false });

      const threads = await store.threadsOf(me.id, undefined, 10);
      expect(threads.map((t) => [t.id, t.unread_replies])).toEqual([
        [started.id, 2],
        [mentioned.id, 1],
        [answered.id, 0],
      ]);
      expect(threads.map((t) => t.id)).not.toContain(empty.id);
      expect(threads[0]).toMatchObject({ room_name: chat.name, last_reply_id: lastReply.id, text: "my question" });
      expect((await store.threadsOf(me.id, lastReply.id, 10)).map((t) => t.id)).toEqual([mentioned.id, answered.id]);

      expect(await store.markThreadRead(me.id, started.id, lastReply.seq - 1)).toBe(lastReply.seq - 1);
      expect((await store.threadsOf(me.id, undefined, 1))[0]?.unread_replies).toBe(1);
      expect(await store.markThreadRead(me.id, started.id, 1)).toBe(lastReply.seq - 1);
      expect(await store.markThreadRead(me.id, started.id, lastReply.seq)).toBe(lastReply.seq);
      expect((await store.threadsOf(me.id, undefined, 1))[0]?.unread_replies).toBe(0);
      expect(await store.threadsOf(third.id, undefined, 10)).toHaveLength(2);
    });
  });
});
