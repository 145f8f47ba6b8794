import Database from "better-sqlite3";
import { join } from "node:path";
import pg from "pg";
import type { RunningNatter } from "../../support/server.js";

/** Runs one statement on the server's own database, behind its back: to age sessions or read stored hashes. */
export async function query<T>(server: RunningNatter, sql: string, params: unknown[] = []): Promise<T[]> {
  const url = server.natter.settings.databaseUrl;
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      let placeholder = 0;
      const numbered = sql.replace(/\?/g, () => `$${++placeholder}`);
      return (await client.query(numbered, params)).rows as T[];
    } finally {
      await client.end();
    }
  }
  const database = new Database(join(server.dataDir, "natter.db"));
  try {
    const statement = database.prepare(sql);
    return statement.reader ? (statement.all(...params) as T[]) : (statement.run(...params), []);
  } finally {
    database.close();
  }
}
