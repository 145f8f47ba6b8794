import { nameKey } from "@natter/protocol";
import { randomBytes } from "node:crypto";
import type { z } from "zod";
import type { BlobStore } from "../domain/blobStore.js";
import { usernameKey } from "../domain/usernames.js";
import type { Store } from "../storage/index.js";
import {
  ENTRY,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  fileEntry,
  manifestSchema,
  messageLineSchema,
  roomLineSchema,
  thumbEntry,
  userLineSchema,
  type Manifest,
  type MessageLine,
} from "./format.js";
import { ArchiveError, ZipReader } from "./zipReader.js";

export interface ImportProgress {
  users: number;
  rooms: number;
  messages: number;
  /** Messages already there from an earlier import of the same archive. */
  skipped: number;
}

export interface ImportInput {
  store: Store;
  blobs: BlobStore;
  file: string;
  onProgress?: (progress: ImportProgress) => void;
}

/** MAX_UPLOAD_MB's ceiling; yauzl holds each entry to the size it declares. */
const ENTRY_MAX_BYTES = 2 ** 30;

const LINES = [
  [ENTRY.users, userLineSchema],
  [ENTRY.rooms, roomLineSchema],
  [ENTRY.messages, messageLineSchema],
] as const;

/**
 * `natter import natter FILE.zip`: an archive of `natter export`, into this installation. The whole archive
 * is checked first (structure, format, version, every entry's checksum, every line's shape), so a
 * truncated, tampered or foreign one changes nothing. People are matched by name and created (without a
 * password: an admin sets one) when missing; rooms by name. Each message is stored under a clientMsgId made
 * from the export's id and its own, so importing the same archive again adds nothing.
 */
export async function importNatter(input: ImportInput): Promise<ImportProgress> {
  const zip = await ZipReader.open(input.file);
  try {
    const manifest = await verify(zip);
    return await apply(input, zip, manifest);
  } finally {
    zip.close();
  }
}

async function verify(zip: ZipReader): Promise<Manifest> {
  if (!zip.entries.has(ENTRY.manifest)) throw new ArchiveError(`not a Natter export: it has no ${ENTRY.manifest}`);
  let raw: unknown;
  try {
    raw = JSON.parse((await zip.buffer(ENTRY.manifest)).toString("utf8"));
  } catch (error) {
    if (error instanceof ArchiveError) throw error;
    throw new ArchiveError(`not a Natter export: ${ENTRY.manifest} is not JSON`);
  }
  const format = (raw as { format?: unknown } | null)?.format;
  if (format !== EXPORT_FORMAT) throw new ArchiveError(`not a Natter export (its format is ${JSON.stringify(format ?? null)}, expected "${EXPORT_FORMAT}")`);
  const version = (raw as { version?: unknown }).version;
  if (version !== EXPORT_VERSION) throw new ArchiveError(`this Natter reads export version ${EXPORT_VERSION}, not ${JSON.stringify(version)}`);
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw new ArchiveError(`the manifest is damaged (${issue(parsed.error)})`);
  const manifest = parsed.data;
  for (const [name, entry] of zip.entries) {
    if (name !== ENTRY.manifest && !(name in manifest.checksums)) throw new ArchiveError(`"${name}" is not listed in the manifest: the archive was changed`);
    // A file is read whole to be stored (lines are streamed): none may claim more than the largest upload a server allows.
    const isFile = name.startsWith("files/") || name.startsWith("thumbnails/");
    if (isFile && entry.uncompressedSize > ENTRY_MAX_BYTES) throw new ArchiveError(`"${name}" is larger than ${ENTRY_MAX_BYTES / 2 ** 30} GiB`);
  }
  for (const [name, expected] of Object.entries(manifest.checksums)) {
    if (!zip.entries.has(name)) throw new ArchiveError(`"${name}" is missing: the archive is incomplete`);
    if ((await zip.sha256(name)) !== expected) throw new ArchiveError(`"${name}" does not match its checksum: the archive was changed or damaged`);
  }
  for (const [name, schema] of LINES) {
    if (!zip.entries.has(name)) throw new ArchiveError(`not a Natter export: it has no ${name}`);
    let count = 0;
    for await (const { value, line } of zip.lines(name)) {
      const checked = (schema as z.ZodType).safeParse(value);
      if (!checked.success) throw new ArchiveError(`${name} line ${line} is not valid (${issue(checked.error)})`);
      count += 1;
    }
    const key = name === ENTRY.users ? "users" : name === ENTRY.rooms ? "rooms" : "messages";
    if (count !== manifest.counts[key]) throw new ArchiveError(`${name} has ${count} lines, the manifest says ${manifest.counts[key]}`);
  }
  return manifest;
}

