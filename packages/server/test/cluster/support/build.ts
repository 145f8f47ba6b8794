import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cliPath, repoRoot } from "./paths.js";
import { sleep } from "./timing.js";

const LOCK = join(tmpdir(), "natter-cluster-build.lock");
const STALE_LOCK_MS = 180_000;

/**
 * Builds the server (and what it imports) when packages/server/dist/cli.js is missing or any source is newer than
 * the build. Test files may run in parallel, so one builds at a time.
 */
export async function ensureBuilt(packages: string[] = ["server"]): Promise<void> {
  if (!needsBuild(packages)) return;
  await withLock(async () => {
    if (!needsBuild(packages)) return;
    const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
    const result = spawnSync(process.execPath, [tsc, "-b", ...packages.map((name) => `packages/${name}`)], { cwd: repoRoot, encoding: "utf8" });
    if (result.status !== 0) throw new Error(`building ${packages.join(", ")} failed:\n${result.stdout}${result.stderr}`);
  });
}

function needsBuild(packages: string[]): boolean {
  if (!existsSync(cliPath)) return true;
  const sources = new Set(["protocol", ...packages]);
  return [...sources].some((name) => newest(join(repoRoot, "packages", name, "src")) > newest(join(repoRoot, "packages", name, "dist")));
}

/** The latest modification time of any file under a folder (0 when it does not exist). */
function newest(folder: string): number {
  if (!existsSync(folder)) return 0;
  let latest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

async function withLock(task: () => Promise<void>): Promise<void> {
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      const since = statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs;
      if (since !== undefined && Date.now() - since > STALE_LOCK_MS) rmSync(LOCK, { recursive: true, force: true });
      await sleep(200);
    }
  }
  try {
    await task();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}
