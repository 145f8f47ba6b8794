import type { NewInvite } from "./queries/access.js";
import type { DirectoryQuery } from "./queries/directory.js";
import type { PinListing, SavedListing } from "./queries/pins.js";
import type { DirectoryFilter, DirectoryListing } from "./queries/roomDirectory.js";
import type { InviteRow, LoginTicketRow, SessionRow, UserRow } from "./schema.js";

/** The store's part for running a team (issues 15, 17 and 19), beside the chat's own in store.ts. */
export interface TeamStore {
  // Who gets in and the people (issue 15): queries/access.ts and queries/people.ts.
  readAccessSettings(): Promise<{ value: string; version: number } | undefined>;
  writeAccessSettings(value: string, at: number): Promise<number>;
  readAccessSettingsVersion(): Promise<number>;
  createInvite(invite: NewInvite): Promise<InviteRow>;
  listInvites(limit: number): Promise<InviteRow[]>;
  revokeInvite(id: number, at: number): Promise<boolean>;
  inviteByHash(codeHash: string): Promise<InviteRow | undefined>;
  useInvite(codeHash: string, now: number): Promise<InviteRow | undefined>;
  releaseInvite(id: number): Promise<void>;
  createPasswordReset(reset: { token_hash: string; user_id: number; created_at: number; expires_at: number }): Promise<void>;
  takePasswordReset(tokenHash: string): Promise<{ token_hash: string; user_id: number; created_at: number; expires_at: number } | undefined>;
  searchUsers(text: string, afterKey: string | undefined, limit: number): Promise<UserRow[]>;
  /** The people directory: active accounts in key order (issue 19). */
  directory(query: DirectoryQuery): Promise<UserRow[]>;
  hasMessageFromOthers(roomId: number, userId: number): Promise<boolean>;
  setDeactivated(userId: number, at: number | null): Promise<UserRow | undefined>;
  upgradeGuest(userId: number, passwordHash: string): Promise<UserRow | undefined>;
  overviewCounts(): Promise<{ people: number; deactivated: number; rooms: number; messages: number; storageBytes: number }>;

  // Issue 17: two-factor log-in, password resets, the sessions page (queries/security.ts).
  /** Starts setting 2FA up with a new (encrypted) secret; false while 2FA is on. */
  beginTotp(userId: number, secret: string): Promise<boolean>;
  /** False when there was no secret being set up, or 2FA was already on. */
  enableTotp(userId: number, at: number, step: number, codeHashes: readonly string[]): Promise<boolean>;
  /** False when this time step, or a later one, was already used. */
  takeTotpStep(userId: number, step: number): Promise<boolean>;
  disableTotp(userId: number): Promise<void>;
  takeRecoveryCode(userId: number, codeHash: string): Promise<boolean>;
  recoveryCodesLeft(userId: number): Promise<number>;
  createLoginTicket(ticket: LoginTicketRow): Promise<void>;
  loginTicket(tokenHash: string): Promise<LoginTicketRow | undefined>;
  takeLoginTicket(tokenHash: string): Promise<LoginTicketRow | undefined>;
  /** Forgets expired log-in tickets and reset links. */
  deleteExpiredTickets(now: number): Promise<void>;
  usersByVerifiedEmail(email: string): Promise<UserRow[]>;
  /** Most recently used first. */
  sessionsOf(userId: number): Promise<SessionRow[]>;
  touchSession(tokenHash: string, at: number): Promise<void>;
  deleteSessionsExcept(userId: number, keepTokenHash: string): Promise<string[]>;

  // Issue 19: the room directory, pins and saved messages (queries/roomDirectory.ts, queries/pins.ts).
  roomDirectory(filter: DirectoryFilter): Promise<DirectoryListing[]>;
  addPin(pin: { messageId: number; roomId: number; pinnedBy: number; pinnedAt: number }): Promise<boolean>;
  removePin(messageId: number): Promise<boolean>;
  countPins(roomId: number): Promise<number>;
  /** Newest pin first; deleted messages are left out. */
  pinsOf(roomId: number, limit: number): Promise<PinListing[]>;
  saveMessage(userId: number, messageId: number, savedAt: number): Promise<void>;
  unsaveMessage(userId: number, messageId: number): Promise<void>;
  savedOf(userId: number, after: { savedAt: number; messageId: number } | undefined, limit: number): Promise<SavedListing[]>;
}
