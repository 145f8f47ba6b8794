import { vi } from "vitest";

/**
 * The one way tests wait: for a condition, never for a time. A thin name over vitest's `vi.waitFor`, which
 * retries the check (sync or async) until it stops throwing, or fails with its last error; under fake
 * timers it advances them between tries.
 */
export function eventually<T>(check: () => T | Promise<T>, { timeoutMs = 5_000, intervalMs = 20 } = {}): Promise<T> {
  return vi.waitFor(check, { timeout: timeoutMs, interval: intervalMs });
}

/** `eventually`, with the condition named in the failure: a cluster test waits on several in a row. */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, { timeoutMs = 10_000, intervalMs = 50 } = {}): Promise<T> {
  try {
    return await eventually(check, { timeoutMs, intervalMs });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${what}: still not true after ${timeoutMs} ms\n${reason}`, { cause: error });
  }
}
