import type { NatterClient } from "@natter/client";
import type { Person } from "@natter/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeAll, firstAdmin, guest, member } from "../support/people.js";
import type { RunningNatter } from "../support/server.js";
import { onEveryStore } from "../support/stores.js";

/** Every page of a directory search, following `nextCursor`. */
async function allPages(client: NatterClient, query: string, limit: number): Promise<Person[][]> {
  const pages: Person[][] = [];
  let cursor: string | undefined;
  do {
    const page = await client.people.directory({ query, limit, ...(cursor !== undefined && { cursor }) });
    pages.push(page.people);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return pages;
}

onEveryStore((store, start) => {
  describe(`on ${store}, the people directory`, () => {
    let server: RunningNatter;
    let done: () => Promise<void>;
    let admin: NatterClient;
    beforeAll(async () => {
      // The budgets on, as in production (the test default lifts them).
      ({ server, done } = await start({ messagesPerSecond: 20 }));
      admin = await firstAdmin(server, "keeper");
      // ChatAPI makes accounts without passwords: guests, which an admin sees like anyone.
      for (const n of [1, 2, 3, 4, 5, 6, 7]) await server.natter.chat.createUser({ username: `dir-${n}` });
      await server.natter.chat.updateProfile({ username: "dir-3", displayName: "张伟" });
    });
    afterAll(async () => {
      closeAll();
      await done();
    });

    it("pages through a search in name order, each person once, and finds display names in any script", async () => {
      const pages = await allPages(admin, "dir-", 3);
      expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
      const paged = pages.flat().map((person) => person.username);
      expect(new Set(paged)).toEqual(new Set(["dir-1", "dir-2", "dir-3", "dir-4", "dir-5", "dir-6", "dir-7"]));
      // The order is the names' keys (confusable letters folded), the same whatever the page size.
      expect(paged).toEqual((await admin.people.directory({ query: "dir-", limit: 100 })).people.map((person) => person.username));

      const found = await admin.people.directory({ query: "张" });
      expect(found.people).toEqual([
        { id: expect.any(Number), username: "dir-3", displayName: "张伟", avatarUrl: null, kind: "guest", bot: false, deactivated: false, online: false },
      ]);
      expect((await admin.people.directory({ query: "%" })).people).toEqual([]);
    });

    it("shows who is online and marks bots; leaves deactivated accounts out, while a lookup by id still names them", async () => {
      const online = await member(server.url, "dir-online");
      await admin.integrations.createBot("dir-bot", "Build bot");
      await admin.admin.updateUser("dir-2", { deactivated: true });

      const people = (await allPages(online, "dir-", 100)).flat();
      expect(people.map((person) => person.username)).not.toContain("dir-2");
      expect(people.find((person) => person.username === "dir-online")?.online).toBe(true);
      expect(people.find((person) => person.username === "dir-bot")).toMatchObject({ bot: true, displayName: "Build bot" });

      const gone = (await admin.people.directory({ query: "dir-1" })).people[0];
      const deactivated = (await online.people.byIds([gone?.id ?? 0, (gone?.id ?? 0) + 1, 999_999])).find((person) => person.username === "dir-2");
      expect(deactivated).toMatchObject({ deactivated: true });
    });

    it("shows a guest only the people who share a room with them", async () => {
      const visitor = await guest(server.url, "dir-visitor");
      const host = await member(server.url, "dir-host");
      await host.createRoom("dir-lobby");
      await visitor.join("dir-lobby");
      // Everyone starts in general, which would make everyone shared: the guest leaves it.
      await visitor.leave("general");
      expect((await visitor.people.directory({ query: "dir-" })).people.map((person) => person.username)).toEqual(["dir-host", "dir-visitor"]);
      expect((await host.people.directory({ query: "dir-visitor" })).people).toHaveLength(1);
    });

    it("refuses malformed lookups and searches as bad requests", async () => {
      await expect(admin.people.byIds(Array.from({ length: 101 }, (_, i) => i + 1))).rejects.toMatchObject({ code: "BAD_REQUEST" });
      await expect(admin.people.directory({ query: "x".repeat(65) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
      await expect(admin.people.directory({ limit: 0 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    });

    it("searches past the budget (a burst of 30, then 5 a second) are refused with RATE_LIMITED and when to try again", async () => {
      const eager = await member(server.url, "dir-eager");
      const answers = await Promise.allSettled(Array.from({ length: 100 }, () => eager.people.directory({ query: "dir-" })));
      const refusals = answers.flatMap((answer) => (answer.status === "rejected" ? [answer.reason as unknown] : []));
      expect(answers.length - refusals.length).toBeGreaterThanOrEqual(30);
      expect(refusals[0]).toMatchObject({ code: "RATE_LIMITED", retryAfterMs: expect.any(Number) });
    });
  });
});
