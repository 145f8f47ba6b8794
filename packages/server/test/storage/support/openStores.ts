import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe } from "vitest";
import { openPostgresStore } from "../../../src/storage/postgres.js";
import { openSqliteStore } from "../../../src/storage/sqlite.js";
import type { Store } from "../../../src/storage/index.js";
import { freshDatabase, postgresSkipReason } from "../../support/postgres.js";

/** One database, reachable through as many stores as a test wants: a second store plays a second node. */
export interface StoreFixture {
  store: Store;
  anotherStore(): Promise<Store>;
  done(): Promise<void>;
}

export type OpenFixture = () => Promise<StoreFixture>;

/** Runs the same suite against a SQLite file in a temp folder and a fresh PostgreSQL database. */
export function onEveryStoreDirectly(suite: (name: string, open: OpenFixture) => void): void {
  suite("SQLite", openSqliteFixture);
  describe.skipIf(postgresSkipReason !== undefined)(postgresSkipReason ?? "PostgreSQL", () => suite("PostgreSQL", openPostgresFixture));
}

/** Opens the store before a file's tests, hands it over, and closes it after them. */
export function openForAll(open: OpenFixture, opened: (fixture: StoreFixture) => void): void {
  let fixture: StoreFixture | undefined;
  beforeAll(async () => {
    fixture = await open();
    opened(fixture);
  }, 60_000);
  afterAll(() => fixture?.done(), 60_000);
}

async function openSqliteFixture(): Promise<StoreFixture> {
  const dataDir = mkdtempSync(join(tmpdir(), "natter-store-"));
  const open = () => openSqliteStore({ dataDir, synchronous: "normal" });
  return fixture(open, async () => rmSync(dataDir, { recursive: true, force: true }));
}

async function openPostgresFixture(): Promise<StoreFixture> {
  const database = await freshDatabase("natter_contract");
  return fixture(() => openPostgresStore(database.url), database.drop);
}

async function fixture(open: () => Store, removeDatabase: () => Promise<void>): Promise<StoreFixture> {
  const store = open();
  await store.migrate();
  const opened: Store[] = [store];
  return {
    store,
    async anotherStore() {
      const another = open();
      opened.push(another);
      return another;
    },
    async done() {
      for (const each of opened) await each.close();
      await removeDatabase();
    },
  };
}
