import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createNatter, type Natter, type NatterOptions } from "../../src/index.js";

export interface RunningNatter {
  natter: Natter;
  url: string;
  /** With `metricsPort`: where the server serves /metrics. */
  metricsUrl?: string;
  dataDir: string;
  /** Closes the server; the data folder stays until `cleanup`. */
  stop(): Promise<void>;
  cleanup(): Promise<void>;
}

/**
 * The test cast are guests who make rooms and DMs, as in the original chat; the product's default lets guests
 * only join public rooms (GUEST_POWERS). Tests of guest powers pass `guestPowers: ["join"]`.
 */
export const ALL_GUEST_POWERS = ["join", "rooms", "dms"] as const;

/** A real server on an ephemeral port with a fresh SQLite file in a temp folder. */
export async function startNatter(options: NatterOptions = {}): Promise<RunningNatter> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "natter-test-"));
  const natter = await createNatter({
    port: 0,
    host: "127.0.0.1",
    logLevel: "silent",
    messagesPerSecond: 0,
    signupRate: 0,
    guestPowers: [...ALL_GUEST_POWERS],
    ...options,
    dataDir,
  });
  const { url, metricsUrl } = await natter.listen();
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await natter.close();
  };
  return {
    natter,
    url,
    metricsUrl,
    dataDir,
    stop,
    async cleanup() {
      await stop();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
