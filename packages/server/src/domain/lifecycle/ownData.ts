import type { DataExport, User } from "@natter/protocol";
import { pathOf, routes } from "@natter/protocol";
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { writePersonalArchive } from "../../archive/personalArchive.js";
import type { DataExportRow } from "../../storage/index.js";
import { removeAvatar } from "../avatars.js";
import type { Domain } from "../context.js";
import { Refusal } from "../errors.js";
import { spend } from "../limits.js";
import { verifyPassword } from "../passwords.js";
import { toUserRef, iso } from "../wire.js";
import { deleteBytes, DAY_MS } from "./retention.js";

const HOUR_MS = DAY_MS / 24;
const SWEEP_BATCH = 100;

/** "Download my data": answers at once; the archive is made in the background and announced by `data_export_ready`. */
export async function requestDataExport(domain: Domain, user: User): Promise<DataExport> {
  await spend(domain.limits, "ownData", user.id);
  const now = domain.now();
  const row: DataExportRow = {
    id: randomUUID(),
    user_id: user.id,
    status: "preparing",
    blob_key: null,
    size: null,
    created_at: now,
    expires_at: now + (domain.settings.dataExportHours ?? 72) * HOUR_MS,
  };
  await domain.store.createDataExport(row);
  void prepare(domain, user, row);
  return toDataExport(row);
}

/** Only its owner learns of an archive: anyone else's answer is the same as for none at all. */
export async function dataExportOf(domain: Domain, user: User, id: string): Promise<DataExportRow> {
  const row = await domain.store.dataExportById(id);
  if (!row || row.user_id !== user.id || row.expires_at <= domain.now()) throw new Refusal("NOT_FOUND", "No such archive (they expire)");
  return row;
}

export async function openDataExport(domain: Domain, user: User, id: string): Promise<{ stream: Readable; size: number | null }> {
  const row = await dataExportOf(domain, user, id);
  if (row.status === "preparing") throw new Refusal("NOT_READY", "The archive is still being prepared; you are told when it is ready");
  const stream = row.status === "ready" && row.blob_key ? await domain.blobs.get(row.blob_key) : undefined;
  if (!stream) throw new Refusal("NOT_FOUND", "No such archive (it could not be made; ask for a new one)");
  return { stream, size: row.size };
}

export function toDataExport(row: DataExportRow): DataExport {
  return {
    id: row.id,
    status: row.status,
    createdAt: iso(row.created_at),
    expiresAt: iso(row.expires_at),
    size: row.size,
    url: row.status === "ready" ? pathOf(routes.downloadDataExport, { id: row.id }) : null,
  };
}

/** Writes the zip to a temporary file, then into the file store (shared by every node), then tells the owner. */
async function prepare(domain: Domain, user: User, row: DataExportRow): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), "natter-my-data-"));
  const key = `export-${row.id}`;
  let finished: DataExportRow;
  try {
    const path = join(folder, "data.zip");
    await writePersonalArchive({ store: domain.store, blobs: domain.blobs, userId: user.id, out: createWriteStream(path), now: domain.now });
    const bytes = await readFile(path);
    await domain.blobs.put(key, bytes);
    finished = { ...row, status: "ready", blob_key: key, size: bytes.length };
  } catch {
    finished = { ...row, status: "failed" };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  try {
    await domain.store.finishDataExport(row.id, { status: finished.status, blob_key: finished.blob_key, size: finished.size });
    domain.publisher.toUser(user.id, "data_export_ready", toDataExport(finished));
  } catch {
    // The store closed under it (a shutdown): the row stays "preparing" and expires like any other.
    if (finished.blob_key) await domain.blobs.delete(finished.blob_key).catch(() => undefined);
  }
}

/** Expired archives: rows and bytes. */
export async function sweepDataExports(domain: Domain): Promise<number> {
  let swept = 0;
  for (;;) {
    const rows = await domain.store.takeExpiredDataExports(domain.now(), SWEEP_BATCH);
    for (const row of rows) if (row.blob_key) await domain.blobs.delete(row.blob_key);
    swept += rows.length;
    if (rows.length < SWEEP_BATCH) return swept;
  }
}

/**
 * "Delete my account", confirmed with the password: every session ends, the person leaves every room, their
 * files and archives are deleted, and their name is freed. Their messages stay, as from a deleted user, or
 * are emptied like deleted messages, as DELETED_ACCOUNT_MESSAGES says. The last server admin cannot leave.
 */
export async function deleteAccount(domain: Domain, user: User, password: string): Promise<void> {
  await spend(domain.limits, "ownData", user.id);
  const row = await domain.store.userById(user.id);
  if (!row?.password_hash) throw new Refusal("FORBIDDEN", "Guest accounts have no password to confirm with; they end when you log out");
  if (!(await verifyPassword(row.password_hash, password))) throw new Refusal("INVALID_CREDENTIALS", "The password is wrong");
  if (row.role === "admin") {
    await domain.store.updateUser(user.id, { role: "user" });
    if (!(await domain.store.hasAdmin())) {
      await domain.store.updateUser(user.id, { role: "admin" });
      throw new Refusal("FORBIDDEN", "You are the last server admin; make someone else an admin first");
    }
  }
  if (row.avatar) await removeAvatar(domain, user);
  const rooms = await domain.store.roomsOfUser(user.id);
  const closed = await domain.store.closeAccount(user.id, domain.now());
  domain.publisher.closeUser(user.id);
  for (const room of rooms) {
    domain.rosters.forget(room.id);
    domain.publisher.toRoom(room.id, "user_left", { room: room.name, user: toUserRef(user) });
  }
  await deleteBytes(domain, closed.files);
  for (const archive of closed.exports) if (archive.blob_key) await domain.blobs.delete(archive.blob_key);
  if (domain.settings.deletedAccountMessages === "remove") {
    while ((await domain.store.emptyMessagesOf(user.id, domain.now(), 1_000)) > 0) await new Promise((resolve) => setImmediate(resolve));
  }
}
