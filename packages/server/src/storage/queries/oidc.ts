import type { Kysely } from "kysely";
import type { Database, OidcIdentitiesTable, OidcLoginRow, UserRow } from "../schema.js";

/** What single sign-on keeps: sign-ins under way, the provider accounts linked to users, the ID tokens of sessions. */
export interface OidcStore {
  /** Keeps a sign-in under way (and forgets the ones that ran out). */
  createOidcLogin(login: OidcLoginRow, now: number): Promise<void>;
  /** The sign-in under way for this browser, removed as it is read: each is used once at most. */
  takeOidcLogin(bindingHash: string): Promise<OidcLoginRow | undefined>;
  oidcIdentityUser(issuer: string, subject: string): Promise<number | undefined>;
  /** Whether the user is linked to some account at this issuer. */
  hasOidcIdentity(userId: number, issuer: string): Promise<boolean>;
  /** False when the provider account is already linked (to anyone). */
  linkOidcIdentity(identity: OidcIdentitiesTable): Promise<boolean>;
  /** Users with a verified email equal to this one ignoring case (as the store's lower() sees case). */
  usersByVerifiedEmail(email: string): Promise<UserRow[]>;
  saveOidcSession(tokenHash: string, idToken: string): Promise<void>;
  oidcSessionIdToken(tokenHash: string): Promise<string | undefined>;
}

export function oidcQueries(db: Kysely<Database>) {
  return {
    async createOidcLogin(login: OidcLoginRow, now: number) {
      await db.deleteFrom("oidc_logins").where("expires_at", "<=", now).execute();
      await db.insertInto("oidc_logins").values(login).execute();
    },

    takeOidcLogin: (bindingHash: string) => db.deleteFrom("oidc_logins").where("binding_hash", "=", bindingHash).returningAll().executeTakeFirst(),

    async oidcIdentityUser(issuer: string, subject: string) {
      const row = await db.selectFrom("oidc_identities").select("user_id").where("issuer", "=", issuer).where("subject", "=", subject).executeTakeFirst();
      return row?.user_id;
    },

    async hasOidcIdentity(userId: number, issuer: string) {
      const row = await db.selectFrom("oidc_identities").select("subject").where("user_id", "=", userId).where("issuer", "=", issuer).executeTakeFirst();
      return row !== undefined;
    },

    async linkOidcIdentity(identity: OidcIdentitiesTable) {
      const row = await db
        .insertInto("oidc_identities")
        .values(identity)
        .onConflict((oc) => oc.columns(["issuer", "subject"]).doNothing())
        .returning("user_id")
        .executeTakeFirst();
      return row !== undefined;
    },

    usersByVerifiedEmail: (email: string) =>
      db
        .selectFrom("users")
        .selectAll()
        // Candidates only: SQLite's lower() folds ASCII alone, PostgreSQL's more; the caller narrows to ASCII case,
        // so both stores answer alike.
        .where((eb) => eb(eb.fn("lower", ["email"]), "=", eb.fn("lower", [eb.val(email)])))
        .where("email_verified_at", "is not", null)
        .orderBy("id")
        .execute(),

    async saveOidcSession(tokenHash: string, idToken: string) {
      await db.insertInto("oidc_sessions").values({ token_hash: tokenHash, id_token: idToken }).execute();
    },

    async oidcSessionIdToken(tokenHash: string) {
      return (await db.selectFrom("oidc_sessions").select("id_token").where("token_hash", "=", tokenHash).executeTakeFirst())?.id_token;
    },
  } satisfies OidcStore;
}
