import type { PinEvent } from "@natter/protocol";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeAll, member } from "../support/people.js";
import type { RunningNatter } from "../support/server.js";
import { onEveryStore, type StartServer } from "../support/stores.js";
import { eventually } from "../support/wait.js";

onEveryStore(pins);

const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "NONE",
    (error: { code: string }) => error.code,
  );

function pins(store: string, start: StartServer) {
  describe(`pinned and saved messages, on ${store}`, () => {
    let server: RunningNatter;
    let done: () => Promise<void>;
    beforeAll(async () => ({ server, done } = await start()));
    afterEach(closeAll);
    afterAll(() => done());

    it("any member pins and unpins a message; every member is told who did, and the room's pins list it newest first", async () => {
      const olive = await member(server.url, "olive");
      const bianca = await member(server.url, "bianca");
      const stranger = await member(server.url, "sam");
      await olive.createRoom("kitchen");
      await bianca.join("kitchen");
      const heard: PinEvent[] = [];
      olive.on("pin_changed", (event) => void heard.push(event));
      const first = await olive.send("kitchen", "the oven is at 200°C");
      const second = await olive.send("kitchen", "bread at noon");

      const pin = await bianca.staples.pin("kitchen", first.id);
      expect(pin).toMatchObject({ message: { id: first.id, text: "the oven is at 200°C" }, pinnedBy: { username: "bianca" } });
      await bianca.staples.pin("kitchen", second.id);
      await bianca.staples.pin("kitchen", second.id);
      expect((await olive.staples.pins("kitchen")).map((known) => known.message.id)).toEqual([second.id, first.id]);
      await eventually(() =>
        expect(heard.map((event) => [event.messageId, event.pinned, event.by.username])).toEqual([
          [first.id, true, "bianca"],
          [second.id, true, "bianca"],
        ]),
      );

      await olive.staples.unpin("kitchen", first.id);
      expect((await bianca.staples.pins("kitchen")).map((known) => known.message.id)).toEqual([second.id]);
      await eventually(() => expect(heard.at(-1)).toMatchObject({ messageId: first.id, pinned: false, by: { username: "olive" }, seq: first.seq }));

      // Someone outside the room hears the same as for a room that does not exist.
      expect(await codeOf(stranger.staples.pins("kitchen"))).toBe("NOT_FOUND");
      expect(await codeOf(stranger.staples.pin("kitchen", second.id))).toBe("NOT_FOUND");
      expect(await codeOf(stranger.staples.pins("no-such-room"))).toBe("NOT_FOUND");
      // A deleted message leaves the pins.
      await olive.delete("kitchen", second.id);
      expect(await olive.staples.pins("kitchen")).toEqual([]);
      expect(await codeOf(olive.staples.pin("kitchen", second.id))).toBe("NOT_FOUND");
    });

    it("saved messages are each person's own, newest first, and only of rooms they are still in", async () => {
      const olive = await member(server.url, "ophelia");
      const bianca = await member(server.url, "benedict");
      await olive.createRoom("library");
      await bianca.join("library");
      const first = await olive.send("library", "chapter one");
      const second = await olive.send("library", "chapter two");

      await bianca.staples.save(first.id);
      await bianca.staples.save(second.id);
      await bianca.staples.save(second.id);
      const page = await bianca.staples.saved({ limit: 1 });
      expect(page.saved.map((saved) => saved.message.text)).toEqual(["chapter two"]);
      expect(page.saved[0]?.message.room).toBe("library");
      const rest = await bianca.staples.saved({ before: page.nextBefore ?? undefined });
      expect(rest.saved.map((saved) => saved.message.text)).toEqual(["chapter one"]);
      expect((await olive.staples.saved()).saved).toEqual([]);

      await bianca.staples.unsave(second.id);
      expect((await bianca.staples.saved()).saved.map((saved) => saved.message.id)).toEqual([first.id]);
      await olive.createRoom("attic", "", { private: true });
      const hidden = await olive.send("attic", "private note");
      expect(await codeOf(bianca.staples.save(hidden.id))).toBe("NOT_FOUND");
      expect(await codeOf(bianca.staples.save(987_654_321))).toBe("NOT_FOUND");

      await bianca.leave("library");
      expect((await bianca.staples.saved()).saved).toEqual([]);
    });
  });
}
