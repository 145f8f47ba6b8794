import { openPostgresStore } from "./postgres.js";
import { openSqliteStore } from "./sqlite.js";
import type { Store } from "./store.js";
import type { CommitObserver } from "./messageWriter.js";

export type {
  Store,
  NewMessage,
  NewRoom,
  MessageWithAuthor,
  RoomListing,
  MessageChange,
  MemberListing,
  RoomChange,
  SearchQuery,
  UserChange,
  AvailabilityRow,
  MentionListing,
  ThreadListing,
  NotifyTarget,
  EmailJob,
  NewJob,
  ImportedMessage,
  ImportedFile,
  ImportedResult,
} from "./store.js";
export type {
  UserRow,
  RoomRow,
  MessageRow,
  SessionRow,
  MembershipRow,
  ReactionRow,
  FileRow,
  NotificationJobRow,
  PushSubscriptionRow,
  ImportJobRow,
} from "./schema.js";
export type { ApiTokenRow, IncomingHookRow, OutgoingHookRow, SlashCommandRow, WebhookDeliveryRow } from "./schema.js";
export type { ApiTokenListing, IncomingHookListing, OutgoingHookListing, NewDelivery } from "./queries/integrations.js";
export { RESPONSE_WINDOW_MS } from "./queries/integrations.js";
export type { LifecycleStore, OwnMessage, RetentionBatch } from "./lifecycleStore.js";
export type { DataExportRow, NewSession, NewUser } from "./schema.js";
export type { CustomEmojiRow } from "./schema.js";
export { storageFailureCode } from "./failures.js";

/** PostgreSQL when a URL is given, else SQLite under the data folder. */
export function openStore(
  settings: { databaseUrl?: string | undefined; dataDir: string; sqliteSync: "normal" | "full"; sqliteMaxMb: number },
  observeCommits?: CommitObserver,
): Store {
  if (settings.databaseUrl) return openPostgresStore(settings.databaseUrl, observeCommits);
  return openSqliteStore({ dataDir: settings.dataDir, synchronous: settings.sqliteSync, maxSizeMb: settings.sqliteMaxMb, observeCommits });
}
