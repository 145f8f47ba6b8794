import type { Generated, Insertable, Selectable } from "kysely";
import type {
  ApiTokensTable,
  IncomingHooksTable,
  OutgoingHooksTable,
  WebhookDeliveriesTable,
  SlashCommandsTable,
  CommandResponsesTable,
  AuditLogTable,
  RoomBansTable,
  ReportsTable,
  ServerSettingsTable,
  InvitesTable,
  PasswordResetsTable,
  OidcIdentitiesTable,
  OidcLoginsTable,
  OidcSessionsTable,
  ImportKeysTable,
  ImportJobsTable,
  LeasesTable,
  DataExportsTable,
  LinkPreviewsTable,
  CustomEmojiTable,
  PinsTable,
  SavedMessagesTable,
} from "./teamSchema.js";

export type * from "./teamSchema.js";

/** Times are milliseconds since the epoch in every store, so SQLite and PostgreSQL answer alike. */
export interface UsersTable {
  id: Generated<number>;
  username: string;
  username_key: string;
  password_hash: string | null;
  kind: "member" | "guest";
  created_at: number;
  role: Generated<"user" | "moderator" | "admin">;
  display_name: Generated<string>;
  /** The version of the person's picture; null draws their initials. */
  avatar: Generated<string | null>;
  /** The custom status's text; old clients know it as the whole status. */
  status: Generated<string>;
  status_emoji: Generated<string>;
  /** When the custom status (text and emoji) lapses; null keeps it until changed. */
  status_expires_at: number | null;
  /** Do-not-disturb ends then; null when off (see DND_FOREVER for "until turned off"). */
  dnd_until: number | null;
  /** 1 when the user chose to appear away, whatever their tabs do. */
  away_chosen: Generated<number>;
  /** Words that notify the user wherever they are written, one per line. */
  keywords: Generated<string>;
  /** The language pushes and emails are written in (the web app's, told when it subscribes). */
  language: Generated<string>;
  email: Generated<string | null>;
  email_verified_at: Generated<number | null>;
  email_sent_at: Generated<number>;
  email_claimed_until: Generated<number>;
  /** When an admin deactivated the account; null while it may sign in. */
  deactivated_at: Generated<number | null>;
  /** Encrypted; set while 2FA is being set up or is on. */
  totp_secret: Generated<string | null>;
  totp_enabled_at: Generated<number | null>;
  /** The newest TOTP time step used: a code is taken once. */
  totp_last_step: Generated<number>;
  /** 1 for a bot: no password, acts through its tokens. */
  bot: Generated<number>;
  /** Set when the person deleted their account; the row stays as the author of what they wrote. */
  deleted_at: Generated<number | null>;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  created_at: number;
  expires_at: number;
  user_agent: Generated<string>;
  address: Generated<string>;
  /** Moved forward by requests and connections, at most once a minute. */
  last_seen_at: Generated<number>;
}

export interface RecoveryCodesTable {
  user_id: number;
  code_hash: string;
}

export interface LoginTicketsTable {
  token_hash: string;
  user_id: number;
  expires_at: number;
  user_agent: string;
  address: string;
}

export interface RoomsTable {
  id: Generated<number>;
  name: string;
  name_key: string;
  topic: string;
  created_by: number | null;
  created_at: number;
  /** The seq of the room's newest message; bumped in the same transaction as each insert. */
  last_seq: Generated<number>;
  kind: Generated<"public" | "private" | "dm">;
  archived_at: number | null;
  /** For direct messages: the sorted ids of everyone in it, so the same people always get the same room. */
  dm_key: string | null;
  /** Bumped by every change to the room's messages; each changed message takes the new value as its rev. */
  last_rev: Generated<number>;
  /** How many memberships the room has; changed in the same transaction as each of them. */
  member_count: Generated<number>;
  /** Set when the room is deleted: it is gone for everyone at once, and its rows are purged in batches. */
  deleted_at: Generated<number | null>;
  /** Days of history this room keeps (0: all); null follows RETENTION_DAYS. */
  retention_days: Generated<number | null>;
  /** Messages created before this were deleted by retention; null while none were. */
  history_starts_at: Generated<number | null>;
}

export interface MembershipsTable {
  room_id: number;
  user_id: number;
  joined_at: number;
  role: Generated<"owner" | "admin" | "member">;
  last_read_seq: Generated<number>;
  notify: Generated<"all" | "mentions" | "mute">;
  /** 1 once the member chose a level; until then the room's size decides it. */
  notify_chosen: Generated<number>;
}

