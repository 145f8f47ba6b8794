import type { DataExportRow, FileRow, MessageRow, RoomRow, UserRow } from "./schema.js";
import type { MessageWithAuthor } from "./store.js";

/** What one retention batch removed: its files' bytes are deleted after the commit. */
export interface RetentionBatch {
  deleted: number;
  files: FileRow[];
}

/** A user's own message, with the room it is in, for "download my data". */
export type OwnMessage = MessageWithAuthor & { room_name: string };

/**
 * The data's life beyond chatting: export and import, retention, a person's own archive and the end of
 * their account. Part of the Store (composed in kyselyStore); the queries are storage/queries/lifecycle.ts.
 */
export interface LifecycleStore {
  /** Every room but direct messages, in id order (for `natter export --all`). */
  allRooms(): Promise<RoomRow[]>;
  /** Users in id order after `afterId` (deleted accounts too: they still author messages). */
  usersPage(afterId: number, limit: number): Promise<UserRow[]>;
  /** Files attached to the room's messages, in id order after `afterId`. */
  filesOfRoom(roomId: number, afterId: string, limit: number): Promise<FileRow[]>;
  /** The message an author stored under a clientMsgId, if any: how a second import finds what the first wrote. */
  messageByClientMsgId(authorId: number, clientMsgId: string): Promise<MessageRow | undefined>;

  /** Rooms whose history a retention of `serverDays` (0: none) trims: their id and days in force. */
  roomsToTrim(serverDays: number): Promise<{ id: number; days: number }[]>;
  /** null: follow the server's setting. Answers the room as now stored. */
  setRoomRetention(roomId: number, days: number | null): Promise<RoomRow | undefined>;
  /**
   * Deletes at most `limit` of the room's messages created before `cutoff`, in one transaction: replies
   * first, then messages with no replies left, so a thread with a recent reply keeps its first message.
   * Reactions, files, thread reads and search entries go with them; the room's history start moves.
   */
  trimRoom(roomId: number, cutoff: number, limit: number): Promise<RetentionBatch>;
  /** Takes or renews the named lease for `holder` until `until`; false while another holder's lasts. */
  takeLease(name: string, holder: string, now: number, until: number): Promise<boolean>;

  /** The user's messages (not deleted ones) after message id `afterId`, in id order. */
  messagesOfAuthor(userId: number, afterId: number, limit: number): Promise<OwnMessage[]>;
  /** Files the user uploaded, in id order after `afterId`. */
  filesOfOwner(userId: number, afterId: string, limit: number): Promise<FileRow[]>;
  createDataExport(row: DataExportRow): Promise<void>;
  dataExportById(id: string): Promise<DataExportRow | undefined>;
  finishDataExport(id: string, change: Pick<DataExportRow, "status" | "blob_key" | "size">): Promise<void>;
  /** Archives past their expiry, removed here and answered so their bytes can go too. */
  takeExpiredDataExports(now: number, limit: number): Promise<DataExportRow[]>;

  /**
   * Closes an account in one transaction: the row stays as the author of what they wrote ("deleted user",
   * its name freed), and their memberships, reactions, files, subscriptions and archives go. Answers the
   * files and archives whose bytes are to be deleted, and the rooms they left.
   */
  closeAccount(userId: number, at: number): Promise<{ files: FileRow[]; exports: DataExportRow[]; roomIds: number[] }>;
  /** Empties up to `limit` of the author's messages like a deletion (each takes its room's next rev); answers how many. */
  emptyMessagesOf(userId: number, at: number, limit: number): Promise<number>;
}
