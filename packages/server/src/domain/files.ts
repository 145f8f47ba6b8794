import { pathOf, routes, type Attachment, type User } from "@natter/protocol";
import { fileTypeFromBuffer } from "file-type";
import { randomBytes } from "node:crypto";
import type { Readable } from "node:stream";
import type { FileRow } from "../storage/index.js";
import type { Domain } from "./context.js";
import { Refusal } from "./errors.js";
import { spend } from "./limits.js";
import { processImage, RASTER_TYPES } from "./images.js";

const MB = 1024 * 1024;
const NAME_MAX = 200;

/** Refuses a file that is too big before any of it is read, from its declared length. */
export function checkUploadSize(domain: Domain, bytes: number): void {
  if (bytes > maxUploadBytes(domain)) throw new Refusal("PAYLOAD_TOO_LARGE", `Files are at most ${domain.settings.maxUploadMb} MB`);
}

export function maxUploadBytes(domain: Domain): number {
  return Math.floor(domain.settings.maxUploadMb * MB);
}

/**
 * Stores an upload under a random name, with its type checked from its bytes (never its name or header).
 * Images lose their metadata (EXIF location) and get a thumbnail. Until attached, only the uploader sees it.
 */
export async function uploadFile(domain: Domain, user: User, input: { name: string; data: Buffer }): Promise<Attachment> {
  checkUploadSize(domain, input.data.length);
  if (input.data.length === 0) throw new Refusal("BAD_REQUEST", "The file is empty");
  await spend(domain.limits, "uploads", user.id);
  if ((await domain.store.bytesUsed(user.id)) + input.data.length > domain.settings.uploadQuotaMb * MB) {
    throw new Refusal("QUOTA_EXCEEDED", `Your files may take at most ${domain.settings.uploadQuotaMb} MB; delete some messages with files first`);
  }
  const stored = await storeBytes(domain, input.name, input.data);
  const row: FileRow = { ...stored, owner_id: user.id, room_id: null, message_id: null, created_at: domain.now() };
  await domain.store.insertFile(row);
  return toAttachment(row);
}

/**
 * Puts a file's bytes in the blob store under a random name, its type checked from the bytes (never its name
 * or header); images lose their metadata (EXIF location) and get a thumbnail. Uploads and imports store alike.
 */
export async function storeBytes(
  domain: Pick<Domain, "blobs">,
  name: string,
  data: Buffer,
): Promise<Omit<FileRow, "owner_id" | "room_id" | "message_id" | "created_at">> {
  const type = await detectType(data);
  const image = RASTER_TYPES.has(type) ? await processImage(data, type) : undefined;
  const id = randomBytes(16).toString("base64url");
  const stored = {
    id,
    name: safeFileName(name),
    type,
    size: image?.data.length ?? data.length,
    width: image?.width ?? null,
    height: image?.height ?? null,
    blob_key: id,
    thumb_key: image ? `${id}-thumb` : null,
  };
  await domain.blobs.put(stored.blob_key, image?.data ?? data);
  if (image && stored.thumb_key) await domain.blobs.put(stored.thumb_key, image.thumbnail);
  return stored;
}

export interface OpenedFile {
  file: FileRow;
  stream: Readable;
  type: string;
  /** Raster images show in the page; everything else downloads. */
  inline: boolean;
}

/** A file for someone allowed to see it: its uploader before it is posted, then the members of its room. */
export async function openFile(domain: Domain, user: User, id: string, variant: "original" | "thumbnail"): Promise<OpenedFile> {
  const file = await domain.store.fileById(id);
  const allowed = file && (file.room_id === null ? file.owner_id === user.id : await domain.store.isMember(file.room_id, user.id));
  const key = variant === "thumbnail" ? file?.thumb_key : file?.blob_key;
  const stream = allowed && key ? await domain.blobs.get(key) : undefined;
  if (!file || !stream) throw new Refusal("NOT_FOUND", "No such file");
  if (variant === "thumbnail") return { file, stream, type: "image/webp", inline: true };
  return { file, stream, type: file.type, inline: RASTER_TYPES.has(file.type) };
}

/** The files a send may attach: the sender's own uploads, not yet posted (or posted by this very send, when retried). */
export async function attachableFiles(domain: Domain, user: User, ids: readonly string[], clientMsgId: string): Promise<FileRow[]> {
  const unique = [...new Set(ids)];
  if (unique.length > domain.settings.maxAttachments) throw new Refusal("BAD_REQUEST", `At most ${domain.settings.maxAttachments} files per message`);
  const files = await domain.store.filesByIds(unique);
  for (const id of unique) {
    const file = files.find((f) => f.id === id);
    if (!file || file.owner_id !== user.id) throw new Refusal("BAD_REQUEST", `Unknown file ${id}`);
    if (file.message_id !== null) {
      const [posted] = await domain.store.messagesByIds([file.message_id]);
      if (posted?.client_msg_id !== clientMsgId || posted.author_id !== user.id) throw new Refusal("BAD_REQUEST", `File ${id} is already posted`);
    }
  }
  return files;
}

/** A deleted message takes its files with it. */
export async function deleteFilesOf(domain: Domain, messageId: number): Promise<void> {
  for (const file of await domain.store.deleteFilesOfMessage(messageId)) {
    await domain.blobs.delete(file.blob_key);
    if (file.thumb_key) await domain.blobs.delete(file.thumb_key);
  }
}

export function toAttachment(row: FileRow): Attachment {
  return {
    id: row.id,
    name: row.name,
    type: row.type,
    size: row.size,
    width: row.width,
    height: row.height,
    url: pathOf(routes.file, { id: row.id, name: row.name }),
    thumbnailUrl: row.thumb_key ? pathOf(routes.thumbnail, { id: row.id }) : null,
  };
}

async function detectType(data: Buffer): Promise<string> {
  const detected = await fileTypeFromBuffer(data);
  if (detected) return detected.mime;
  const text = !data.includes(0) && Buffer.from(data.toString("utf8"), "utf8").equals(data);
  return text ? "text/plain" : "application/octet-stream";
}

/** The last path segment, without control or bidi characters: never a path, never a trick. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .trim()
    .replace(/^\.+/, "");
  return [...clean].slice(0, NAME_MAX).join("") || "file";
}
