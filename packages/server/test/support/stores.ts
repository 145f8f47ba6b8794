import { describe } from "vitest";
import { freshDatabase, postgresSkipReason } from "./postgres.js";
import type { NatterOptions } from "../../src/index.js";
import { startNatter, type RunningNatter } from "./server.js";

/** Starts the suite's server; `options` are settings beyond the test defaults. */
export type StartServer = (options?: NatterOptions) => Promise<{ server: RunningNatter; done: () => Promise<void> }>;

/** Runs a suite against a server on SQLite and one on PostgreSQL: every feature works on every store. */
export function onEveryStore(suite: (store: string, start: StartServer) => void): void {
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
