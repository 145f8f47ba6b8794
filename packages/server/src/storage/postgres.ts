import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import { kyselyStore } from "./kyselyStore.js";
import { PoolGate } from "./poolGate.js";
import { PostgresMessageWriter } from "./postgresMessageWriter.js";
import type { Database as Schema } from "./schema.js";
import type { Store } from "./store.js";
import type { CommitObserver } from "./messageWriter.js";

// int8 (ids, seqs, counts, times) as numbers: every value we keep stays below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** Named so `natter restore` can tell that a server is connected to the database it would replace. */
export const APPLICATION_NAME = "natter";

const POOL_SIZE = 10;
const CONNECT_TIMEOUT_MS = 1_500;

export function openPostgresStore(url: string, observeCommits?: CommitObserver): Store {
  const pool = new pg.Pool({
    connectionString: url,
    max: POOL_SIZE,
    application_name: APPLICATION_NAME,
    // A database that is away or stuck answers UNAVAILABLE within about 2 s instead of hanging a send.
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    statement_timeout: 1_500,
    // The timeouts above need the server to hear us; when the network silently drops packets, give up here too
    // (later than they would, so a wait they bound still ends with their error).
    query_timeout: 1_800,
    lock_timeout: 1_500,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its connection must not crash the process; the pool replaces it.
  pool.on("error", () => undefined);
  // A checked-out client has no pool listener: its query fails (UNAVAILABLE) and the pool drops it on release.
  pool.on("connect", (client) => client.on("error", () => undefined));
  // pg's queue never fills: callers wait in the gate's, which refuses them only when the database stops answering.
  const gate = new PoolGate(pool, POOL_SIZE, CONNECT_TIMEOUT_MS);
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool: gate }) });
  return kyselyStore(db, "postgres", new PostgresMessageWriter(db), observeCommits);
}
