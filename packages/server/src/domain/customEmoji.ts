import { CUSTOM_EMOJI_MAX_BYTES, CUSTOM_EMOJI_SIZE, pathOf, routes, type CustomEmoji, type User } from "@natter/protocol";
import { fileTypeFromBuffer } from "file-type";
import { randomBytes } from "node:crypto";
import { createRequire } from "node:module";
import type { Readable } from "node:stream";
import sharp from "sharp";
import { requireAdmin } from "./adminAccess.js";
import { recordAudit } from "./audit.js";
import type { Domain } from "./context.js";
import { Refusal } from "./errors.js";

const require = createRequire(import.meta.url);
const ACCEPTED_TYPES = new Set(["image/png", "image/gif", "image/webp"]);
/** A 256 KB file can still claim a huge canvas; sharp refuses to decode past this. */
const MAX_PIXELS = 16_000_000;

/** The server's custom emoji, as everyone signed in sees them. */
export async function listCustomEmoji(domain: Domain): Promise<CustomEmoji[]> {
  const rows = await domain.store.customEmoji();
  return rows.map((row) => ({
    name: row.name,
    url: `${pathOf(routes.customEmojiImage, { name: row.name })}?v=${row.created_at}`,
    createdBy: row.creator,
    createdAt: new Date(row.created_at).toISOString(),
  }));
}

/**
 * An admin adds one: a PNG, GIF or WebP of at most 256 KB (the bytes decide, not the header), stored as WebP
 * that fits 128 px, animation kept and metadata dropped. Every tab is told the new list.
 */
export async function addCustomEmoji(domain: Domain, user: User | null, input: { name: string; data: Buffer }, address?: string): Promise<CustomEmoji[]> {
  const admin = await requireAdmin(domain, user);
  if (input.data.length > CUSTOM_EMOJI_MAX_BYTES) throw new Refusal("PAYLOAD_TOO_LARGE", "A custom emoji is at most 256 KB");
  const type = (await fileTypeFromBuffer(input.data))?.mime ?? "";
  if (!ACCEPTED_TYPES.has(type)) throw new Refusal("UNSUPPORTED_FILE", "A custom emoji is a PNG, GIF or WebP image");
  if (builtInShortcodes().has(input.name)) throw new Refusal("EMOJI_EXISTS", `:${input.name}: is a built-in emoji`);
  if (await domain.store.customEmojiByName(input.name)) throw emojiExists(input.name);
  const image = await resized(input.data);
  const key = `emoji-${randomBytes(16).toString("base64url")}`;
  await domain.blobs.put(key, image);
  const row = { name: input.name, blob_key: key, content_type: "image/webp", created_by: admin.id, created_at: domain.now() };
  if (!(await domain.store.addCustomEmoji(row))) {
    await domain.blobs.delete(key);
    throw emojiExists(input.name);
  }
  await recordAudit(domain, { actor: admin, action: "emoji.add", target: `:${input.name}:`, address });
  return announce(domain);
}

/** An admin deletes one; messages that used it show `:name:` as text again, its reactions stay as words. */
export async function deleteCustomEmoji(domain: Domain, user: User | null, name: string, address?: string): Promise<CustomEmoji[]> {
  const admin = await requireAdmin(domain, user);
  const removed = await domain.store.removeCustomEmoji(name);
  if (!removed) throw new Refusal("NOT_FOUND", `No custom emoji :${name}:`);
  await domain.blobs.delete(removed.blob_key);
  await recordAudit(domain, { actor: admin, action: "emoji.delete", target: `:${name}:`, address });
  return announce(domain);
}

/** The image, for anyone signed in (a custom emoji is no secret within the server). */
export async function openCustomEmoji(domain: Domain, name: string): Promise<{ stream: Readable; type: string }> {
  const row = await domain.store.customEmojiByName(name);
  const stream = row && (await domain.blobs.get(row.blob_key));
  if (!row || !stream) throw new Refusal("NOT_FOUND", `No custom emoji :${name}:`);
  return { stream, type: row.content_type };
}

/** A reaction by `:name:` must name a custom emoji that exists; removing one that no longer does is fine. */
export async function requireCustomEmoji(domain: Domain, code: string): Promise<void> {
  const name = code.slice(1, -1);
  if (!(await domain.store.customEmojiByName(name))) throw new Refusal("NOT_FOUND", `No custom emoji ${code}`);
}

/** The shortcodes the web app completes (GitHub's and emojibase's): a custom one may not take one of their names. */
let shortcodes: Set<string> | undefined;
function builtInShortcodes(): Set<string> {
  const load = (set: string) => Object.values(require(`emojibase-data/en/shortcodes/${set}.json`) as Record<string, string | string[]>).flat();
  shortcodes ??= new Set([...load("github"), ...load("emojibase")]);
  return shortcodes;
}

async function resized(data: Buffer): Promise<Buffer> {
  try {
    return await sharp(data, { animated: true, limitInputPixels: MAX_PIXELS, failOn: "error" })
      .resize(CUSTOM_EMOJI_SIZE, CUSTOM_EMOJI_SIZE, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: 90 })
      .toBuffer();
  } catch {
    throw new Refusal("UNSUPPORTED_FILE", "This image cannot be read");
  }
}

async function announce(domain: Domain): Promise<CustomEmoji[]> {
  const emoji = await listCustomEmoji(domain);
  domain.publisher.toEveryone(null, "custom_emoji", { emoji });
  return emoji;
}

function emojiExists(name: string): Refusal {
  return new Refusal("EMOJI_EXISTS", `A custom emoji :${name}: exists already`);
}
