import { sql, type Kysely } from "kysely";
import type { Dialect } from "../migrations.js";
import type { ApiTokenRow, CommandResponseRow, Database, IncomingHookRow, OutgoingHookRow, SlashCommandRow, UserRow, WebhookDeliveryRow } from "../schema.js";

export type ApiTokenListing = ApiTokenRow & { username: string; bot: number };
export type IncomingHookListing = IncomingHookRow & { creator_name: string; room_name: string };
export type OutgoingHookListing = OutgoingHookRow & { creator_name: string; room_name: string | null; bot_name: string | null };
export type NewDelivery = Pick<WebhookDeliveryRow, "hook_id" | "message_id" | "body" | "due_at" | "created_at">;

/** Tokens, bots, incoming and outgoing webhooks (with their delivery queue) and slash commands. */
export function integrationQueries(db: Kysely<Database>, dialect: Dialect) {
  // Claimed as notification_jobs are (queries/notifications.ts): a row one PostgreSQL node holds is skipped by the others.
  const skipLocked = dialect === "postgres" ? sql`for update skip locked` : sql``;
  const tokens = () =>
    db.selectFrom("api_tokens").innerJoin("users", "users.id", "api_tokens.user_id").selectAll("api_tokens").select(["users.username", "users.bot"]);
  const incoming = () =>
    db
      .selectFrom("incoming_hooks")
      .innerJoin("users", "users.id", "incoming_hooks.created_by")
      .innerJoin("rooms", "rooms.id", "incoming_hooks.room_id")
      .selectAll("incoming_hooks")
      .select(["users.username as creator_name", "rooms.name as room_name"]);
  const outgoing = () =>
    db
      .selectFrom("outgoing_hooks")
      .innerJoin("users as creators", "creators.id", "outgoing_hooks.created_by")
      .leftJoin("rooms", "rooms.id", "outgoing_hooks.room_id")
      .leftJoin("users as bots", "bots.id", "outgoing_hooks.bot_id")
      .selectAll("outgoing_hooks")
      .select(["creators.username as creator_name", "rooms.name as room_name", "bots.username as bot_name"]);

  return {
    async insertApiToken(token: Omit<ApiTokenRow, "id" | "last_used_at">): Promise<ApiTokenListing> {
      const { id } = await db.insertInto("api_tokens").values(token).returning("id").executeTakeFirstOrThrow();
      return tokens().where("api_tokens.id", "=", id).executeTakeFirstOrThrow();
    },

    /** The token's row and its user, in one read: every request made with a token asks it. */
    async apiTokenUser(tokenHash: string): Promise<{ token: ApiTokenRow; user: UserRow } | undefined> {
      const row = await db
        .selectFrom("api_tokens")
        .innerJoin("users", "users.id", "api_tokens.user_id")
        .selectAll("users")
        .select([
          "api_tokens.id as token_id",
          "api_tokens.name as token_name",
          "api_tokens.scopes",
          "api_tokens.created_by as token_created_by",
          "api_tokens.created_at as token_created_at",
          "api_tokens.last_used_at",
        ])
        .where("api_tokens.token_hash", "=", tokenHash)
        .executeTakeFirst();
      if (!row) return undefined;
      const { token_id, token_name, scopes, token_created_by, token_created_at, last_used_at, ...user } = row;
      const token = {
        id: token_id,
        token_hash: tokenHash,
        user_id: user.id,
        name: token_name,
        scopes,
        created_by: token_created_by,
        created_at: token_created_at,
        last_used_at,
      };
      return { token, user };
    },

    async touchApiToken(id: number, at: number) {
      await db.updateTable("api_tokens").set({ last_used_at: at }).where("id", "=", id).execute();
    },

    /** The user's own tokens, and with `bots` every bot's too. */
    apiTokensFor(userId: number, bots: boolean): Promise<ApiTokenListing[]> {
      return tokens()
        .where((eb) => (bots ? eb.or([eb("api_tokens.user_id", "=", userId), eb("users.bot", "=", 1)]) : eb("api_tokens.user_id", "=", userId)))
        .orderBy("api_tokens.id")
        .execute();
    },

    apiTokenById: (id: number): Promise<ApiTokenListing | undefined> => tokens().where("api_tokens.id", "=", id).executeTakeFirst(),

    async deleteApiToken(id: number): Promise<string | undefined> {
      const row = await db.deleteFrom("api_tokens").where("id", "=", id).returning("token_hash").executeTakeFirst();
      return row?.token_hash;
    },

    bots: () => db.selectFrom("users").selectAll().where("bot", "=", 1).orderBy("id").execute(),

    async insertIncomingHook(hook: Omit<IncomingHookRow, "id" | "last_used_at">): Promise<IncomingHookListing> {
      const { id } = await db.insertInto("incoming_hooks").values(hook).returning("id").executeTakeFirstOrThrow();
      return incoming().where("incoming_hooks.id", "=", id).executeTakeFirstOrThrow();
    },

    incomingHooksOf: (roomId: number): Promise<IncomingHookListing[]> =>
      incoming().where("incoming_hooks.room_id", "=", roomId).orderBy("incoming_hooks.id").execute(),

    incomingHookById: (id: number): Promise<IncomingHookListing | undefined> => incoming().where("incoming_hooks.id", "=", id).executeTakeFirst(),

    async setIncomingHookSecret(id: number, secretHash: string) {
      await db.updateTable("incoming_hooks").set({ secret_hash: secretHash }).where("id", "=", id).execute();
    },

    async touchIncomingHook(id: number, at: number) {
      await db.updateTable("incoming_hooks").set({ last_used_at: at }).where("id", "=", id).execute();
    },

    async deleteIncomingHook(id: number) {
      await db.deleteFrom("incoming_hooks").where("id", "=", id).execute();
    },

    async insertOutgoingHook(hook: Omit<OutgoingHookRow, "id">): Promise<OutgoingHookListing> {
      const { id } = await db.insertInto("outgoing_hooks").values(hook).returning("id").executeTakeFirstOrThrow();
      return outgoing().where("outgoing_hooks.id", "=", id).executeTakeFirstOrThrow();
    },

    /** Every outgoing hook, or those one person made. */
    outgoingHooks: (createdBy: number | undefined): Promise<OutgoingHookListing[]> =>
      (createdBy === undefined ? outgoing() : outgoing().where("outgoing_hooks.created_by", "=", createdBy)).orderBy("outgoing_hooks.id").execute(),

    outgoingHookById: (id: number): Promise<OutgoingHookListing | undefined> => outgoing().where("outgoing_hooks.id", "=", id).executeTakeFirst(),

    async setOutgoingHookSecret(id: number, secret: string) {
      await db.updateTable("outgoing_hooks").set({ secret }).where("id", "=", id).execute();
    },

    async deleteOutgoingHook(id: number) {
      await db.deleteFrom("outgoing_hooks").where("id", "=", id).execute();
    },

    /** The hooks a new message of this room may set off: the room's own, and those of the bots it mentions. */
    hooksForMessage(roomId: number, mentionIds: readonly number[]): Promise<OutgoingHookRow[]> {
      return db
        .selectFrom("outgoing_hooks")
        .selectAll()
        .where((eb) => eb.or([eb("room_id", "=", roomId), ...(mentionIds.length > 0 ? [eb("bot_id", "in", mentionIds)] : [])]))
        .orderBy("id")
        .execute();
    },

    async enqueueDeliveries(deliveries: readonly NewDelivery[]) {
      if (deliveries.length > 0)
        await db
          .insertInto("webhook_deliveries")
          .values(deliveries.map((delivery) => ({ ...delivery })))
          .execute();
    },

    /** Due deliveries nobody holds, now held by the caller until `until`. */
    async claimDeliveries(now: number, until: number, limit: number): Promise<WebhookDeliveryRow[]> {
      const { rows } = await sql<WebhookDeliveryRow>`
        update webhook_deliveries set claimed_until = ${until}
        where id in (select id from webhook_deliveries where status = 'pending' and due_at <= ${now} and claimed_until < ${now}
          order by id limit ${sql.lit(limit)} ${skipLocked})
        returning *`.execute(db);
      return rows;
    },

    /** Delivered or given up: kept for the owner's log. */
    async settleDelivery(id: number, status: "delivered" | "failed", attempts: number, responseStatus: number | null, error: string | null) {
      await db
        .updateTable("webhook_deliveries")
        .set({ status, attempts, response_status: responseStatus, error, claimed_until: 0 })
        .where("id", "=", id)
        .execute();
    },

    async retryDelivery(id: number, attempts: number, dueAt: number, responseStatus: number | null, error: string | null) {
      await db
        .updateTable("webhook_deliveries")
        .set({ attempts, due_at: dueAt, response_status: responseStatus, error, claimed_until: 0 })
        .where("id", "=", id)
        .execute();
    },

    deliveriesOf: (hookId: number, limit: number): Promise<WebhookDeliveryRow[]> =>
      db.selectFrom("webhook_deliveries").selectAll().where("hook_id", "=", hookId).orderBy("id", "desc").limit(limit).execute(),

    /** Undefined when the command's name is taken. */
    insertCommand: (command: Omit<SlashCommandRow, "id">): Promise<SlashCommandRow | undefined> =>
      db
        .insertInto("slash_commands")
        .values(command)
        .onConflict((oc) => oc.column("command").doNothing())
        .returningAll()
        .executeTakeFirst(),

    commands: (): Promise<SlashCommandRow[]> => db.selectFrom("slash_commands").selectAll().orderBy("command").execute(),

    commandByName: (command: string): Promise<SlashCommandRow | undefined> =>
      db.selectFrom("slash_commands").selectAll().where("command", "=", command).executeTakeFirst(),

    async deleteCommand(id: number): Promise<boolean> {
      const result = await db.deleteFrom("slash_commands").where("id", "=", id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async insertCommandResponse(response: Omit<CommandResponseRow, "id">): Promise<number> {
      // Expired response URLs go as new ones are made: no job is needed to sweep them.
      await db
        .deleteFrom("command_responses")
        .where("expires_at", "<", response.expires_at - 2 * RESPONSE_WINDOW_MS)
        .execute();
      const { id } = await db.insertInto("command_responses").values(response).returning("id").executeTakeFirstOrThrow();
      return id;
    },

    commandResponseById: (id: number): Promise<CommandResponseRow | undefined> =>
      db.selectFrom("command_responses").selectAll().where("id", "=", id).executeTakeFirst(),
  };
}

/** How long a command's response_url takes answers (Slack's 30 minutes). */
export const RESPONSE_WINDOW_MS = 30 * 60_000;

export type IntegrationQueries = ReturnType<typeof integrationQueries>;
