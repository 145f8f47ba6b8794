import type { Database } from "better-sqlite3";
import type { MessageRow } from "./schema.js";
import type { NewMessage } from "./store.js";

/**
 * What a new message changes besides its own row: its thread root's reply count and rev, and the files it carries
 * (only the sender's own, not yet attached). One place for both SQLite writers, the batch and the one-at-a-time.
 */
export function sqliteMessageLinks(db: Database): (row: MessageRow, message: NewMessage) => void {
  const countReply = db.prepare<[number, number]>("update messages set reply_count = reply_count + 1, rev = ? where id = ?");
  const attach = db.prepare<[number, number, string, number]>(
    "update files set message_id = ?, room_id = ? where id = ? and owner_id = ? and message_id is null",
  );
  const countFiles = db.prepare<[number, number]>("update messages set file_count = ? where id = ?");
  return (row, message) => {
    if (message.replyToId) countReply.run(row.rev, message.replyToId);
    let attached = 0;
    for (const fileId of message.fileIds ?? []) attached += attach.run(row.id, message.roomId, fileId, message.authorId).changes;
    if (attached > 0) {
      countFiles.run(attached, row.id);
      row.file_count = attached;
    }
  };
}
