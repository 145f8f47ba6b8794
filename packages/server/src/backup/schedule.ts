import { readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "pino";
import { backup, type BackupSettings } from "./backup.js";

export interface BackupSchedule {
  /** Runs one scheduled backup now (tests, and the first start's); undefined when another node took the slot. */
  runNow(): Promise<string | undefined>;
  stop(): void;
}

export interface ScheduleOptions {
  dir: string;
  everyHours: number;
  keep: number;
  logger: Logger;
  /**
   * In a cluster, the nodes' timers fire at the same wall-clock slots and each asks this (a Redis SET NX of
   * the slot): only the node that wins writes the slot's backup. Alone, every slot is this node's.
   */
  claim?: (slot: number, ttlMs: number) => Promise<boolean>;
  now?: () => number;
}

const NAME = /^natter-\d{8}T\d{6}Z\.tar$/;

/**
 * Scheduled backups (BACKUP_DIR, BACKUP_EVERY_HOURS, BACKUP_KEEP): at every multiple of the period since
 * the epoch, a backup named by its time; then all but the newest BACKUP_KEEP of those names are deleted.
 */
export function scheduleBackups(settings: BackupSettings, options: ScheduleOptions): BackupSchedule {
  const periodMs = options.everyHours * 3_600_000;
  const now = options.now ?? Date.now;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();

  const runNow = async (): Promise<string | undefined> => {
    const at = now();
    const slot = Math.floor(at / periodMs);
    if (options.claim && !(await options.claim(slot, periodMs))) return undefined;
    const file = join(
      options.dir,
      `natter-${new Date(at)
        .toISOString()
        .replace(/[-:]/g, "")
        .replace(/\.\d+Z$/, "Z")}.tar`,
    );
    const report = await backup(settings, file);
    await rotate(options.dir, options.keep);
    options.logger.info({ file, bytes: report.bytes, seconds: Math.round(report.seconds * 10) / 10 }, "scheduled backup written");
    return file;
  };
  const arm = () => {
    if (stopped) return;
    const wait = (Math.floor(now() / periodMs) + 1) * periodMs - now();
    timer = setTimeout(() => {
      running = runNow().catch((error: unknown) => options.logger.error({ err: error }, "scheduled backup failed"));
      void running.then(arm);
    }, wait);
    timer.unref();
  };
  arm();
  return {
    runNow,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
    },
  };
}

/** Keeps the newest `keep` scheduled backups; other files in the folder are not ours and stay. */
export async function rotate(dir: string, keep: number): Promise<string[]> {
  const ours = (await readdir(dir)).filter((name) => NAME.test(name)).sort();
  const old = ours.slice(0, Math.max(0, ours.length - keep));
  for (const name of old) await rm(join(dir, name), { force: true });
  return old;
}
