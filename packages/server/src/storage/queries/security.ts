import { sql, type Kysely } from "kysely";
import type { Database, LoginTicketRow } from "../schema.js";
import { BatchedRead } from "../batchedRead.js";
import type { Store } from "../store.js";
import { inList } from "./common.js";

/** Two-factor secrets and recovery codes, log-in tickets, password resets and the sessions page's reads. */
export function securityQueries(db: Kysely<Database>) {
  // A reconnect storm touches thousands of sessions at once: one update per batch keeps them out of the pool's queue.
  // The batch's latest time is written for all of them: "last seen" is shown to the minute.
  const touchedAt = new Map<string, number>();
  const touches = new BatchedRead(
    async (hashes: string[]) => {
      const at = Math.max(...hashes.map((hash) => touchedAt.get(hash) ?? 0));
      for (const hash of hashes) touchedAt.delete(hash);
      await sql`update sessions set last_seen_at = ${at} where token_hash in (${inList(hashes)}) and last_seen_at < ${at}`.execute(db);
      return new Map<string, never>();
    },
    { maxKeys: 500, maxInFlight: 1 },
  );

  return {
    /** Starts setting 2FA up: a new secret, not yet enabled. Refused (false) while 2FA is on. */
    async beginTotp(userId: number, secret: string) {
      const result = await db
        .updateTable("users")
        .set({ totp_secret: secret, totp_enabled_at: null, totp_last_step: 0 })
        .where("id", "=", userId)
        .where("totp_enabled_at", "is", null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    /** Turns 2FA on with the step of the code that confirmed it, and these recovery codes (replacing any). */
    async enableTotp(userId: number, at: number, step: number, codeHashes: readonly string[]) {
      return db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable("users")
          .set({ totp_enabled_at: at, totp_last_step: step })
          .where("id", "=", userId)
          .where("totp_enabled_at", "is", null)
          .where("totp_secret", "is not", null)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return false;
        await trx.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
        await trx
          .insertInto("recovery_codes")
          .values(codeHashes.map((code_hash) => ({ user_id: userId, code_hash })))
          .execute();
        return true;
      });
    },

    /** Takes a time step once: false when this or a later step was already used (a replayed code). */
    async takeTotpStep(userId: number, step: number) {
      const result = await db.updateTable("users").set({ totp_last_step: step }).where("id", "=", userId).where("totp_last_step", "<", step).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async disableTotp(userId: number) {
      await db.transaction().execute(async (trx) => {
        await trx.updateTable("users").set({ totp_secret: null, totp_enabled_at: null, totp_last_step: 0 }).where("id", "=", userId).execute();
        await trx.deleteFrom("recovery_codes").where("user_id", "=", userId).execute();
      });
    },

    /** Single use: true when the code was one of the user's, and it is gone now. */
    async takeRecoveryCode(userId: number, codeHash: string) {
      const result = await db.deleteFrom("recovery_codes").where("user_id", "=", userId).where("code_hash", "=", codeHash).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async recoveryCodesLeft(userId: number) {
      const row = await db
        .selectFrom("recovery_codes")
        .select((eb) => eb.fn.countAll<number>().as("count"))
        .where("user_id", "=", userId)
        .executeTakeFirstOrThrow();
      return Number(row.count);
    },

    async createLoginTicket(ticket: LoginTicketRow) {
      await db.insertInto("login_tickets").values(ticket).execute();
    },

    loginTicket: (tokenHash: string) => db.selectFrom("login_tickets").selectAll().where("token_hash", "=", tokenHash).executeTakeFirst(),

    /** Single use: the ticket is gone once taken. */
    async takeLoginTicket(tokenHash: string) {
      return db.deleteFrom("login_tickets").where("token_hash", "=", tokenHash).returningAll().executeTakeFirst();
    },

    async deleteExpiredTickets(now: number) {
      await db.deleteFrom("login_tickets").where("expires_at", "<=", now).execute();
      await db.deleteFrom("password_resets").where("expires_at", "<=", now).execute();
    },

    /** A user's accounts by verified address: where a reset link may be mailed. */
    usersByVerifiedEmail: (email: string) =>
      db
        .selectFrom("users")
        .selectAll()
        .where(sql<string>`lower(email)`, "=", email.toLowerCase())
        .where("email_verified_at", "is not", null)
        .orderBy("id")
        .execute(),

    sessionsOf: (userId: number) => db.selectFrom("sessions").selectAll().where("user_id", "=", userId).orderBy("last_seen_at", "desc").execute(),

    async touchSession(tokenHash: string, at: number) {
      touchedAt.set(tokenHash, Math.max(at, touchedAt.get(tokenHash) ?? 0));
      await touches.load(tokenHash);
    },

    /** Ends every session of the user but one; answers the token hashes that were ended. */
    async deleteSessionsExcept(userId: number, keepTokenHash: string) {
      const rows = await db.deleteFrom("sessions").where("user_id", "=", userId).where("token_hash", "<>", keepTokenHash).returning("token_hash").execute();
      return rows.map((row) => row.token_hash);
    },
  } satisfies Partial<Store>;
}
