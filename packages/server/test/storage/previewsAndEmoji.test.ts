import { describe, expect, it } from "vitest";
import type { Store } from "../../src/storage/index.js";
import { storeCast, T0 } from "./support/cast.js";
import { onEveryStoreDirectly, openForAll } from "./support/openStores.js";

onEveryStoreDirectly((storeName, open) => {
  describe(`link previews and custom emoji in the storage contract on ${storeName}`, { timeout: 120_000 }, () => {
    let store: Store;
    openForAll(open, (opened) => {
      store = opened.store;
    });
    const { person, room, post } = storeCast(() => store);

    it("a URL's cached preview is read until it expires, caching it again replaces it, and a new entry sweeps expired ones", async () => {
      const url = `https://example.com/${storeName}`;
      expect(await store.cachedPreview(url, T0)).toBeUndefined();
      await store.cachePreview(url, null, T0 + 10, T0);
      expect(await store.cachedPreview(url, T0)).toEqual({ preview: null });
      expect(await store.cachedPreview(url, T0 + 10)).toBeUndefined();
      await store.cachePreview(url, '{"title":"t"}', T0 + 20, T0);
      expect(await store.cachedPreview(url, T0 + 10)).toEqual({ preview: '{"title":"t"}' });
      await store.cachePreview(`${url}/other`, null, T0 + 100, T0 + 30);
      // Swept: even a reader with an earlier clock no longer finds it.
      expect(await store.cachedPreview(url, T0)).toBeUndefined();
    });

    it("a fetched preview never overwrites one removed meanwhile, a new rev tells clients of each change, and deletion drops it", async () => {
      const alice = await person();
      const design = await room();
      const message = await post(design, alice, "see https://example.com");
      const set = await store.changeMessage(design.id, message.id, { kind: "preview", preview: '{"title":"first"}' });
      expect(set?.preview).toBe('{"title":"first"}');
      expect(set?.rev).toBeGreaterThan(message.rev);
      const removed = await store.changeMessage(design.id, message.id, { kind: "preview", preview: "" });
      expect(removed?.preview).toBe("");
      const late = await store.changeMessage(design.id, message.id, { kind: "preview", preview: '{"title":"late"}' });
      expect(late?.preview).toBe("");
      const other = await post(design, alice, "another https://example.org");
      await store.changeMessage(design.id, other.id, { kind: "preview", preview: '{"title":"x"}' });
      const deleted = await store.changeMessage(design.id, other.id, { kind: "delete", deletedAt: T0 + 1 });
      expect(deleted?.preview).toBeNull();
    });

    it("custom emoji: one per name, listed by name with their creator, removed with their row", async () => {
      const admin = await person();
      const row = { name: `wave-${storeName.toLowerCase()}`, blob_key: "emoji-1", content_type: "image/webp", created_by: admin.id, created_at: T0 };
      expect(await store.addCustomEmoji(row)).toBe(true);
      expect(await store.addCustomEmoji({ ...row, blob_key: "emoji-2" })).toBe(false);
      expect(await store.addCustomEmoji({ ...row, name: "aaa", blob_key: "emoji-3", created_by: null })).toBe(true);
      expect((await store.customEmoji()).map((emoji) => [emoji.name, emoji.creator])).toEqual([
        ["aaa", null],
        [row.name, admin.username],
      ]);
      expect((await store.removeCustomEmoji(row.name))?.blob_key).toBe("emoji-1");
      expect(await store.removeCustomEmoji(row.name)).toBeUndefined();
      expect(await store.customEmojiByName(row.name)).toBeUndefined();
    });
  });
});
