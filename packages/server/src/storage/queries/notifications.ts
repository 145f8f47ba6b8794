import { sql, type Kysely } from "kysely";
import type { Dialect } from "../migrations.js";
import type { Database, NotificationJobRow } from "../schema.js";
import type { EmailJob, NewJob, NewPushSubscription, NotifyTarget } from "../store.js";

/** Keys, push subscriptions and the queue of push and email work. */
export function notificationQueries(db: Kysely<Database>, dialect: Dialect) {
  // PostgreSQL nodes claim work side by side: a row one node holds is skipped by the others, never waited on.
  // SQLite has one writer, so its update is the claim.
  const skipLocked = dialect === "postgres" ? sql`for update skip locked` : sql``;

  return {
    async serverKey(name: string, create: () => string) {
      await db
        .insertInto("server_keys")
        .values({ name, value: create() })
        .onConflict((oc) => oc.column("name").doNothing())
        .execute();
      // Two nodes starting together both insert; the first one's value is everyone's.
      const row = await db.selectFrom("server_keys").select("value").where("name", "=", name).executeTakeFirstOrThrow();
      return row.value;
    },

    async savePushSubscription(subscription: NewPushSubscription, max: number) {
      const others = await db
        .selectFrom("push_subscriptions")
        .select((eb) => eb.fn.countAll<number>().as("count"))
        .where("user_id", "=", subscription.userId)
        .where("endpoint", "<>", subscription.endpoint)
        .executeTakeFirstOrThrow();
      if (Number(others.count) >= max) return false;
      const { userId, endpoint, p256dh, auth, createdAt } = subscription;
      // An endpoint is one browser's: subscribing it again (another account there) moves it.
      await db
        .insertInto("push_subscriptions")
        .values({ user_id: userId, endpoint, p256dh, auth, created_at: createdAt })
        .onConflict((oc) => oc.column("endpoint").doUpdateSet({ user_id: userId, p256dh, auth, created_at: createdAt }))
        .execute();
      return true;
    },

    async deletePushSubscription(userId: number, endpoint: string) {
      const result = await db.deleteFrom("push_subscriptions").where("user_id", "=", userId).where("endpoint", "=", endpoint).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async forgetPushSubscription(id: number) {
      await db.deleteFrom("push_subscriptions").where("id", "=", id).execute();
    },

    pushSubscriptionsByIds(ids: readonly number[]) {
      if (ids.length === 0) return Promise.resolve([]);
      return db.selectFrom("push_subscriptions").selectAll().where("id", "in", ids).execute();
    },

    async anyoneToNotify() {
      const { rows } = await sql<{ found: number }>`
        select 1 as found where exists (select 1 from push_subscriptions) or exists (select 1 from users where email_verified_at is not null)`.execute(db);
      return rows.length > 0;
    },

    /** The room's members (but the author) who have somewhere to be told: a push subscription or a verified email. */
    async notifyTargets(roomId: number, authorId: number): Promise<NotifyTarget[]> {
      const { rows } = await sql<NotifyTarget>`
        select memberships.user_id, memberships.notify, memberships.notify_chosen, memberships.last_read_seq,
          users.keywords, users.language, users.email_verified_at,
          (select count(*) from push_subscriptions where push_subscriptions.user_id = memberships.user_id) as subscriptions
        from memberships inner join users on users.id = memberships.user_id
        where memberships.room_id = ${roomId} and memberships.user_id <> ${authorId}
          and (users.email_verified_at is not null
            or memberships.user_id in (select user_id from push_subscriptions))`.execute(db);
      return rows.map((row) => ({ ...row, subscriptions: Number(row.subscriptions) }));
    },

    async subscriptionIdsOf(userIds: readonly number[]) {
      if (userIds.length === 0) return [];
      return db.selectFrom("push_subscriptions").select(["id", "user_id"]).where("user_id", "in", userIds).execute();
    },

    async enqueueJobs(jobs: readonly NewJob[]) {
      if (jobs.length > 0)
        await db
          .insertInto("notification_jobs")
          .values(jobs.map((job) => ({ ...job })))
          .execute();
    },

    /** Due push work, held until `until` by this node. */
    async claimPushJobs(now: number, until: number, limit: number) {
      const { rows } = await sql<NotificationJobRow>`
        update notification_jobs set claimed_until = ${until}
        where id in (select id from notification_jobs where channel = 'push' and due_at <= ${now} and claimed_until < ${now}
          order by id limit ${sql.lit(limit)} ${skipLocked})
        returning *`.execute(db);
      return rows;
    },

    async finishJob(id: number) {
      await db.deleteFrom("notification_jobs").where("id", "=", id).execute();
    },

    async retryJob(id: number, dueAt: number) {
      await db
        .updateTable("notification_jobs")
        .set((eb) => ({ attempts: eb("attempts", "+", 1), due_at: dueAt, claimed_until: 0 }))
        .where("id", "=", id)
        .execute();
    },

    /** Users with email work due and no email within the window, held until `until` by this node. */
    async claimEmailUsers(now: number, windowStart: number, until: number, limit: number) {
      const { rows } = await sql<{ id: number }>`
        update users set email_claimed_until = ${until}
        where id in (select id from users where email_verified_at is not null and email_claimed_until < ${now} and email_sent_at <= ${windowStart}
          and exists (select 1 from notification_jobs where notification_jobs.user_id = users.id and channel = 'email' and due_at <= ${now})
          order by id limit ${sql.lit(limit)} ${skipLocked})
        returning id`.execute(db);
      return rows.map((row) => Number(row.id));
    },

    /** The user's email work, with what an email lists; `read` when they have read it since. */
    async emailJobsOf(userId: number): Promise<EmailJob[]> {
      const { rows } = await sql<EmailJob>`
        select notification_jobs.id, notification_jobs.reason, notification_jobs.seq, messages.text, messages.created_at,
          rooms.name as room_name, rooms.kind as room_kind, authors.username as author_name,
          case when memberships.last_read_seq is null or memberships.last_read_seq >= notification_jobs.seq then 1 else 0 end as read
        from notification_jobs
          inner join messages on messages.id = notification_jobs.message_id
          inner join rooms on rooms.id = notification_jobs.room_id
          inner join users authors on authors.id = messages.author_id
          left join memberships on memberships.room_id = notification_jobs.room_id and memberships.user_id = notification_jobs.user_id
        where notification_jobs.user_id = ${userId} and notification_jobs.channel = 'email' and messages.deleted_at is null
        order by notification_jobs.id`.execute(db);
      return rows.map((row) => ({ ...row, read: Number(row.read) === 1 }));
    },

    /** Done with the user's email work up to this job: `sentAt` opens the next window (0 when nothing was sent). */
    async finishEmail(userId: number, upToJobId: number, sentAt: number | undefined) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom("notification_jobs").where("user_id", "=", userId).where("channel", "=", "email").where("id", "<=", upToJobId).execute();
        await trx
          .updateTable("users")
          .set({ email_claimed_until: 0, ...(sentAt === undefined ? {} : { email_sent_at: sentAt }) })
          .where("id", "=", userId)
          .execute();
      });
    },

    async releaseEmail(userId: number, retryAt: number) {
      await db.updateTable("users").set({ email_claimed_until: retryAt }).where("id", "=", userId).execute();
    },

    async createEmailToken(token: { tokenHash: string; userId: number; email: string; expiresAt: number }) {
      await db.deleteFrom("email_tokens").where("user_id", "=", token.userId).execute();
      await db
        .insertInto("email_tokens")
        .values({ token_hash: token.tokenHash, user_id: token.userId, email: token.email, expires_at: token.expiresAt })
        .execute();
    },

    /** Single use: the token is gone once taken, whether or not it had expired. */
    async takeEmailToken(tokenHash: string) {
      return db.deleteFrom("email_tokens").where("token_hash", "=", tokenHash).returningAll().executeTakeFirst();
    },
  };
}
