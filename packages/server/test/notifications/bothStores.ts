import { describe } from "vitest";
import type { NatterOptions } from "../../src/index.js";
import { freshDatabase, postgresSkipReason } from "../support/postgres.js";
import { startNatter, type RunningNatter } from "../support/server.js";

export type Start = (options: NatterOptions) => Promise<{ server: RunningNatter; done: () => Promise<void> }>;

/** Declares the suite once on SQLite and once on a fresh PostgreSQL database (when DATABASE_URL is set). */
export function onBothStores(suite: (store: string, start: Start) => void): void {
  suite("SQLite", async (options) => {
    const server = await startNatter(options);
    return { server, done: () => server.cleanup() };
  });
  describe.skipIf(postgresSkipReason !== undefined)(postgresSkipReason ?? "PostgreSQL", () => {
    suite("PostgreSQL", async (options) => {
      const database = await freshDatabase();
      const server = await startNatter({ ...options, databaseUrl: database.url });
      return { server, done: async () => (await server.cleanup(), await database.drop()) };
    });
  });
}
