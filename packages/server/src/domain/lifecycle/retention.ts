import type { RoomRetention, User } from "@natter/protocol";
import type { FileRow, RoomRow } from "../../storage/index.js";
import { findVisibleRoom } from "../access.js";
import type { Domain } from "../context.js";
import { Refusal } from "../errors.js";
import { iso } from "../wire.js";

/** At most this many messages per transaction, so a send waits behind one batch at most (see docs/admin.md). */
export const RETENTION_BATCH = 1_000;
/**
 * What one batch may take: a send waits at most one batch (SQLite has one writer), so batches shrink while
 * they take longer than this and grow back to RETENTION_BATCH when they are quick.
 */
export const BATCH_TARGET_MS = 25;
const SMALLEST_BATCH = 50;
const MIN_PAUSE_MS = 5;
export const DAY_MS = 86_400_000;

/** Server admins only: a room's own retention in days (0 keeps all), or null to follow RETENTION_DAYS. */
export async function setRoomRetention(domain: Domain, user: User, name: string, days: number | null): Promise<RoomRetention> {
  if (user.role !== "admin") throw new Refusal("FORBIDDEN", "Only server admins decide how long a room keeps its history");
  const { room } = await findVisibleRoom(domain, user, name);
  const updated = await domain.store.setRoomRetention(room.id, days);
  if (!updated) throw new Refusal("NOT_FOUND", `No room named "${name}"`);
  return describeRetention(domain, updated);
}

export function describeRetention(domain: Domain, room: RoomRow): RoomRetention {
  return {
    room: room.name,
    days: room.retention_days,
    effectiveDays: room.retention_days ?? domain.settings.retentionDays ?? 0,
    historyStartsAt: room.history_starts_at === null ? null : iso(room.history_starts_at),
  };
}

export interface TrimReport {
  rooms: number;
  deleted: number;
  batches: number;
  /** The longest transaction: the most a send waited behind retention. */
  slowestBatchMs: number;
}

/**
 * Deletes every room's messages older than its retention, a batch per transaction. Between batches it pauses
 * (see `pause`), so sends gathered meanwhile (SQLite has one writer) are read and committed before the next batch.
 * File bytes go after their rows' commit: a crash between leaves unreferenced bytes, never a broken message.
 */
export async function trimHistory(domain: Domain, batch = RETENTION_BATCH): Promise<TrimReport> {
  const report: TrimReport = { rooms: 0, deleted: 0, batches: 0, slowestBatchMs: 0 };
  const now = domain.now();
  let size = batch;
  for (const room of await domain.store.roomsToTrim(domain.settings.retentionDays ?? 0)) {
    const cutoff = now - room.days * DAY_MS;
    let trimmed = false;
    for (;;) {
      const started = performance.now();
      const { deleted, files } = await domain.store.trimRoom(room.id, cutoff, size);
      const took = performance.now() - started;
      if (deleted === 0) break;
      trimmed = true;
      report.deleted += deleted;
      report.batches += 1;
      report.slowestBatchMs = Math.max(report.slowestBatchMs, took);
      if (took > BATCH_TARGET_MS) size = Math.max(SMALLEST_BATCH, Math.floor(size / 2));
      else if (took < BATCH_TARGET_MS / 2) size = Math.min(batch, size * 2);
      await deleteBytes(domain, files);
      await pause(took);
    }
    if (trimmed) report.rooms += 1;
  }
  return report;
}

export async function deleteBytes(domain: Domain, files: readonly FileRow[]): Promise<void> {
  for (const file of files) {
    await domain.blobs.delete(file.blob_key);
    if (file.thumb_key) await domain.blobs.delete(file.thumb_key);
  }
}

/**
 * As long as the batch took (at least a few ms): a send makes several reads one after another, and on SQLite each
 * waits for the one connection; a pause only one event-loop turn long would let the next batch in before them.
 * So retention has the database at most half the time, and a send waits behind one batch at most.
 */
function pause(batchMs: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(MIN_PAUSE_MS, batchMs)));
}
