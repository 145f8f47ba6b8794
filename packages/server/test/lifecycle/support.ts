import { describe } from "vitest";
import type { NatterOptions } from "../../src/index.js";
import { freshDatabase, postgresSkipReason } from "../support/postgres.js";
import { startNatter, type RunningNatter } from "../support/server.js";

export type StartWith = (options?: NatterOptions) => Promise<{ server: RunningNatter; done: () => Promise<void> }>;

/** onEveryStore, with the server's settings chosen per test (a clock, what a deleted account leaves). */
export function onBothStores(suite: (store: string, start: StartWith) => void): void {
  suite("SQLite", async (options = {}) => {
    const server = await startNatter(options);
    return { server, done: () => server.cleanup() };
  });
  describe.skipIf(postgresSkipReason !== undefined)(postgresSkipReason ?? "PostgreSQL", () => {
    suite("PostgreSQL", async (options = {}) => {
      const database = await freshDatabase();
      const server = await startNatter({ ...options, databaseUrl: database.url });
      return {
        server,
        done: async () => {
          await server.cleanup();
          await database.drop();
        },
      };
    });
  });
}

/** A clock the test moves forward: the server's `now` is the real time plus what the test added. */
export function movableClock() {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    advance(ms: number) {
      offset += ms;
    },
  };
}
