import type { Message } from "@natter/protocol";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { guestToken, http } from "../support/http.js";
import { closeAll, guest } from "../support/people.js";
import type { RunningNatter } from "../support/server.js";
import { onEveryStore } from "../support/stores.js";

onEveryStore((store, start) => {
  describe(`jumping to a date in a room's history on ${store}`, { timeout: 120_000 }, () => {
    let server: RunningNatter;
    let done: () => Promise<void>;
    beforeAll(async () => ({ server, done } = await start()), 60_000);
    afterEach(closeAll);
    afterAll(() => done(), 60_000);

    it("a page at a time starts at the first message sent at or after it, and says older ones exist", async () => {
      const alice = await guest(server.url, "alice");
      await alice.createRoom("dated");
      await alice.join("dated");
      const sent: Message[] = [];
      for (let i = 1; i <= 12; i++) sent.push(await alice.send("dated", `message ${i}`));
      const at = sent[6]?.createdAt ?? "";
      const expected = sent.filter((message) => message.createdAt >= at);

      const page = await alice.history("dated", { at, limit: 3 });
      expect(page.messages).toEqual(expected.slice(0, 3));
      expect(page.hasOlder).toBe(true);
      expect(page.hasNewer).toBe(expected.length > 3);
    });

    it("a time before the first message starts at the beginning; one after the last gives an empty page at the end", async () => {
      const bob = await guest(server.url, "bob");
      await bob.createRoom("short");
      await bob.join("short");
      const first = await bob.send("short", "hello");
      await bob.send("short", "again");

      const fromStart = await bob.history("short", { at: "2000-01-01T00:00:00Z" });
      expect(fromStart.messages[0]).toEqual(first);
      expect(fromStart.hasOlder).toBe(false);
      const future = await bob.history("short", { at: "2999-01-01T00:00:00+08:00" });
      expect(future.messages).toEqual([]);
      expect(future.hasOlder).toBe(true);
      expect(future.hasNewer).toBe(false);
    });

    it("a time that is not ISO 8601 is a bad request, and a non-member reads nothing", async () => {
      const carol = await guest(server.url, "carol");
      await carol.createRoom("secret", "", { private: true });
      const token = await guestToken(server.url, "dave");
      const bad = await http(server.url, "GET", "/api/messages?room=secret&at=yesterday", { token });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ error: { code: expect.any(String) } });
      const outsider = await http(server.url, "GET", `/api/messages?room=secret&at=${encodeURIComponent("2000-01-01T00:00:00Z")}`, { token });
      expect(outsider.status).toBe(404);
    });
  });
});
