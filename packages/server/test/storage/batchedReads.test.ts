import { describe, expect, it } from "vitest";
import type { Store } from "../../src/storage/index.js";
import { storeCast, T0 } from "./support/cast.js";
import { onEveryStoreDirectly, openForAll } from "./support/openStores.js";

/** A burst of handshakes reads sessions and rooms in batches: each caller still gets exactly its own answer. */
onEveryStoreDirectly((storeName, open) => {
  describe(`lookups asked together on ${storeName}`, { timeout: 120_000 }, () => {
    let store: Store;
    openForAll(open, (opened) => void (store = opened.store));
    const { unique, person, room } = storeCast(() => store);

    it("sessions asked together each answer their own user, an unknown one answers nothing, and a repeated one the same", async () => {
      const people = await Promise.all(Array.from({ length: 40 }, () => person()));
      const hashes = people.map((row) => unique(`hash-${row.id}-`));
      await Promise.all(
        people.map((row, i) =>
          store.createSession({
            token_hash: hashes[i] ?? "",
            user_id: row.id,
            created_at: T0,
            expires_at: T0 + i,
            last_seen_at: i,
            user_agent: "",
            address: "",
          }),
        ),
      );
      const asked = [...hashes, "nobody's", hashes[0] ?? ""];
      const [users, sessions] = await Promise.all([
        Promise.all(asked.map((hash) => store.sessionUser(hash))),
        Promise.all(asked.map((hash) => store.sessionByHash(hash))),
      ]);
      expect(users.map((found) => found && [found.user.id, found.expiresAt, found.lastSeenAt])).toEqual([
        ...people.map((row, i) => [row.id, T0 + i, i]),
        undefined,
        [people[0]?.id, T0, 0],
      ]);
      expect(sessions.map((found) => found?.user_id)).toEqual([...people.map((row) => row.id), undefined, people[0]?.id]);
    });

    it("the rooms of users asked together come back per user, in name order, and none for a user in no room", async () => {
      const [zeta, alpha, mid] = [await room(unique("zeta")), await room(unique("alpha")), await room(unique("mid"))];
      const [dave, erin, faye] = [await person(), await person(), await person()];
      for (const [roomRow, user] of [
        [zeta, dave],
        [alpha, dave],
        [mid, erin],
        [zeta, erin],
      ] as const)
        await store.addMember(roomRow.id, user.id, T0);
      const answers = await Promise.all([dave, erin, faye, dave].map((user) => store.roomsOfUser(user.id)));
      expect(answers.map((rooms) => rooms.map((row) => row.id))).toEqual([[alpha.id, zeta.id], [mid.id, zeta.id], [], [alpha.id, zeta.id]]);
      expect(answers[0]?.[0]).toEqual(await store.roomById(alpha.id));
    });

    it("sessions touched together each move forward to the batch's time, and never back", async () => {
      const grace = await person();
      const session = (hash: string, seen: number) =>
        store.createSession({ token_hash: hash, user_id: grace.id, created_at: T0, expires_at: T0 + 1000, last_seen_at: seen, user_agent: "", address: "" });
      const [old, recent] = [unique("old-"), unique("recent-")];
      await Promise.all([session(old, T0), session(recent, T0 + 50)]);
      await Promise.all([store.touchSession(old, T0 + 10), store.touchSession(recent, T0 + 10)]);
      expect((await store.sessionsOf(grace.id)).map((row) => [row.token_hash, row.last_seen_at])).toEqual([
        [recent, T0 + 50],
        [old, T0 + 10],
      ]);
    });
  });
});
