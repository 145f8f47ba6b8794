import { nameKey } from "@natter/protocol";
import { randomUUID } from "node:crypto";
import type { Writable } from "node:stream";
import type { BlobStore } from "../domain/blobStore.js";
import type { FileRow, MessageWithAuthor, RoomRow, Store, UserRow } from "../storage/index.js";
import { ArchiveWriter } from "./archiveWriter.js";
import { ENTRY, fileEntry, thumbEntry, type FileLine, type MessageLine, type RoomLine, type UserLine } from "./format.js";

/** Rows read per query: a page of messages and what hangs off them is all the export holds at once. */
const PAGE = 500;

export interface ExportProgress {
  rooms: number;
  messages: number;
  files: number;
}

export interface ExportInput {
  store: Store;
  blobs: BlobStore;
  /** One room by name, or every room but direct messages. */
  scope: { kind: "room"; room: string } | { kind: "all" };
  out: Writable;
  onProgress?: (progress: ExportProgress) => void;
  now?: () => number;
}

export class ExportError extends Error {}

/** `natter export`: rooms, their members, messages (threads, reactions, edits, files) and the people in them. */
export async function exportRooms(input: ExportInput): Promise<ExportProgress & { users: number }> {
  const { store } = input;
  const rooms = input.scope.kind === "all" ? await store.allRooms() : [await roomNamed(store, input.scope.room)];
  const progress: ExportProgress = { rooms: 0, messages: 0, files: 0 };
  const names = new UserNames(store);
  const writer = new ArchiveWriter(input.out);
  const tell = () => input.onProgress?.({ ...progress });

  await writer.addLines(ENTRY.rooms, roomLines(store, names, rooms, progress));
  await writer.addLines(ENTRY.messages, messageLines(store, names, rooms, progress, tell));
  for (const room of rooms) {
    for await (const file of filesOf(store, room.id)) {
      await writer.addStream(fileEntry(file.id), await blobOf(input.blobs, file.blob_key, file));
      if (file.thumb_key) await writer.addStream(thumbEntry(file.id), await blobOf(input.blobs, file.thumb_key, file));
      progress.files += 1;
      if (progress.files % 20 === 0) tell();
    }
  }
  const users = await writer.addLines(ENTRY.users, input.scope.kind === "all" ? allUserLines(store) : names.lines());
  tell();
  await writer.finish({
    exportId: randomUUID(),
    createdAt: new Date((input.now ?? Date.now)()).toISOString(),
    scope: input.scope,
    counts: { users, rooms: progress.rooms, messages: progress.messages, files: progress.files },
  });
  return { ...progress, users };
}

async function roomNamed(store: Store, name: string): Promise<RoomRow> {
  const room = await store.roomByKey(nameKey(name));
  if (!room || room.kind === "dm") throw new ExportError(`no room is called "${name}"`);
  return room;
}

async function* roomLines(store: Store, names: UserNames, rooms: RoomRow[], progress: ExportProgress): AsyncGenerator<RoomLine> {
  for (const room of rooms) {
    const members = await store.members(room.id);
    const joined = await Promise.all(members.map((member) => store.membership(room.id, member.user_id)));
    for (const member of members) names.remember(member.user_id, member.username);
    progress.rooms += 1;
    yield {
      name: room.name,
      topic: room.topic,
      kind: room.kind === "private" ? "private" : "public",
      createdAt: iso(room.created_at),
      createdBy: room.created_by === null ? null : await names.of(room.created_by),
      archivedAt: room.archived_at === null ? null : iso(room.archived_at),
      members: members.map((member, i) => ({ username: member.username, role: member.role, joinedAt: iso(joined[i]?.joined_at ?? room.created_at) })),
    };
  }
}

