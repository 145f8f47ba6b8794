import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeAll, member } from "../support/people.js";
import type { RunningNatter } from "../support/server.js";
import { onEveryStore, type StartServer } from "../support/stores.js";

onEveryStore(directory);

function directory(store: string, start: StartServer) {
  describe(`the room directory, on ${store}`, () => {
    let server: RunningNatter;
    let done: () => Promise<void>;
    beforeAll(async () => ({ server, done } = await start()));
    afterEach(closeAll);
    afterAll(() => done());

    it("lists public rooms with topic, members and last activity, most active first, searched by name or topic", async () => {
      const olive = await member(server.url, "olive");
      const bianca = await member(server.url, "bianca");
      await olive.createRoom("garden-club", "Tomatoes and 番茄");
      await olive.createRoom("quiet-corner", "nothing much");
      await olive.createRoom("vault-plans", "secret", { private: true });
      await bianca.join("garden-club");
      const before = Date.now();
      await olive.send("garden-club", "first harvest");

      const all = await bianca.staples.directory();
      const names = all.map((room) => room.name);
      expect(names).not.toContain("vault-plans");
      expect(names.indexOf("garden-club")).toBeLessThan(names.indexOf("quiet-corner"));
      const garden = all.find((room) => room.name === "garden-club");
      expect(garden).toMatchObject({ topic: "Tomatoes and 番茄", memberCount: 2, joined: true });
      expect(Date.parse(garden?.lastActivityAt ?? "")).toBeGreaterThanOrEqual(before - 1_000);
      expect(all.find((room) => room.name === "quiet-corner")).toMatchObject({ memberCount: 1, joined: false, lastActivityAt: null });

      expect((await bianca.staples.directory({ q: "番茄" })).map((room) => room.name)).toEqual(["garden-club"]);
      expect((await bianca.staples.directory({ q: "QUIET" })).map((room) => room.name)).toEqual(["quiet-corner"]);
      expect(await bianca.staples.directory({ q: "100%_" })).toEqual([]);
    });

    it("leaves out archived rooms and the rooms the reader is banned from", async () => {
      const owner = await member(server.url, "oscar");
      const banned = await member(server.url, "boris");
      await owner.createRoom("old-news");
      await owner.createRoom("no-boris");
      await owner.updateRoom("old-news", { archived: true });
      await owner.moderation.ban("no-boris", "boris");
      const names = (await banned.staples.directory()).map((room) => room.name);
      expect(names).not.toContain("old-news");
      expect(names).not.toContain("no-boris");
      expect((await owner.staples.directory()).map((room) => room.name)).toContain("no-boris");
    });
  });
}
