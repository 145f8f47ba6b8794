import pg from "pg";

/**
 * PostgreSQL for a test file: a fresh database per call, dropped afterwards. Without DATABASE_URL the
 * tests say they skipped; in CI a missing or unreachable server fails them.
 */
export const postgresUrl = process.env.DATABASE_URL;
export const postgresSkipReason = postgresUrl ? undefined : "skipped: DATABASE_URL is unset (CI sets it)";
if (process.env.CI && !postgresUrl) throw new Error("CI must set DATABASE_URL for the PostgreSQL tests");

export async function freshDatabase(prefix = "natter_test"): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!postgresUrl) throw new Error("DATABASE_URL is unset");
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
