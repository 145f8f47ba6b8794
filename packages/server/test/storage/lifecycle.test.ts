import { describe, expect, it } from "vitest";
import type { Store } from "../../src/storage/index.js";
import { storeCast, T0 } from "./support/cast.js";
import { onEveryStoreDirectly, openForAll } from "./support/openStores.js";

const DAY = 86_400_000;

onEveryStoreDirectly((storeName, open) => {
  describe(`the lifecycle part of the storage contract on ${storeName}`, { timeout: 120_000 }, () => {
    let store: Store;
    openForAll(open, (opened) => {
      store = opened.store;
    });
    const { person, room, post, upload } = storeCast(() => store);

    it("a trim takes old replies first, keeps a first message with a recent reply, and moves the history start", async () => {
      const alice = await person();
      const design = await room();
      const cutoff = T0 + 10 * DAY;
      const root = await post(design, alice, "old root");
      const oldReply = await post(design, alice, "old reply", { replyToId: root.id, createdAt: T0 + 1 });
      const lively = await post(design, alice, "old root, recent reply");
      await post(design, alice, "recent reply", { replyToId: lively.id, createdAt: cutoff + 1 });
      const plain = await post(design, alice, "old plain");
      const file = await upload(alice);
      await post(design, alice, "old with file", { fileIds: [file.id] });
      const recent = await post(design, alice, "recent", { createdAt: cutoff + 5 });

      const first = await store.trimRoom(design.id, cutoff, 1_000);
      expect(first).toEqual({ deleted: 1, files: [] });
      expect(await store.messageById(design.id, oldReply.id)).toBeUndefined();
      expect((await store.messageById(design.id, root.id))?.reply_count).toBe(0);

      const second = await store.trimRoom(design.id, cutoff, 2);
      expect(second.deleted).toBe(2);
      const third = await store.trimRoom(design.id, cutoff, 1_000);
      expect(third.deleted).toBe(1);
      expect([...second.files, ...third.files].map((f) => f.id)).toEqual([file.id]);
      expect(await store.trimRoom(design.id, cutoff, 1_000)).toEqual({ deleted: 0, files: [] });

      const left = await store.messagesAfter(design.id, 0, 100);
      expect(left.map((m) => m.text)).toEqual(["old root, recent reply", "recent reply", "recent"]);
      expect(left.map((m) => m.id)).not.toContain(plain.id);
      expect(left.map((m) => m.id)).toContain(recent.id);
      expect(await store.fileById(file.id)).toBeUndefined();
      expect((await store.roomById(design.id))?.history_starts_at).toBe(cutoff);
    });

    it("rooms to trim are those with days of their own, and every other when the server keeps a number", async () => {
      const own = await room();
      const forever = await room();
      await store.setRoomRetention(own.id, 7);
      await store.setRoomRetention(forever.id, 0);
      const none = await store.roomsToTrim(0);
      expect(none).toContainEqual({ id: own.id, days: 7 });
      expect(none.map((r) => r.id)).not.toContain(forever.id);
      const all = await store.roomsToTrim(30);
      expect(all).toContainEqual({ id: own.id, days: 7 });
      expect(all.map((r) => r.id)).not.toContain(forever.id);
      expect(all.length).toBeGreaterThan(none.length);
    });

    it("a lease is one holder's until it lapses; its holder renews it", async () => {
      expect(await store.takeLease("contract", "node-a", T0, T0 + 100)).toBe(true);
      expect(await store.takeLease("contract", "node-b", T0 + 50, T0 + 150)).toBe(false);
      expect(await store.takeLease("contract", "node-a", T0 + 60, T0 + 160)).toBe(true);
      expect(await store.takeLease("contract", "node-b", T0 + 161, T0 + 261)).toBe(true);
      expect(await store.takeLease("contract", "node-a", T0 + 170, T0 + 270)).toBe(false);
    });

    it("closing an account frees the name, ends sessions and memberships, and empties messages only when asked", async () => {
      const bob = await person();
      const carol = await person();
      const design = await room();
      await store.addMember(design.id, bob.id, T0);
      await store.addMember(design.id, carol.id, T0);
      await store.createSession({ token_hash: `session-of-${bob.id}`, user_id: bob.id, created_at: T0, expires_at: T0 + DAY });
      const file = await upload(bob);
      const said = await post(design, bob, "bob was here", { fileIds: [file.id] });
      const other = await post(design, carol, "carol too");
      await store.changeMessage(design.id, other.id, { kind: "react", userId: bob.id, emoji: "👍", on: true, at: T0 });

      const closed = await store.closeAccount(bob.id, T0 + 1);
      expect(closed.files.map((f) => f.id)).toEqual([file.id]);
      expect(closed.roomIds).toContain(design.id);
      expect(await store.userByKey(bob.username_key)).toBeUndefined();
      expect(await store.userById(bob.id)).toMatchObject({ username: `deleted-user-${bob.id}`, password_hash: null, deleted_at: T0 + 1 });
      expect(await store.sessionByHash(`session-of-${bob.id}`)).toBeUndefined();
      expect(await store.isMember(design.id, bob.id)).toBe(false);
      expect((await store.roomById(design.id))?.member_count).toBe(1);
      expect(await store.messageById(design.id, other.id)).toMatchObject({ reaction_count: 0 });
      expect(await store.messageById(design.id, said.id)).toMatchObject({ text: "bob was here", file_count: 0 });

      expect(await store.emptyMessagesOf(bob.id, T0 + 2, 1_000)).toBe(1);
      expect(await store.messageById(design.id, said.id)).toMatchObject({ text: "", deleted_at: T0 + 2 });
      expect(await store.emptyMessagesOf(bob.id, T0 + 3, 1_000)).toBe(0);
    });
  });
});