export interface MessagesTable {
  id: Generated<number>;
  room_id: number;
  seq: number;
  author_id: number;
  text: string;
  client_msg_id: string;
  created_at: number;
  rev: number;
  edited_at: number | null;
  deleted_at: number | null;
  reply_to_id: number | null;
  in_room: number;
  reply_count: Generated<number>;
  /** Comma-separated ids of the room's members the text mentions, in id order: the only record of who was mentioned. */
  mention_ids: string;
  mentions_room: number;
  /** Kept with the reactions, so a page looks reactions up only for messages that have some. */
  reaction_count: Generated<number>;
  /** The files attached when the message was sent; set to 0 when it is deleted (its files go with it). */
  file_count: Generated<number>;
  /** An integration's card as JSON (protocol's cardSchema); null for a person's message. */
  card: Generated<string | null>;
  /** The first link's preview as JSON (protocol's linkPreviewSchema); '' once the author removed it. */
  preview: Generated<string | null>;
}

export interface ReactionsTable {
  message_id: number;
  user_id: number;
  emoji: string;
  created_at: number;
}

export interface FilesTable {
  id: string;
  owner_id: number;
  /** Set when the file is attached to a message; until then only its uploader may see it. */
  room_id: number | null;
  message_id: number | null;
  name: string;
  type: string;
  size: number;
  width: number | null;
  height: number | null;
  blob_key: string;
  thumb_key: string | null;
  created_at: number;
}

/** How far one person has read one thread: the seq of the last reply they saw. */
export interface ThreadReadsTable {
  user_id: number;
  root_id: number;
  last_read_seq: number;
}

export interface ServerKeysTable {
  name: string;
  value: string;
}

export interface PushSubscriptionsTable {
  id: Generated<number>;
  user_id: number;
  endpoint: string;
  p256dh: string;
  auth: string;
  created_at: number;
}

/** Push and email work, kept until done so that a restart loses none; claimed so that no two nodes do it twice. */
export interface NotificationJobsTable {
  id: Generated<number>;
  channel: "push" | "email";
  user_id: number;
  subscription_id: number | null;
  message_id: number;
  room_id: number;
  seq: number;
  reason: string;
  due_at: number;
  attempts: Generated<number>;
  claimed_until: Generated<number>;
}

export interface EmailTokensTable {
  token_hash: string;
  user_id: number;
  email: string;
  expires_at: number;
}

export interface SetupTokensTable {
  token_hash: string;
  created_at: number;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  rooms: RoomsTable;
  memberships: MembershipsTable;
  messages: MessagesTable;
  reactions: ReactionsTable;
  files: FilesTable;
  thread_reads: ThreadReadsTable;
  server_keys: ServerKeysTable;
  push_subscriptions: PushSubscriptionsTable;
  notification_jobs: NotificationJobsTable;
  email_tokens: EmailTokensTable;
  setup_tokens: SetupTokensTable;
  api_tokens: ApiTokensTable;
  incoming_hooks: IncomingHooksTable;
  outgoing_hooks: OutgoingHooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  slash_commands: SlashCommandsTable;
  command_responses: CommandResponsesTable;
  audit_log: AuditLogTable;
  room_bans: RoomBansTable;
  reports: ReportsTable;
  server_settings: ServerSettingsTable;
  invites: InvitesTable;
  password_resets: PasswordResetsTable;
  oidc_identities: OidcIdentitiesTable;
  oidc_logins: OidcLoginsTable;
  oidc_sessions: OidcSessionsTable;
  recovery_codes: RecoveryCodesTable;
  login_tickets: LoginTicketsTable;
  import_keys: ImportKeysTable;
  import_jobs: ImportJobsTable;
  leases: LeasesTable;
  data_exports: DataExportsTable;
  pins: PinsTable;
  saved_messages: SavedMessagesTable;
  link_previews: LinkPreviewsTable;
  custom_emoji: CustomEmojiTable;
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Omit<Insertable<UsersTable>, "id">;
export type RoomRow = Selectable<RoomsTable>;
export type MessageRow = Selectable<MessagesTable>;
export type CustomEmojiRow = Selectable<CustomEmojiTable>;
export type SessionRow = Selectable<SessionsTable>;
export type NewSession = Insertable<SessionsTable>;
export type LoginTicketRow = Selectable<LoginTicketsTable>;
export type MembershipRow = Selectable<MembershipsTable>;
export type ReactionRow = Selectable<ReactionsTable>;
export type FileRow = Selectable<FilesTable>;
export type PushSubscriptionRow = Selectable<PushSubscriptionsTable>;
export type NotificationJobRow = Selectable<NotificationJobsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type IncomingHookRow = Selectable<IncomingHooksTable>;
export type OutgoingHookRow = Selectable<OutgoingHooksTable>;
export type WebhookDeliveryRow = Selectable<WebhookDeliveriesTable>;
export type SlashCommandRow = Selectable<SlashCommandsTable>;
export type CommandResponseRow = Selectable<CommandResponsesTable>;
export type AuditRow = Selectable<AuditLogTable>;
export type ReportRow = Selectable<ReportsTable>;
export type InviteRow = Selectable<InvitesTable>;
export type OidcLoginRow = Selectable<OidcLoginsTable>;
export type ImportJobRow = Selectable<ImportJobsTable>;
export type DataExportRow = Selectable<DataExportsTable>;
