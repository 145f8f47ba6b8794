import { DEFAULT_MESSAGE_MAX, MESSAGE_TEXT_CEILING } from "@natter/protocol";
import { z } from "zod";

const flag = z.union([z.boolean(), z.enum(["true", "false", "1", "0", "yes", "no"])]).transform((v) => v === true || v === "true" || v === "1" || v === "yes");
/** A comma-separated list (or an array from options). */
const origins = z.union([z.array(z.string()), z.string()]).transform((v) => (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()).filter(Boolean));

/** Every setting, with its environment variable, default and meaning: the single source for --help. */
export const settingSpecs = {
  port: { env: "PORT", schema: z.coerce.number().int().min(0).max(65_535).default(5000), help: "TCP port to listen on" },
  host: { env: "HOST", schema: z.string().min(1).default("0.0.0.0"), help: "Address to listen on" },
  dataDir: { env: "DATA_DIR", schema: z.string().min(1).default("./data"), help: "Folder for the SQLite database (natter.db)" },
  databaseUrl: {
    env: "DATABASE_URL",
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must start with postgres://")
      .optional(),
    help: "PostgreSQL URL; SQLite under DATA_DIR when unset",
  },
  redisUrl: {
    env: "REDIS_URL",
    schema: z
      .string()
      .regex(/^rediss?:\/\//, "must start with redis://")
      .optional(),
    help: "Redis URL for running many nodes",
  },
  redisPrefix: {
    env: "REDIS_PREFIX",
    schema: z
      .string()
      .regex(/^[A-Za-z0-9_.-]{1,64}$/, "letters, digits, _ . - only")
      .default("natter"),
    help: "Prefix of Natter's Redis keys and channels; installations sharing one Redis need different ones",
  },
  redisFanout: {
    env: "REDIS_FANOUT",
    schema: z.enum(["auto", "sharded", "classic"]).default("auto"),
    help: "How broadcasts cross nodes: sharded (Redis 7 sharded pub/sub: a node hears only the rooms its sockets are in), classic (every node hears every room), or auto (sharded when Redis is 7 or newer); all nodes must agree",
  },
  allowGuests: { env: "ALLOW_GUESTS", schema: flag.default(true), help: "Let people join with only a name (first value: admins change it in the console)" },
  registration: {
    env: "REGISTRATION",
    schema: z.enum(["open", "invite", "closed"]).default("open"),
    help: "Who may register: open, invite (with an invite only) or closed (first value: admins change it in the console)",
  },
  guestPowers: {
    env: "GUEST_POWERS",
    schema: z
      .union([z.array(z.string()), z.string()])
      .transform((v) => (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()).filter(Boolean))
      .pipe(z.array(z.enum(["join", "rooms", "dms"])))
      .default(["join"]),
    help: "What guests may do, comma-separated: join (public rooms), rooms (create them), dms (start direct messages) (first value: admins change it in the console)",
  },
  allowedEmailDomains: {
    env: "ALLOWED_EMAIL_DOMAINS",
    schema: origins.default([]),
    help: "Email domains people may use, comma-separated; empty allows any (first value: admins change it in the console)",
  },
  allowedOrigins: {
    env: "ALLOWED_ORIGINS",
    schema: origins.default([]),
    help: "Extra web origins allowed to connect (comma-separated); the server's own is always allowed",
  },
  logLevel: {
    env: "LOG_LEVEL",
    schema: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    help: "fatal, error, warn, info, debug, trace or silent",
  },
  maxMessageLength: {
    env: "MAX_MESSAGE_LENGTH",
    schema: z.coerce.number().int().min(1).max(MESSAGE_TEXT_CEILING).default(DEFAULT_MESSAGE_MAX),
    help: "Longest message text, in characters",
  },
  sqliteSync: {
    env: "SQLITE_SYNCHRONOUS",
    schema: z.enum(["normal", "full"]).default("normal"),
    help: "SQLite durability: normal (WAL, fast) or full (fsync every commit)",
  },
  sqliteMaxMb: {
    env: "SQLITE_MAX_MB",
    schema: z.coerce.number().min(0).default(0),
    help: "Largest the SQLite database may grow, in MB (0 = until the disk is full); past it sends answer STORAGE_FULL and reads go on",
  },
  trustProxy: { env: "TRUST_PROXY", schema: flag.default(false), help: "Trust X-Forwarded-* headers from a load balancer" },
  maxUploadMb: { env: "MAX_UPLOAD_MB", schema: z.coerce.number().min(0.001).max(1024).default(25), help: "Largest file one may upload, in MB" },
  maxImportMb: {
    env: "MAX_IMPORT_MB",
    schema: z.coerce.number().min(1).max(1_048_576).default(4096),
    help: "Largest Slack export an admin may upload to POST /api/admin/imports, in MB (kept under DATA_DIR/imports while it runs)",
  },
  maxAttachments: { env: "MAX_ATTACHMENTS", schema: z.coerce.number().int().min(1).max(20).default(10), help: "Files per message" },
  uploadQuotaMb: { env: "UPLOAD_QUOTA_MB", schema: z.coerce.number().min(0).default(1024), help: "Total MB of files one user may keep" },
  blobStore: { env: "BLOB_STORE", schema: z.enum(["disk", "s3"]).default("disk"), help: "Where uploaded files live: disk (DATA_DIR/files) or s3" },
  s3Bucket: { env: "S3_BUCKET", schema: z.string().min(3).optional(), help: "S3 bucket for files (BLOB_STORE=s3)" },
  s3Endpoint: { env: "S3_ENDPOINT", schema: z.url().optional(), help: "S3-compatible endpoint URL (MinIO, Ceph…); AWS when unset" },
  s3Region: { env: "S3_REGION", schema: z.string().min(1).default("us-east-1"), help: "S3 region" },
  s3AccessKeyId: { env: "S3_ACCESS_KEY_ID", schema: z.string().min(1).optional(), help: "S3 access key; the AWS default chain when unset" },
  s3SecretAccessKey: { env: "S3_SECRET_ACCESS_KEY", schema: z.string().min(1).optional(), help: "S3 secret key" },
  s3ForcePathStyle: { env: "S3_FORCE_PATH_STYLE", schema: flag.default(true), help: "Path-style S3 URLs (needed by most self-hosted S3 servers)" },
  s3Prefix: {
    env: "S3_PREFIX",
    schema: z
      .string()
      .regex(/^([A-Za-z0-9_.-]+\/)*$/, "must be empty or end with /")
      .default(""),
    help: "Key prefix inside the bucket",
  },
  maxSocketBacklogKb: {
    env: "MAX_SOCKET_BACKLOG_KB",
    schema: z.coerce.number().int().min(16).default(4096),
    help: "Output a client may leave unread before it is disconnected (it catches up on reconnect), in KB",
  },
  maxConnectionsPerAddress: {
    env: "MAX_CONNECTIONS_PER_ADDRESS",
    schema: z.coerce.number().int().min(0).default(0),
    help: "Open Socket.IO connections one client address may hold (0 = no cap); behind a load balancer set TRUST_PROXY so the client's own address counts",
  },
  messagesPerSecond: {
    env: "MESSAGE_RATE",
    schema: z.coerce.number().min(0).default(20),
    help: "Messages one user may send per second (0 = unlimited, and lifts every other per-user budget: edits, reactions, typing, room changes)",
  },
  signupRate: {
    env: "SIGNUP_RATE",
    schema: z.coerce.number().min(0).default(10),
    help: "New accounts and guests one address may create per minute, and 30 times that server-wide (0 = unlimited)",
  },
  publicUrl: {
    env: "PUBLIC_URL",
    schema: z.url().optional(),
    help: "The address people open Natter at, for links in pushes and emails; the server's own when unset",
  },
  vapidPublicKey: {
    env: "VAPID_PUBLIC_KEY",
    schema: z.string().min(40).optional(),
    help: "Web Push public key (base64url); made on first start and kept in the database when unset",
  },
  vapidPrivateKey: { env: "VAPID_PRIVATE_KEY", schema: z.string().min(20).optional(), help: "Web Push private key (base64url), with VAPID_PUBLIC_KEY" },
  vapidSubject: {
    env: "VAPID_SUBJECT",
    schema: z
      .string()
      .regex(/^(mailto:|https:)/, "must start with mailto: or https:")
      .optional(),
    help: "Contact push services may use (mailto: or https:); PUBLIC_URL when unset",
  },
  pushAllowPrivateEndpoints: {
    env: "PUSH_ALLOW_PRIVATE_ENDPOINTS",
    schema: flag.default(false),
    help: "Allow push endpoints on private or loopback addresses, over http: too (for tests)",
  },
  smtpUrl: {
    env: "SMTP_URL",
    schema: z
      .string()
      .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
      .optional(),
    help: "SMTP server for emails of missed messages, e.g. smtp://user:pass@host:587; no email when unset",
  },
  mailFrom: { env: "MAIL_FROM", schema: z.string().min(3).default("Natter <natter@localhost>"), help: "Sender of Natter's emails" },
  emailNotifyDelayMin: {
    env: "EMAIL_NOTIFY_DELAY_MIN",
    schema: z.coerce.number().min(0).max(10_080).default(10),
    help: "Minutes a DM or mention stays unread before it is emailed, and the least time between two emails to one person (0 = at the next check; checks run at least every 30 s)",
  },
  // Single sign-on (OpenID Connect): see docs/admin.md, "Single sign-on".
  oidcIssuer: { env: "OIDC_ISSUER", schema: z.url().optional(), help: "OpenID Connect issuer URL; sign-in with it is offered when set (with OIDC_CLIENT_ID)" },
  oidcClientId: { env: "OIDC_CLIENT_ID", schema: z.string().min(1).optional(), help: "Client ID registered at the OpenID provider" },
  oidcClientSecret: {
    env: "OIDC_CLIENT_SECRET",
    schema: z.string().min(1).optional(),
    help: "Client secret registered at the OpenID provider; unset for a public client (PKCE only)",
  },
  oidcName: { env: "OIDC_NAME", schema: z.string().min(1).max(40).default("SSO"), help: "The provider's name on the log-in button (Sign in with …)" },
  oidcScopes: {
    env: "OIDC_SCOPES",
    schema: z.string().min(1).default("openid profile email"),
    help: "Scopes asked of the provider (openid is added when missing)",
  },
  oidcUsernameClaim: {
    env: "OIDC_USERNAME_CLAIM",
    schema: z.string().min(1).default("preferred_username"),
    help: "ID token claim a new account's username comes from (made valid and unique; the email's name, then \"user\", when missing)",
  },
  oidcOnly: {
    env: "OIDC_ONLY",
    schema: flag.default(false),
    help: "Single sign-on only: password log-in, registration, guests and the setup link are refused",
  },
  oidcRolesClaim: {
    env: "OIDC_ROLES_CLAIM",
    schema: z.string().min(1).optional(),
    help: "Claim (e.g. groups) that sets the server role at every sign-in, by OIDC_ADMIN_VALUES and OIDC_MODERATOR_VALUES; roles are left alone when unset",
  },
  oidcAdminValues: { env: "OIDC_ADMIN_VALUES", schema: origins.default([]), help: "Values of OIDC_ROLES_CLAIM that make an admin (comma-separated)" },
  oidcModeratorValues: {
    env: "OIDC_MODERATOR_VALUES",
    schema: origins.default([]),
    help: "Values of OIDC_ROLES_CLAIM that make a moderator (comma-separated)",
  },
  oidcAllowPrivate: {
    env: "OIDC_ALLOW_PRIVATE",
    schema: flag.default(false),
    help: "Allow an OpenID provider on private or loopback addresses, over http: too (an on-premises provider, tests)",
  },
  requireTwoFactorForStaff: {
    env: "REQUIRE_TWO_FACTOR_FOR_STAFF",
    schema: flag.default(false),
    help: "Admins (and moderators) must use two-factor authentication: one without it sets it up at the next log-in, and cannot turn it off",
  },
  // Integrations (issue 16).
  allowUserTokens: { env: "ALLOW_USER_TOKENS", schema: flag.default(true), help: "Let users make personal access tokens for themselves (admins always may)" },
  webhookAllowPrivate: {
    env: "WEBHOOK_ALLOW_PRIVATE",
    schema: flag.default(false),
    help: "Allow outgoing webhooks and slash commands to private, loopback or link-local addresses (for tests)",
  },
  webhookRetryBaseMs: {
    env: "WEBHOOK_RETRY_BASE_MS",
    schema: z.coerce.number().int().min(1).max(3_600_000).default(30_000),
    help: "First wait before an outgoing webhook is tried again; it doubles for each of the 5 retries",
  },
  // Link previews (issue 19).
  linkPreviews: { env: "LINK_PREVIEWS", schema: flag.default(true), help: "Fetch the first link of each message and show its title and description under it" },
  linkPreviewAllowPrivate: {
    env: "LINK_PREVIEW_ALLOW_PRIVATE",
    schema: flag.default(false),
    help: "Allow link previews of pages on private, loopback or link-local addresses, redirects included (for tests)",
  },
  // Operations (issue 18): metrics and scheduled backups.
  metricsPort: {
    env: "METRICS_PORT",
    schema: z.coerce.number().int().min(0).max(65_535).optional(),
    help: "Port of a second listener serving Prometheus /metrics (0 = any free port); no metrics when unset",
  },
  metricsHost: { env: "METRICS_HOST", schema: z.string().min(1).default("127.0.0.1"), help: "Address of the /metrics listener" },
  backupDir: { env: "BACKUP_DIR", schema: z.string().min(1).optional(), help: "Folder for scheduled backups (natter-<time>.tar); none when unset" },
  backupEveryHours: {
    env: "BACKUP_EVERY_HOURS",
    schema: z.coerce
      .number()
      .min(1 / 3600)
      .max(24 * 365)
      .default(24),
    help: "Hours between scheduled backups (with BACKUP_DIR), at whole multiples of it since 1970 UTC (24: at midnight UTC)",
  },
  backupKeep: { env: "BACKUP_KEEP", schema: z.coerce.number().int().min(1).default(7), help: "Scheduled backups kept in BACKUP_DIR; older ones are deleted" },
  retentionDays: {
    env: "RETENTION_DAYS",
    schema: z.coerce.number().int().min(0).max(36_500).default(0),
    help: "Days of history kept; older messages and their files are deleted (0 = keep forever; admins may set a room's own)",
  },
  retentionEveryMinutes: {
    env: "RETENTION_EVERY_MINUTES",
    schema: z.coerce.number().min(0.01).max(10_080).default(60),
    help: "How often retention runs (on one node of a cluster at a time)",
  },
  deletedAccountMessages: {
    env: "DELETED_ACCOUNT_MESSAGES",
    schema: z.enum(["keep", "remove"]).default("keep"),
    help: "When someone deletes their account: keep their messages (shown as from a deleted user) or remove them",
  },
  dataExportHours: {
    env: "DATA_EXPORT_HOURS",
    schema: z.coerce.number().min(0.01).max(720).default(72),
    help: 'How long a "download my data" archive can be downloaded before it is deleted',
  },
} as const;

type Specs = typeof settingSpecs;
export type Settings = { [K in keyof Specs]: z.output<Specs[K]["schema"]> };
export type SettingsInput = { [K in keyof Specs]?: z.input<Specs[K]["schema"]> };

/** A setting that does not parse: the start stops with one line naming it. */
export class SettingsError extends Error {}

/** Options win over environment variables, which win over defaults. */
export function resolveSettings(options: SettingsInput = {}, env: NodeJS.ProcessEnv = {}): Settings {
  const result: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(settingSpecs)) {
    const given = options[key as keyof Specs];
    const raw = given ?? (env[spec.env] === "" ? undefined : env[spec.env]);
    const parsed = spec.schema.safeParse(raw);
    if (!parsed.success) {
      const source = given !== undefined ? `--${kebab(key)}` : spec.env;
      throw new SettingsError(`invalid setting ${source}=${JSON.stringify(raw)}: ${parsed.error.issues[0]?.message ?? "invalid"}`);
    }
    result[key] = parsed.data;
  }
  return checkSingleSignOn(result as Settings);
}

/** Settings that only make sense together: a half-configured provider stops the start instead of failing at each sign-in. */
function checkSingleSignOn(settings: Settings): Settings {
  if (Boolean(settings.oidcIssuer) !== Boolean(settings.oidcClientId)) throw new SettingsError("OIDC_ISSUER and OIDC_CLIENT_ID are set together");
  if (settings.oidcOnly && !settings.oidcIssuer) throw new SettingsError("OIDC_ONLY=true needs OIDC_ISSUER and OIDC_CLIENT_ID");
  return settings;
}

export function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

export function settingsHelp(): string {
  const rows = Object.entries(settingSpecs).map(([key, spec]) => {
    const fallback = spec.schema.safeParse(undefined);
    const shown = fallback.success && fallback.data !== undefined ? ` (default: ${JSON.stringify(fallback.data)})` : "";
    return `  --${kebab(key).padEnd(22)} ${spec.env.padEnd(20)} ${spec.help}${shown}`;
  });
  return rows.join("\n");
}
