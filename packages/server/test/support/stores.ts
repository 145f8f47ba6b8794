import { describe } from "vitest";
import { freshDatabase, postgresSkipReason } from "./postgres.js";
import { startNatter, type RunningNatter } from "./server.js";

export type StartServer = () => Promise<{ server: RunningNatter; done: () => Promise<void> }>;

/** Runs a suite against a server on SQLite and one on PostgreSQL: every feature works on every store. */
export function onEveryStore(suite: (store: string, start: StartServer) => void): void {
  suite("SQLite", async () => {
    const server = await startNatter();
    return { server, done: () => server.cleanup() };
  });
  describe.skipIf(postgresSkipReason !== undefined)(postgresSkipReason ?? "PostgreSQL", () => {
    suite("PostgreSQL", async () => {
      const database = await freshDatabase();
      const server = await startNatter({ databaseUrl: database.url });
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
