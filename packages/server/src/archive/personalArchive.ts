import { randomUUID } from "node:crypto";
import type { Writable } from "node:stream";
import type { BlobStore } from "../domain/blobStore.js";
import type { FileRow, OwnMessage, Store } from "../storage/index.js";
import { ArchiveWriter } from "./archiveWriter.js";
import { blobOf, fileLine, userLine } from "./exportRooms.js";
import { ENTRY, fileEntry, thumbEntry } from "./format.js";

const PAGE = 500;

/**
 * "Download my data": the person's profile (with what only they see: email, keywords), every message they
 * wrote (with its room and thread), and every file they uploaded, in the export format (docs/export.md).
 */
export async function writePersonalArchive(input: { store: Store; blobs: BlobStore; userId: number; out: Writable; now: () => number }): Promise<void> {
  const { store } = input;
  const user = await store.userById(input.userId);
  if (!user) throw new Error("no such user");
  const writer = new ArchiveWriter(input.out);
  await writer.addJson(ENTRY.profile, {
    ...userLine(user),
    status: user.status,
    statusEmoji: user.status_emoji,
    email: user.email,
    keywords: user.keywords === "" ? [] : user.keywords.split("\n"),
    language: user.language,
  });
  const messages = await writer.addLines(ENTRY.messages, ownMessages(store, input.userId));
  let files = 0;
  for await (const file of filesOf(store, input.userId)) {
    await writer.addStream(fileEntry(file.id), await blobOf(input.blobs, file.blob_key, file));
    if (file.thumb_key) await writer.addStream(thumbEntry(file.id), await blobOf(input.blobs, file.thumb_key, file));
    files += 1;
  }
  await writer.finish({
    exportId: randomUUID(),
    createdAt: new Date(input.now()).toISOString(),
    scope: { kind: "user", user: user.username },
    counts: { users: 1, rooms: 0, messages, files },
  });
}

async function* ownMessages(store: Store, userId: number) {
  for (let after = 0; ;) {
    const page: OwnMessage[] = await store.messagesOfAuthor(userId, after, PAGE);
    if (page.length === 0) return;
    after = page[page.length - 1]?.id ?? after;
    const files = await store.filesOfMessages(page.filter((m) => m.file_count > 0).map((m) => m.id));
    for (const message of page) {
      yield {
        id: message.id,
        room: message.room_name,
        seq: message.seq,
        text: message.text,
        createdAt: new Date(message.created_at).toISOString(),
        editedAt: message.edited_at === null ? null : new Date(message.edited_at).toISOString(),
        replyTo: message.reply_to_id,
        inRoom: message.in_room === 1,
        files: files.filter((f) => f.message_id === message.id).map(fileLine),
      };
    }
  }
}

async function* filesOf(store: Store, userId: number): AsyncGenerator<FileRow> {
  for (let after = ""; ;) {
    const page = await store.filesOfOwner(userId, after, PAGE);
    if (page.length === 0) return;
    after = page[page.length - 1]?.id ?? after;
    yield* page;
  }
}