async function apply(input: ImportInput, zip: ZipReader, manifest: Manifest): Promise<ImportProgress> {
  const { store } = input;
  const progress: ImportProgress = { users: 0, rooms: 0, messages: 0, skipped: 0 };
  const people = new People(store);
  for await (const { value } of zip.lines(ENTRY.users)) {
    await people.ensure(userLineSchema.parse(value));
    progress.users += 1;
  }
  const rooms = new Map<string, number>();
  for await (const { value } of zip.lines(ENTRY.rooms)) {
    const line = roomLineSchema.parse(value);
    const createdBy = line.createdBy === null ? null : await people.id(line.createdBy);
    const room =
      (await store.roomByKey(nameKey(line.name))) ??
      (await store.createRoom({ name: line.name, nameKey: nameKey(line.name), topic: line.topic, createdBy, createdAt: ms(line.createdAt), kind: line.kind }));
    if (!room) throw new ArchiveError(`the room "${line.name}" could not be created`);
    if (line.archivedAt !== null && room.archived_at === null) await store.updateRoom(room.id, { archived_at: ms(line.archivedAt) });
    for (const member of line.members) await store.addMember(room.id, await people.id(member.username), ms(member.joinedAt), member.role);
    rooms.set(line.name, room.id);
    progress.rooms += 1;
  }
  input.onProgress?.({ ...progress });
  for await (const { value } of zip.lines(ENTRY.messages)) {
    const line = messageLineSchema.parse(value);
    const roomId = rooms.get(line.room);
    if (roomId === undefined) throw new ArchiveError(`message ${line.id} is in "${line.room}", which the archive does not describe`);
    const created = await importMessage(input, zip, people, manifest.exportId, roomId, line);
    if (created) progress.messages += 1;
    else progress.skipped += 1;
    if ((progress.messages + progress.skipped) % 500 === 0) input.onProgress?.({ ...progress });
  }
  input.onProgress?.({ ...progress });
  return progress;
}

/** False when an earlier import of this archive stored the message already. */
async function importMessage(input: ImportInput, zip: ZipReader, people: People, exportId: string, roomId: number, line: MessageLine): Promise<boolean> {
  const { store, blobs } = input;
  const authorId = await people.id(line.author);
  const clientMsgId = importedId(exportId, line.id);
  if (await store.messageByClientMsgId(authorId, clientMsgId)) return false;
  const replyTo = line.replyTo ? await store.messageByClientMsgId(await people.id(line.replyTo.author), importedId(exportId, line.replyTo.id)) : undefined;
  const fileIds: string[] = [];
  // A message's files are shown in upload order: times strictly rising keep the archive's order whatever the new ids.
  let lastFileAt = Number.NEGATIVE_INFINITY;
  for (const file of line.files) {
    const createdAt = Math.max(ms(file.createdAt), lastFileAt + 1);
    lastFileAt = createdAt;
    const id = randomBytes(16).toString("base64url");
    await blobs.put(id, await zip.buffer(fileEntry(file.id)));
    const thumbKey = file.thumbnail && zip.entries.has(thumbEntry(file.id)) ? `${id}-thumb` : null;
    if (thumbKey) await blobs.put(thumbKey, await zip.buffer(thumbEntry(file.id)));
    await store.insertFile({
      id,
      name: file.name,
      type: file.type,
      size: file.size,
      width: file.width,
      height: file.height,
      owner_id: authorId,
      room_id: null,
      message_id: null,
      blob_key: id,
      thumb_key: thumbKey,
      created_at: createdAt,
    });
    fileIds.push(id);
  }
  const mentionIds = (await store.membersAmong(roomId, await Promise.all(line.mentions.map((name) => people.id(name))))).sort((a, b) => a - b);
  const { message } = await store.insertMessage({
    roomId,
    authorId,
    text: line.deletedAt === null ? line.text : "",
    clientMsgId,
    createdAt: ms(line.createdAt),
    replyToId: replyTo?.id ?? null,
    inRoom: line.inRoom,
    mentionIds,
    mentionsRoom: line.mentionsRoom,
    fileIds,
  });
  if (line.editedAt !== null && line.deletedAt === null) {
    await store.changeMessage(roomId, message.id, { kind: "edit", text: line.text, editedAt: ms(line.editedAt), mentionIds, mentionsRoom: line.mentionsRoom });
  }
  if (line.deletedAt !== null) await store.changeMessage(roomId, message.id, { kind: "delete", deletedAt: ms(line.deletedAt) });
  for (const reaction of line.reactions) {
    await store.changeMessage(roomId, message.id, {
      kind: "react",
      userId: await people.id(reaction.user),
      emoji: reaction.emoji,
      on: true,
      at: ms(reaction.createdAt),
    });
  }
  return true;
}

/** 4 + 36 + 1 + at most 16 characters: within clientMsgId's 64. */
function importedId(exportId: string, id: number): string {
  return `imp:${exportId}:${id}`;
}

/** People by name: this installation's when the name (by its key) exists, else created from the archive. */
class People {
  private readonly ids = new Map<string, number>();
  constructor(private readonly store: Store) {}

  async ensure(line: { username: string; displayName: string; kind: "member" | "guest"; createdAt: string }): Promise<number> {
    const key = usernameKey(line.username);
    const existing = this.ids.get(key) ?? (await this.store.userByKey(key))?.id;
    if (existing !== undefined) return this.remember(key, existing);
    // Imported people get no password and no server role: an admin gives them a password (natter admin reset-password).
    const created = await this.store.createUser({
      username: line.username,
      username_key: key,
      password_hash: null,
      kind: line.kind,
      created_at: ms(line.createdAt),
    });
    const id = created?.id ?? (await this.store.userByKey(key))?.id;
    if (id === undefined) throw new ArchiveError(`the user "${line.username}" could not be created`);
    if (line.displayName && line.displayName !== line.username) await this.store.updateUser(id, { display_name: line.displayName });
    return this.remember(key, id);
  }

  async id(username: string): Promise<number> {
    const known = this.ids.get(usernameKey(username));
    if (known !== undefined) return known;
    // Named by a message but not listed among the users: made as a member, like the listed ones.
    return this.ensure({ username, displayName: "", kind: "member", createdAt: new Date(0).toISOString() });
  }

  private remember(key: string, id: number): number {
    this.ids.set(key, id);
    return id;
  }
}

function ms(time: string): number {
  return Date.parse(time);
}

function issue(error: z.ZodError): string {
  const first = error.issues[0];
  return first ? `${first.path.join(".") || "value"}: ${first.message}` : "invalid";
}
