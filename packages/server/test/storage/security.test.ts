import { describe, expect, it } from "vitest";
import type { Store } from "../../src/storage/index.js";
import { storeCast, T0 } from "./support/cast.js";
import { onEveryStoreDirectly, openForAll } from "./support/openStores.js";

/** The storage contract of issue 17's tables and columns, on each store: what the domain's rules rest on. */
onEveryStoreDirectly((storeName, open) => {
  describe(`two-factor, resets and sessions in the storage of ${storeName}`, { timeout: 120_000 }, () => {
    let store: Store;
    openForAll(open, (opened) => void (store = opened.store));
    const { unique, person } = storeCast(() => store);

    it("2FA turns on once, from a secret being set up; time steps only move forward; off forgets it all", async () => {
      const alice = await person();
      expect(await store.enableTotp(alice.id, T0, 10, ["a", "b"])).toBe(false); // nothing set up
      expect(await store.beginTotp(alice.id, "sealed-1")).toBe(true);
      expect(await store.enableTotp(alice.id, T0, 10, ["a", "b"])).toBe(true);
      expect(await store.enableTotp(alice.id, T0, 11, ["c"])).toBe(false); // already on
      expect(await store.beginTotp(alice.id, "sealed-2")).toBe(false); // no new secret while on
      expect(await store.userById(alice.id)).toMatchObject({ totp_secret: "sealed-1", totp_enabled_at: T0, totp_last_step: 10 });
      expect(await store.takeTotpStep(alice.id, 10)).toBe(false);
      expect(await store.takeTotpStep(alice.id, 9)).toBe(false);
      expect(await store.takeTotpStep(alice.id, 11)).toBe(true);
      expect(await store.takeTotpStep(alice.id, 11)).toBe(false);
      expect(await store.recoveryCodesLeft(alice.id)).toBe(2);
      expect(await store.takeRecoveryCode(alice.id, "a")).toBe(true);
      expect(await store.takeRecoveryCode(alice.id, "a")).toBe(false);
      expect(await store.recoveryCodesLeft(alice.id)).toBe(1);
      await store.disableTotp(alice.id);
      expect(await store.userById(alice.id)).toMatchObject({ totp_secret: null, totp_enabled_at: null, totp_last_step: 0 });
      expect(await store.recoveryCodesLeft(alice.id)).toBe(0);
    });

    it("two racing uses of one code or one ticket: exactly one wins", async () => {
      const bob = await person();
      await store.beginTotp(bob.id, "sealed");
      await store.enableTotp(bob.id, T0, 1, ["only"]);
      const steps = await Promise.all([store.takeTotpStep(bob.id, 2), store.takeTotpStep(bob.id, 2)]);
      expect(steps.filter(Boolean)).toHaveLength(1);
      const codes = await Promise.all([store.takeRecoveryCode(bob.id, "only"), store.takeRecoveryCode(bob.id, "only")]);
      expect(codes.filter(Boolean)).toHaveLength(1);
      const ticket = { token_hash: unique("ticket-"), user_id: bob.id, expires_at: T0 + 1000, user_agent: "ua", address: "10.0.0.1" };
      await store.createLoginTicket(ticket);
      expect(await store.loginTicket(ticket.token_hash)).toEqual(ticket);
      const taken = await Promise.all([store.takeLoginTicket(ticket.token_hash), store.takeLoginTicket(ticket.token_hash)]);
      expect(taken.filter(Boolean)).toEqual([ticket]);
    });

    it("expired tickets and reset links are forgotten; a newer reset link voids the older", async () => {
      const carol = await person();
      const old = { token_hash: unique("ticket-"), user_id: carol.id, expires_at: T0, user_agent: "", address: "" };
      await store.createLoginTicket(old);
      await store.createPasswordReset({ token_hash: "reset-1", user_id: carol.id, created_at: T0, expires_at: T0 + 10 });
      await store.createPasswordReset({ token_hash: "reset-2", user_id: carol.id, created_at: T0, expires_at: T0 + 10 });
      expect(await store.takePasswordReset("reset-1")).toBeUndefined();
      await store.deleteExpiredTickets(T0 + 10);
      expect(await store.loginTicket(old.token_hash)).toBeUndefined();
      expect(await store.takePasswordReset("reset-2")).toBeUndefined();
      await store.createPasswordReset({ token_hash: "reset-3", user_id: carol.id, created_at: T0, expires_at: T0 + 10 });
      expect(await store.takePasswordReset("reset-3")).toEqual({ token_hash: "reset-3", user_id: carol.id, created_at: T0, expires_at: T0 + 10 });
      expect(await store.takePasswordReset("reset-3")).toBeUndefined();
    });

    it("accounts are found by a confirmed address, in any case; an unconfirmed one finds none", async () => {
      const dave = await person();
      const erin = await person();
      await store.updateUser(dave.id, { email: "Dave@Example.com", email_verified_at: T0 });
      await store.updateUser(erin.id, { email: "erin@example.com", email_verified_at: null });
      expect((await store.usersByVerifiedEmail("dave@example.COM")).map((user) => user.id)).toEqual([dave.id]);
      expect(await store.usersByVerifiedEmail("erin@example.com")).toEqual([]);
    });

    it("sessions are listed by last use, touched only forward, and all but one end together", async () => {
      const frank = await person();
      const judy = await person();
      const session = (hash: string, user: number, seen: number) =>
        store.createSession({ token_hash: hash, user_id: user, created_at: T0, expires_at: T0 + 1000, last_seen_at: seen, user_agent: "ua", address: "::1" });
      await session("frank-a", frank.id, T0);
      await session("frank-b", frank.id, T0 + 5);
      await session("frank-c", frank.id, T0 + 1);
      await session("judy-a", judy.id, T0);
      await store.touchSession("frank-a", T0 + 9);
      await store.touchSession("frank-b", T0 + 2); // never backward
      expect((await store.sessionsOf(frank.id)).map((row) => [row.token_hash, row.last_seen_at])).toEqual([
        ["frank-a", T0 + 9],
        ["frank-b", T0 + 5],
        ["frank-c", T0 + 1],
      ]);
      expect((await store.deleteSessionsExcept(frank.id, "frank-b")).sort()).toEqual(["frank-a", "frank-c"]);
      expect((await store.sessionsOf(frank.id)).map((row) => row.token_hash)).toEqual(["frank-b"]);
      expect(await store.sessionsOf(judy.id)).toHaveLength(1);
    });
  });
});