async function* messageLines(store: Store, names: UserNames, rooms: RoomRow[], progress: ExportProgress, tell: () => void): AsyncGenerator<MessageLine> {
  for (const room of rooms) {
    for (let after = 0; ;) {
      const page = await store.messagesAfter(room.id, after, PAGE);
      if (page.length === 0) break;
      after = page[page.length - 1]?.seq ?? after;
      const [reactions, files, roots] = await Promise.all([
        store.reactionsFor(page.filter((m) => m.reaction_count > 0).map((m) => m.id)),
        store.filesOfMessages(page.filter((m) => m.file_count > 0).map((m) => m.id)),
        store.messagesByIds([...new Set(page.flatMap((m) => (m.reply_to_id === null ? [] : [m.reply_to_id])))]),
      ]);
      for (const message of page) {
        names.remember(message.author_id, message.author_name);
        yield await messageLine(names, room, message, {
          reactions: reactions.filter((r) => r.message_id === message.id),
          files: files.filter((f) => f.message_id === message.id),
          root: roots.find((r) => r.id === message.reply_to_id),
        });
        progress.messages += 1;
      }
      tell();
    }
  }
}

async function messageLine(
  names: UserNames,
  room: RoomRow,
  message: MessageWithAuthor,
  extras: { reactions: { user_id: number; emoji: string; created_at: number }[]; files: FileRow[]; root: MessageWithAuthor | undefined },
): Promise<MessageLine> {
  const mentionIds = message.mention_ids === "" ? [] : message.mention_ids.split(",").map(Number);
  return {
    id: message.id,
    room: room.name,
    seq: message.seq,
    author: message.author_name,
    text: message.text,
    createdAt: iso(message.created_at),
    editedAt: message.edited_at === null ? null : iso(message.edited_at),
    deletedAt: message.deleted_at === null ? null : iso(message.deleted_at),
    replyTo: extras.root ? { id: extras.root.id, author: extras.root.author_name } : null,
    inRoom: message.in_room === 1,
    mentions: await Promise.all(mentionIds.map((id) => names.of(id))),
    mentionsRoom: message.mentions_room === 1,
    reactions: await Promise.all(extras.reactions.map(async (r) => ({ user: await names.of(r.user_id), emoji: r.emoji, createdAt: iso(r.created_at) }))),
    files: extras.files.map(fileLine),
  };
}

export function fileLine(file: FileRow): FileLine {
  return {
    id: file.id,
    name: file.name,
    type: file.type,
    size: file.size,
    width: file.width,
    height: file.height,
    thumbnail: file.thumb_key !== null,
    createdAt: iso(file.created_at),
  };
}

async function* filesOf(store: Store, roomId: number): AsyncGenerator<FileRow> {
  for (let after = ""; ;) {
    const page = await store.filesOfRoom(roomId, after, PAGE);
    if (page.length === 0) return;
    after = page[page.length - 1]?.id ?? after;
    yield* page;
  }
}

export async function blobOf(blobs: BlobStore, key: string, file: FileRow) {
  const stream = await blobs.get(key);
  if (!stream) throw new ExportError(`the bytes of file ${file.id} ("${file.name}") are missing from the file store`);
  return stream;
}

async function* allUserLines(store: Store): AsyncGenerator<UserLine> {
  for (let after = 0; ;) {
    const page = await store.usersPage(after, PAGE);
    if (page.length === 0) return;
    after = page[page.length - 1]?.id ?? after;
    yield* page.map(userLine);
  }
}

/** Never a password hash, session, email address or keyword: who someone is, not how they sign in. */
export function userLine(row: UserRow): UserLine {
  return { username: row.username, displayName: row.display_name, kind: row.kind, role: row.role, createdAt: iso(row.created_at) };
}

/** The names of the people a room export mentions, looked up once each (one id and name per person). */
class UserNames {
  private readonly known = new Map<number, string>();
  constructor(private readonly store: Store) {}

  remember(id: number, username: string): void {
    this.known.set(id, username);
  }

  async of(id: number): Promise<string> {
    const known = this.known.get(id);
    if (known !== undefined) return known;
    const row = await this.store.userById(id);
    const name = row?.username ?? `deleted-user-${id}`;
    this.known.set(id, name);
    return name;
  }

  async *lines(): AsyncGenerator<UserLine> {
    const ids = [...this.known.keys()].sort((a, b) => a - b);
    for (let i = 0; i < ids.length; i += PAGE) yield* (await this.store.usersByIds(ids.slice(i, i + PAGE))).map(userLine);
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
