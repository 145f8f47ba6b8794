import { sql, type Kysely } from "kysely";
import type { Database, InviteRow } from "../schema.js";

export type NewInvite = Omit<InviteRow, "id" | "uses" | "revoked_at">;

/** Who gets in: the settings row, invites and password-reset links. */
export function accessQueries(db: Kysely<Database>) {
  return {
    readAccessSettings: () => db.selectFrom("server_settings").select(["value", "version"]).where("id", "=", 1).executeTakeFirst(),

    /** Writes the settings and bumps their version, which every node's cache compares with. */
    async writeAccessSettings(value: string, at: number): Promise<number> {
      const row = await db
        .insertInto("server_settings")
        .values({ id: 1, value, version: 1, updated_at: at })
        .onConflict((oc) => oc.column("id").doUpdateSet({ value, updated_at: at, version: sql<number>`server_settings.version + 1` }))
        .returning("version")
        .executeTakeFirstOrThrow();
      return Number(row.version);
    },

    readAccessSettingsVersion: async () => {
      const row = await db.selectFrom("server_settings").select("version").where("id", "=", 1).executeTakeFirst();
      return row ? Number(row.version) : 0;
    },

    createInvite: (invite: NewInvite) => db.insertInto("invites").values(invite).returningAll().executeTakeFirstOrThrow(),

    listInvites: (limit: number) => db.selectFrom("invites").selectAll().orderBy("id", "desc").limit(limit).execute(),

    async revokeInvite(id: number, at: number) {
      const row = await db
        .updateTable("invites")
        .set({ revoked_at: at })
        .where("id", "=", id)
        .where("revoked_at", "is", null)
        .returning("id")
        .executeTakeFirst();
      return row !== undefined;
    },

    inviteByHash: (codeHash: string) => db.selectFrom("invites").selectAll().where("code_hash", "=", codeHash).executeTakeFirst(),

    /** Takes one use in a single statement, so two sign-ups cannot share the last one. */
    useInvite: (codeHash: string, now: number) =>
      db
        .updateTable("invites")
        .set({ uses: sql<number>`uses + 1` })
        .where("code_hash", "=", codeHash)
        .where("revoked_at", "is", null)
        .where("expires_at", ">", now)
        .where(sql<boolean>`uses < max_uses`)
        .returningAll()
        .executeTakeFirst(),

    /** Gives a use back when the sign-up it was taken for failed (the name was taken). */
    async releaseInvite(id: number) {
      await db
        .updateTable("invites")
        .set({ uses: sql<number>`uses - 1` })
        .where("id", "=", id)
        .where("uses", ">", 0)
        .execute();
    },

    async createPasswordReset(reset: { token_hash: string; user_id: number; created_at: number; expires_at: number }) {
      // One live link per account: a new one voids the one before.
      await db.deleteFrom("password_resets").where("user_id", "=", reset.user_id).execute();
      await db.insertInto("password_resets").values(reset).execute();
    },

    /** Uses a reset link: deleted as it is read, so it works once. */
    takePasswordReset: (tokenHash: string) => db.deleteFrom("password_resets").where("token_hash", "=", tokenHash).returningAll().executeTakeFirst(),
  };
}
