import { describe, expect, it } from "vitest";
import type { Store } from "../../src/storage/index.js";
import { storeCast, T0 } from "./support/cast.js";
import { onEveryStoreDirectly, openForAll } from "./support/openStores.js";

/** The sends of one event-loop turn are written as one batch: what each writer must store for it. */
onEveryStoreDirectly((storeName, open) => {
  describe(`the message writer on ${storeName}`, { timeout: 120_000 }, () => {
    let store: Store;
    openForAll(open, (opened) => (store = opened.store));

    const { person, room, message, post, upload } = storeCast(() => store);

    describe("a batch written whole", () => {
      it("the same send twice in one batch is stored once, and only the first is told it created it", async () => {
        const author = await person();
        const chat = await room();
        const send = message(chat, author, "twice");
        const [first, again] = await Promise.all([store.insertMessage(send), store.insertMessage({ ...send })]);
        expect([first.created, again.created]).toEqual([true, false]);
        expect(again.message).toEqual(first.message);
        expect(await store.messagesAfter(chat.id, 0, 10)).toHaveLength(1);
      });

      it("a message mentioning two people counts for each, and one mentioning no one records no one", async () => {
        const [author, ann, ben] = [await person(), await person(), await person()];
        const chat = await room();
        for (const member of [ann, ben]) await store.addMember(chat.id, member.id, T0);
        const [both, plain] = await Promise.all([post(chat, author, "both", { mentionIds: [ann.id, ben.id] }), post(chat, author, "plain")]);
        for (const member of [ann, ben]) expect((await store.listRooms(member.id)).find((r) => r.id === chat.id)?.mentions).toBe(1);
        expect([both.mention_ids, plain.mention_ids]).toEqual([`${ann.id},${ben.id}`, ""]);
      });

      it("two replies to one thread in one batch count twice, and the thread takes the later rev", async () => {
        const author = await person();
        const chat = await room();
        const root = await post(chat, author, "root");
        const replies = await Promise.all(["one", "two"].map((text) => post(chat, author, text, { replyToId: root.id, inRoom: false })));
        expect(await store.messageById(chat.id, root.id)).toMatchObject({ reply_count: 2, rev: Math.max(...replies.map((r) => r.rev)) });
      });

      it("each message of a batch counts its own files, and a file already sent is not attached again", async () => {
        const author = await person();
        const chat = await room();
        const [a, b, c] = [await upload(author), await upload(author), await upload(author)];
        const [two, one] = await Promise.all([post(chat, author, "two", { fileIds: [a.id, b.id] }), post(chat, author, "one", { fileIds: [c.id] })]);
        expect([two.file_count, one.file_count]).toEqual([2, 1]);
        const again = await post(chat, author, "again", { fileIds: [a.id] });
        expect(again.file_count).toBe(0);
        expect((await store.fileById(a.id))?.message_id).toBe(two.id);
      });
    });

    /*
     * A batch that cannot be stored whole is written again one message at a time. That path is rare, so these
     * cases force it (a send to a room that is gone rides in the same batch) and check it stores all a send does.
     */
    describe("a batch written one message at a time", () => {
      /** Sends the messages in one batch with a send to a missing room, which fails alone. */
      async function sendWithOneLost(...messages: Parameters<typeof message>[]) {
        const gone = { ...(await room()), id: 987_654 };
        const [lost, ...sent] = await Promise.allSettled([
          store.insertMessage(message(gone, await person(), "lost")),
          ...messages.map((m) => store.insertMessage(message(...m))),
        ]);
        expect(lost?.status).toBe("rejected");
        return sent.map((result) => {
          if (result.status === "rejected") throw result.reason;
          return result.value.message;
        });
      }

      it("a reply still counts on its thread's first message and moves its rev", async () => {
        const author = await person();
        const chat = await room();
        const root = await post(chat, author, "root");
        const [reply] = await sendWithOneLost([chat, author, "reply", { replyToId: root.id, inRoom: false }]);
        expect(await store.messageById(chat.id, root.id)).toMatchObject({ reply_count: 1, rev: reply?.rev });
      });

      it("a mention still counts for the person mentioned", async () => {
        const [author, fan] = [await person(), await person()];
        const chat = await room();
        await store.addMember(chat.id, fan.id, T0);
        await sendWithOneLost([chat, author, `@${fan.username} look`, { mentionIds: [fan.id] }]);
        expect((await store.listRooms(fan.id)).find((r) => r.id === chat.id)).toMatchObject({ unread: 1, mentions: 1 });
      });

      it("a file is still attached to the message and to its room", async () => {
        const author = await person();
        const chat = await room();
        const file = await upload(author);
        const [sent] = await sendWithOneLost([chat, author, "see attached", { fileIds: [file.id] }]);
        expect(sent?.file_count).toBe(1);
        expect(await store.fileById(file.id)).toMatchObject({ message_id: sent?.id, room_id: chat.id });
      });

      it("a reply, a mention and a file in one batch are all stored, with no gap in seqs", async () => {
        const [author, fan] = [await person(), await person()];
        const chat = await room();
        await store.addMember(chat.id, fan.id, T0);
        const root = await post(chat, author, "root");
        const file = await upload(author);
        const sent = await sendWithOneLost(
          [chat, author, "reply", { replyToId: root.id, inRoom: false }],
          [chat, author, `@${fan.username}`, { mentionIds: [fan.id] }],
          [chat, author, "file", { fileIds: [file.id] }],
        );
        expect(sent.map((m) => m.seq).sort((a, b) => a - b)).toEqual([2, 3, 4]);
        expect((await store.messageById(chat.id, root.id))?.reply_count).toBe(1);
        expect((await store.listRooms(fan.id)).find((r) => r.id === chat.id)?.mentions).toBe(1);
        expect(await store.fileById(file.id)).toMatchObject({ message_id: sent[2]?.id, room_id: chat.id });
      });
    });
  });
});
