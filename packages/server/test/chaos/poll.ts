import { sleep } from "../cluster/support/timing.js";

/**
 * Polls until the check passes. The chaos run is a script (`npm run chaos`), outside vitest, so it cannot use
 * `vi.waitFor` as the tests do; this is the same loop for it alone.
 */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, { timeoutMs = 10_000, intervalMs = 50 } = {}): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() - started > timeoutMs) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new Error(`${what}: still not true after ${timeoutMs} ms\n${reason}`, { cause: error });
      }
      await sleep(intervalMs);
    }
  }
}
