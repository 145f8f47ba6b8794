import { sql, type Kysely } from "kysely";
import type { Database, NewSession, NewUser, SessionRow, UserRow } from "../schema.js";
import type { Store, UserChange } from "../store.js";
import { BatchedRead } from "../batchedRead.js";
import { first, inList } from "./common.js";
import { insertMembership } from "./memberships.js";

/** Users and their sessions. Each request and connection reads its session and user: those two are SQL. */
export function userQueries(db: Kysely<Database>) {
  const userById = (id: number) => first(db, sql<UserRow>`select * from users where id = ${id}`);
  // Every request and every socket's handshake asks these two: a burst of them is read in a few queries.
  const sessionsByHash = new BatchedRead(async (hashes: string[]) => {
    const { rows } = await sql<SessionRow>`select * from sessions where token_hash in (${inList(hashes)})`.execute(db);
    return new Map(rows.map((row) => [row.token_hash, row]));
  });
  const sessionUsers = new BatchedRead(async (hashes: string[]) => {
    const { rows } = await sql<UserRow & { session_token_hash: string; session_expires_at: number; session_last_seen_at: number }>`select users.*,
      sessions.token_hash as session_token_hash, sessions.expires_at as session_expires_at, sessions.last_seen_at as session_last_seen_at
      from sessions inner join users on users.id = sessions.user_id where sessions.token_hash in (${inList(hashes)})`.execute(db);
    return new Map(
      rows.map(({ session_token_hash: tokenHash, session_expires_at: expiresAt, session_last_seen_at: lastSeenAt, ...user }) => [
        tokenHash,
        { user, expiresAt: Number(expiresAt), lastSeenAt: Number(lastSeenAt) },
      ]),
    );
  });

  return {
    createUser: (user: NewUser) =>
      db
        .insertInto("users")
        .values(user)
        .onConflict((oc) => oc.column("username_key").doNothing())
        .returningAll()
        .executeTakeFirst(),

    async hasAdmin() {
      return (
        (await db.selectFrom("users").select("id").where("role", "=", "admin").where("deactivated_at", "is", null).limit(1).executeTakeFirst()) !== undefined
      );
    },

    async addSetupToken(tokenHash: string, at: number) {
      await db.insertInto("setup_tokens").values({ token_hash: tokenHash, created_at: at }).execute();
    },

    async useSetupToken(tokenHash: string) {
      const used = await db.deleteFrom("setup_tokens").where("token_hash", "=", tokenHash).returning("token_hash").executeTakeFirst();
      // Once one link is used, every other one printed before it is void too.
      if (used) await db.deleteFrom("setup_tokens").execute();
      return used !== undefined;
    },

    userById,

    userByKey: (usernameKey: string) => db.selectFrom("users").selectAll().where("username_key", "=", usernameKey).executeTakeFirst(),

    async usersByKeys(keys: readonly string[]) {
      if (keys.length === 0) return [];
      return db.selectFrom("users").selectAll().where("username_key", "in", keys).orderBy("username_key").execute();
    },

    async usersByIds(ids: readonly number[]) {
      if (ids.length === 0) return [];
      return db.selectFrom("users").selectAll().where("id", "in", ids).orderBy("id").execute();
    },

    async availabilitiesSet(ids: readonly number[]) {
      if (ids.length === 0) return [];
      return db
        .selectFrom("users")
        .select(["id", "away_chosen", "dnd_until", "status", "status_emoji", "status_expires_at"])
        .where("id", "in", ids)
        .where((eb) => eb.or([eb("away_chosen", "=", 1), eb("dnd_until", "is not", null), eb("status", "<>", ""), eb("status_emoji", "<>", "")]))
        .orderBy("id")
        .execute();
    },

    updateUser(id: number, change: UserChange) {
      // An empty SET is a syntax error in SQL: changing nothing reads the row instead.
      if (Object.keys(change).length === 0) return userById(id);
      return db.updateTable("users").set(change).where("id", "=", id).returningAll().executeTakeFirst();
    },

    async setPasswordHash(userId: number, passwordHash: string) {
      await db.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", userId).execute();
    },

    signUp(user: NewUser, session: Omit<NewSession, "user_id">, roomKey: string) {
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto("users")
          .values(user)
          .onConflict((oc) => oc.column("username_key").doNothing())
          .returningAll()
          .executeTakeFirst();
        if (!row) return undefined;
        await trx
          .insertInto("sessions")
          .values({ ...session, user_id: row.id })
          .execute();
        const room = await trx.selectFrom("rooms").select("id").where("name_key", "=", roomKey).executeTakeFirst();
        if (room) await insertMembership(trx, room.id, row.id, user.created_at, "member");
        return row;
      });
    },

    async createSession(session: NewSession) {
      await db.insertInto("sessions").values(session).execute();
    },

    sessionByHash: (tokenHash: string) => sessionsByHash.load(tokenHash),

    sessionUser: (tokenHash: string) => sessionUsers.load(tokenHash),

    async deleteSession(tokenHash: string) {
      await db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
    },

    async deleteSessionsOf(userId: number) {
      const rows = await db.deleteFrom("sessions").where("user_id", "=", userId).returning("token_hash").execute();
      return rows.map((row) => row.token_hash);
    },
  } satisfies Partial<Store>;
}
