import { AVATAR_MAX_BYTES, AVATAR_SIZE, type AvatarCrop, type User } from "@natter/protocol";
import { fileTypeFromBuffer } from "file-type";
import { randomBytes } from "node:crypto";
import type { Readable } from "node:stream";
import type { Domain } from "./context.js";
import { Refusal } from "./errors.js";
import { RASTER_TYPES, squareAvatar } from "./images.js";
import { spend } from "./limits.js";
import { announceProfile } from "./profiles.js";

const avatarKey = (userId: number, version: string) => `avatar-${userId}-${version}`;

/** Refuses a picture that is too big from its declared length, before any of it is read. */
export function checkAvatarSize(bytes: number): void {
  if (bytes > AVATAR_MAX_BYTES) throw new Refusal("PAYLOAD_TOO_LARGE", `A picture is at most ${AVATAR_MAX_BYTES / 1024 / 1024} MB`);
}

/**
 * Keeps the chosen square of a picture as the person's avatar, resized to one size; the old one is deleted.
 * Each picture gets a new version, which is in its address, so caches never show the old one.
 */
export async function setAvatar(domain: Domain, user: User, data: Buffer, crop: AvatarCrop): Promise<User> {
  checkAvatarSize(data.length);
  if (data.length === 0) throw new Refusal("BAD_REQUEST", "The picture is empty");
  await spend(domain.limits, "profile", user.id);
  const type = (await fileTypeFromBuffer(data))?.mime ?? "";
  if (!RASTER_TYPES.has(type)) throw new Refusal("UNSUPPORTED_FILE", "A picture is a PNG, JPEG, GIF or WebP file");
  const picture = await squareAvatar(data, crop, AVATAR_SIZE);
  const version = randomBytes(12).toString("base64url");
  await domain.blobs.put(avatarKey(user.id, version), picture);
  return replaceAvatar(domain, user, version);
}

export function removeAvatar(domain: Domain, user: User): Promise<User> {
  return replaceAvatar(domain, user, null);
}

async function replaceAvatar(domain: Domain, user: User, version: string | null): Promise<User> {
  const before = await domain.store.userById(user.id);
  const row = await domain.store.updateUser(user.id, { avatar: version });
  if (!row) throw new Refusal("NOT_FOUND", "Your account no longer exists");
  if (before?.avatar) await domain.blobs.delete(avatarKey(user.id, before.avatar));
  return announceProfile(domain, row);
}

/** Anyone signed in sees anyone's picture, as they see their name; an old version is gone. */
export async function openAvatar(domain: Domain, userId: number, version: string): Promise<Readable> {
  const row = await domain.store.userById(userId);
  const stream = row?.avatar === version ? await domain.blobs.get(avatarKey(userId, version)) : undefined;
  if (!stream) throw new Refusal("NOT_FOUND", "No such picture");
  return stream;
}
