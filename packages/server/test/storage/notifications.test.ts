import { describe, expect, it } from "vitest";
import type { NewJob, Store } from "../../src/storage/index.js";
import { storeCast, T0 } from "./support/cast.js";
import { onEveryStoreDirectly, openForAll, type StoreFixture } from "./support/openStores.js";

const keys = { p256dh: "p", auth: "a" };

onEveryStoreDirectly((storeName, open) => {
  describe(`notification storage on ${storeName}`, { timeout: 60_000 }, () => {
    let fixture: StoreFixture;
    let store: Store;
    openForAll(open, (opened) => {
      fixture = opened;
      store = opened.store;
    });
    const { person, room, post } = storeCast(() => store);

    it("nobody is there to notify until someone subscribes to pushes or verifies an email", async () => {
      expect(await store.anyoneToNotify()).toBe(false);
      const erin = await person();
      await store.updateUser(erin.id, { email: "erin@example.com" });
      expect(await store.anyoneToNotify()).toBe(false);
      await store.updateUser(erin.id, { email_verified_at: T0 });
      expect(await store.anyoneToNotify()).toBe(true);
      await store.updateUser(erin.id, { email: null, email_verified_at: null });
      await store.savePushSubscription({ userId: erin.id, endpoint: "https://p/anyone", ...keys, createdAt: T0 }, 20);
      expect(await store.anyoneToNotify()).toBe(true);
    });

    it("a server key is made by the first node to ask and read by every other", async () => {
      const other = await fixture.anotherStore();
      const [first, second] = await Promise.all([store.serverKey("test", () => "one"), other.serverKey("test", () => "two")]);
      expect(first).toBe(second);
      expect(await store.serverKey("test", () => "three")).toBe(first);
    });

    it("a subscription is one per endpoint, moves with it, and a user keeps at most the maximum", async () => {
      const [alice, bob] = [await person(), await person()];
      const save = (userId: number, endpoint: string) => store.savePushSubscription({ userId, endpoint, ...keys, createdAt: T0 }, 2);
      expect([await save(alice.id, "https://p/1"), await save(alice.id, "https://p/2"), await save(alice.id, "https://p/3")]).toEqual([true, true, false]);
      expect(await save(alice.id, "https://p/2")).toBe(true);
      expect(await save(bob.id, "https://p/2")).toBe(true);
      expect((await store.subscriptionIdsOf([alice.id, bob.id])).map((s) => s.user_id).sort()).toEqual([alice.id, bob.id].sort());
      expect(await store.deletePushSubscription(alice.id, "https://p/2")).toBe(false);
      expect(await store.deletePushSubscription(bob.id, "https://p/2")).toBe(true);
    });

    it("only members with a subscription are targets, with their level and keywords", async () => {
      const [author, subscribed, plain] = [await person(), await person(), await person()];
      const chat = await room();
      for (const user of [author, subscribed, plain]) await store.addMember(chat.id, user.id, T0);
      await store.updateMembership(chat.id, subscribed.id, { notify: "mentions" });
      await store.updateUser(subscribed.id, { keywords: "deploy" });
      await store.savePushSubscription({ userId: subscribed.id, endpoint: `https://p/t${subscribed.id}`, ...keys, createdAt: T0 }, 20);
      const targets = await store.notifyTargets(chat.id, author.id);
      expect(targets).toEqual([
        expect.objectContaining({ user_id: subscribed.id, notify: "mentions", notify_chosen: 1, keywords: "deploy", subscriptions: 1 }),
      ]);
    });

    it("a job is claimed by one node only, comes back after a failure when due, and is gone when finished", async () => {
      const [author, reader] = [await person(), await person()];
      const chat = await room();
      const row = await post(chat, author, "ping");
      await store.savePushSubscription({ userId: reader.id, endpoint: `https://p/j${reader.id}`, ...keys, createdAt: T0 }, 20);
      const [subscription] = await store.subscriptionIdsOf([reader.id]);
      const job: NewJob = {
        channel: "push",
        user_id: reader.id,
        subscription_id: subscription?.id ?? null,
        message_id: row.id,
        room_id: chat.id,
        seq: row.seq,
        reason: "dm",
        due_at: T0,
      };
      await store.enqueueJobs([job]);
      const other = await fixture.anotherStore();
      const claims = await Promise.all([store.claimPushJobs(T0, T0 + 60_000, 10), other.claimPushJobs(T0, T0 + 60_000, 10)]);
      expect(claims.flat()).toHaveLength(1);
      const claimed = claims.flat()[0];
      expect(await store.claimPushJobs(T0 + 1, T0 + 60_000, 10)).toEqual([]);
      await store.retryJob(claimed?.id ?? 0, T0 + 5_000);
      expect(await store.claimPushJobs(T0 + 1_000, T0 + 60_000, 10)).toEqual([]);
      expect((await store.claimPushJobs(T0 + 5_000, T0 + 60_000, 10)).map((j) => j.attempts)).toEqual([1]);
      // A node that died holding it: past the lease, another node takes it.
      expect(await other.claimPushJobs(T0 + 60_001, T0 + 120_000, 10)).toHaveLength(1);
      await store.finishJob(claimed?.id ?? 0);
      expect(await store.claimPushJobs(T0 + 999_999, T0 + 999_999, 10)).toEqual([]);
    });

    it("forgetting a subscription drops its queued work", async () => {
      const [author, reader] = [await person(), await person()];
      const chat = await room();
      const row = await post(chat, author, "pong");
      await store.savePushSubscription({ userId: reader.id, endpoint: `https://p/f${reader.id}`, ...keys, createdAt: T0 }, 20);
      const [subscription] = await store.subscriptionIdsOf([reader.id]);
      await store.enqueueJobs([
        {
          channel: "push",
          user_id: reader.id,
          subscription_id: subscription?.id ?? null,
          message_id: row.id,
          room_id: chat.id,
          seq: row.seq,
          reason: "dm",
          due_at: T0,
        },
      ]);
      await store.forgetPushSubscription(subscription?.id ?? 0);
      expect(await store.claimPushJobs(T0 + 999_999, T0 + 999_999, 10)).toEqual([]);
    });
    it("an email is claimed per user by one node, lists what is unread, and the next waits out the window", async () => {
      const [author, reader] = [await person(), await person()];
      const chat = await room();
      await store.addMember(chat.id, reader.id, T0);
      await store.updateUser(reader.id, { email: "reader@example.com", email_verified_at: T0 });
      const [first, second] = [await post(chat, author, "first"), await post(chat, author, "second")];
      const job = (row: typeof first) => ({
        channel: "email" as const,
        user_id: reader.id,
        subscription_id: null,
        message_id: row.id,
        room_id: chat.id,
        seq: row.seq,
        reason: "mention",
        due_at: T0,
      });
      await store.enqueueJobs([job(first), job(second)]);
      await store.markRead(chat.id, reader.id, first.seq);
      const other = await fixture.anotherStore();
      const now = T0 + 1_000;
      const claims = await Promise.all([store.claimEmailUsers(now, now, now + 300_000, 10), other.claimEmailUsers(now, now, now + 300_000, 10)]);
      expect(claims.flat().filter((id) => id === reader.id)).toHaveLength(1);
      const jobs = await store.emailJobsOf(reader.id);
      expect(jobs.map((j) => [j.text, j.read])).toEqual([
        ["first", true],
        ["second", false],
      ]);
      await store.finishEmail(reader.id, jobs.at(-1)?.id ?? 0, now);
      const third = await post(chat, author, "third");
      await store.enqueueJobs([job(third)]);
      // The window is ten minutes here: nothing more until it has passed since the last email.
      expect(await store.claimEmailUsers(now + 60_000, now + 60_000 - 600_000, now + 360_000, 10)).not.toContain(reader.id);
      expect(await store.claimEmailUsers(now + 600_000, now, now + 900_000, 10)).toContain(reader.id);
      expect((await store.emailJobsOf(reader.id)).map((j) => j.text)).toEqual(["third"]);
    });
  });
});
