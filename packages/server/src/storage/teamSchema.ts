import type { Generated } from "kysely";

/**
 * The tables of issues 15 to 19 (integrations, audit, moderation, access, single sign-on, imports, leases,
 * exports, link previews, custom emoji, pins and saved messages), kept beside schema.ts as their migrations are
 * beside migrations.ts.
 */
export interface ApiTokensTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  name: string;
  /** Comma-separated: read, write, admin. */
  scopes: string;
  created_by: number | null;
  created_at: number;
  last_used_at: number | null;
}

export interface IncomingHooksTable {
  id: Generated<number>;
  room_id: number;
  name: string;
  emoji: string;
  secret_hash: string;
  created_by: number;
  created_at: number;
  last_used_at: number | null;
}

export interface OutgoingHooksTable {
  id: Generated<number>;
  room_id: number | null;
  bot_id: number | null;
  url: string;
  /** One per line. */
  trigger_words: string;
  secret: string;
  created_by: number;
  created_at: number;
}

export interface WebhookDeliveriesTable {
  id: Generated<number>;
  hook_id: number;
  message_id: number | null;
  body: string;
  status: Generated<"pending" | "delivered" | "failed">;
  attempts: Generated<number>;
  due_at: number;
  claimed_until: Generated<number>;
  response_status: number | null;
  error: string | null;
  created_at: number;
}

export interface SlashCommandsTable {
  id: Generated<number>;
  command: string;
  url: string;
  secret: string;
  description: string;
  usage: string;
  created_by: number | null;
  created_at: number;
}

export interface CommandResponsesTable {
  id: Generated<number>;
  secret_hash: string;
  command_id: number;
  user_id: number;
  room_id: number;
  reply_to_id: number | null;
  expires_at: number;
}

/** Who did what to whom, from where: written by `domain/audit.ts` only, and never changed or deleted by the product. */
export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  /** Null for the command line or the server itself; the name is kept so the entry reads the same after a rename. */
  actor_id: number | null;
  actor_name: string;
  action: string;
  target: string;
  address: string;
  /** JSON object: what changed, as the action records it. */
  details: string;
}

/** Who may not be in a room until unbanned. */
export interface RoomBansTable {
  room_id: number;
  user_id: number;
  banned_by: number | null;
  created_at: number;
}

/** A member's report of a message, open until a moderator acts on it. */
export interface ReportsTable {
  id: Generated<number>;
  message_id: number;
  room_id: number;
  reporter_id: number;
  reason: string;
  created_at: number;
  status: Generated<"open" | "dismissed" | "deleted" | "banned">;
  resolved_by: number | null;
  resolved_at: number | null;
}

/** Who gets in: one row, written by `domain/accessSettings.ts` only. */
export interface ServerSettingsTable {
  id: number;
  value: string;
  version: number;
  updated_at: number;
}

/** Invites to register; the code is kept as its SHA-256 only. */
export interface InvitesTable {
  id: Generated<number>;
  code_hash: string;
  created_by: number | null;
  created_by_name: string;
  created_at: number;
  expires_at: number;
  max_uses: number;
  uses: Generated<number>;
  revoked_at: number | null;
}

/** One-time password-reset links, kept as the token's SHA-256. */
export interface PasswordResetsTable {
  token_hash: string;
  user_id: number;
  created_at: number;
  expires_at: number;
}

/** An account at an OpenID provider, linked to a Natter user. */
export interface OidcIdentitiesTable {
  issuer: string;
  subject: string;
  user_id: number;
  created_at: number;
}

/** A single sign-on under way: what the callback must find again, for the browser holding the cookie. */
export interface OidcLoginsTable {
  binding_hash: string;
  state: string;
  nonce: string;
  code_verifier: string;
  expires_at: number;
}

export interface OidcSessionsTable {
  token_hash: string;
  id_token: string;
}

/** What an imported thing became: keyed by its source ("slack") and its id there. */
export interface ImportKeysTable {
  source: string;
  key: string;
  kind: "user" | "room" | "message";
  target_id: number;
}

export interface ImportJobsTable {
  id: string;
  source: string;
  dry_run: number;
  state: "running" | "done" | "failed";
  step: string;
  files_done: number;
  files_total: number;
  /** JSON of the protocol's ImportCounts and ImportSkip[]. */
  counts: string;
  skipped: string;
  error: string | null;
  started_at: number;
  finished_at: number | null;
  updated_at: number;
}

/** Who does a periodic job (retention) now: one node of a cluster at a time. */
export interface LeasesTable {
  name: string;
  holder: string;
  until: number;
}

/** "Download my data" archives: made in the background, kept until expires_at. */
export interface DataExportsTable {
  id: string;
  user_id: number;
  status: "preparing" | "ready" | "failed";
  blob_key: string | null;
  size: number | null;
  created_at: number;
  expires_at: number;
}

export interface LinkPreviewsTable {
  url: string;
  /** null: the page gave no preview (not HTML, too big, too slow, refused), remembered as long as a found one. */
  preview: string | null;
  expires_at: number;
}

export interface CustomEmojiTable {
  name: string;
  blob_key: string;
  content_type: string;
  created_by: number | null;
  created_at: number;
}

/** A pinned message of a room (issue 19); at most one pin per message. */
export interface PinsTable {
  message_id: number;
  room_id: number;
  pinned_by: number | null;
  pinned_at: number;
}

/** A message one person saved for later; nobody else sees it. */
export interface SavedMessagesTable {
  user_id: number;
  message_id: number;
  saved_at: number;
}
