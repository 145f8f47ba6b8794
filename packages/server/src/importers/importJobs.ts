import type { ImportJob, User } from "@natter/protocol";
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { Transform, type Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Domain } from "../domain/context.js";
import { Refusal } from "../domain/errors.js";
import { spend } from "../domain/limits.js";
import type { ImportJobRow } from "../storage/index.js";
import { ExportZip } from "./slack/exportZip.js";
import { importSlack } from "./slack/importSlack.js";
import type { ImportReport } from "./slack/report.js";

/** A running job writes its progress at most this often; one not written for STALE_MS died with its node. */
const PROGRESS_EVERY_MS = 500;
const STALE_MS = 5 * 60_000;
const MB = 1024 * 1024;

/** Admins only: anyone else is answered as for a route that does not exist (the transport says it first). */
export function requireImportAdmin(user: User | null): User {
  if (user?.role !== "admin") throw new Refusal("NOT_FOUND", "No such route");
  return user;
}

export function maxImportBytes(domain: Domain): number {
  return Math.floor(domain.settings.maxImportMb * MB);
}

/**
 * Takes an uploaded Slack export (streamed to DATA_DIR/imports, never held in memory) and starts importing
 * it in the background; its progress is kept in import_jobs, so any node can answer for it. One import runs
 * at a time. A job that fails (or whose node stops) is started again by uploading the same export: the
 * import keys make it go on where it stopped.
 */
export async function startImport(domain: Domain, caller: User | null, upload: Readable, options: { dryRun: boolean }): Promise<ImportJob> {
  const user = requireImportAdmin(caller);
  await spend(domain.limits, "imports", user.id);
  await refuseWhileRunning(domain);
  const id = randomBytes(12).toString("base64url");
  const folder = join(domain.settings.dataDir, "imports");
  const path = join(folder, `${id}.zip`);
  await mkdir(folder, { recursive: true });
  try {
    await pipeline(upload, capped(maxImportBytes(domain)), createWriteStream(path, { flags: "wx" }));
    const zip = await ExportZip.open(path).catch(() => undefined);
    if (!zip) throw new Refusal("BAD_REQUEST", "The upload is not a zip file (a Slack export is one)");
    zip.close();
    // Checked again after the upload, which may take minutes.
    await refuseWhileRunning(domain);
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  const now = domain.now();
  const row: ImportJobRow = {
    id,
    source: "slack",
    dry_run: options.dryRun ? 1 : 0,
    state: "running",
    step: "starting",
    files_done: 0,
    files_total: 0,
    counts: JSON.stringify(null),
    skipped: "[]",
    error: null,
    started_at: now,
    finished_at: null,
    updated_at: now,
  };
  await domain.store.createImportJob(row);
  void run(domain, id, path, options.dryRun);
  return toImportJob(row);
}

export async function importJob(domain: Domain, caller: User | null, id: string): Promise<ImportJob> {
  const user = requireImportAdmin(caller);
  await spend(domain.limits, "imports", user.id);
  const row = await domain.store.importJobById(id);
  if (!row) throw new Refusal("NOT_FOUND", "No such import");
  // A job its node stopped writing long ago died with that node: said so, so the console offers to run it again.
  if (row.state === "running" && row.updated_at < domain.now() - STALE_MS) {
    return { ...toImportJob(row), state: "failed", error: "The server running this import stopped; upload the export again to go on where it stopped" };
  }
  return toImportJob(row);
}

async function refuseWhileRunning(domain: Domain): Promise<void> {
  const running = await domain.store.runningImportJob(domain.now() - STALE_MS);
  if (running) throw new Refusal("IMPORT_RUNNING", `Import ${running.id} is still running; wait for it to finish`);
}

async function run(domain: Domain, id: string, path: string, dryRun: boolean): Promise<void> {
  let written = 0;
  const save = async (report: ImportReport, final: Partial<ImportJobRow> = {}) => {
    written = domain.now();
    await domain.store.updateImportJob(id, {
      step: report.step,
      files_done: report.filesDone,
      files_total: report.filesTotal,
      counts: JSON.stringify(report.counts),
      skipped: JSON.stringify(report.skips()),
      updated_at: written,
      ...final,
    });
  };
  try {
    const report = await importSlack(domain, path, {
      dryRun,
      maxFileBytes: Math.floor(domain.settings.maxUploadMb * MB),
      onProgress: (progress) => (domain.now() - written >= PROGRESS_EVERY_MS ? save(progress) : undefined),
    });
    await save(report, { state: "done", finished_at: domain.now() });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await domain.store.updateImportJob(id, { state: "failed", error: message, finished_at: domain.now(), updated_at: domain.now() }).catch(() => undefined);
  } finally {
    await rm(path, { force: true });
  }
}

/** A stream that fails past `limit` bytes: the declared length may lie. */
function capped(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) callback(new Refusal("PAYLOAD_TOO_LARGE", `Exports are at most ${limit / MB} MB (MAX_IMPORT_MB)`));
      else callback(null, chunk);
    },
  });
}

export function toImportJob(row: ImportJobRow): ImportJob {
  const counts = JSON.parse(row.counts) as ImportJob["counts"] | null;
  return {
    id: row.id,
    source: "slack",
    dryRun: row.dry_run === 1,
    state: row.state,
    step: row.step,
    filesDone: row.files_done,
    filesTotal: row.files_total,
    counts: counts ?? { users: 0, rooms: 0, members: 0, messages: 0, replies: 0, reactions: 0, files: 0, filesWithoutBytes: 0, alreadyImported: 0, skipped: 0 },
    skipped: JSON.parse(row.skipped) as ImportJob["skipped"],
    error: row.error,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
