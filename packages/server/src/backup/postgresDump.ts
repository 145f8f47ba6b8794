import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { BackupError } from "./manifest.js";

/** pg_dump or pg_restore on PATH, else the newest under /usr/lib/postgresql/<major>/bin (Debian's layout). */
export function postgresTool(name: "pg_dump" | "pg_restore"): string | undefined {
  for (const folder of (process.env.PATH ?? "").split(":")) if (folder && existsSync(join(folder, name))) return join(folder, name);
  const root = "/usr/lib/postgresql";
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  for (const major of majors) if (existsSync(join(root, major, "bin", name))) return join(root, major, "bin", name);
  return undefined;
}

const NO_TOOL = (name: string) =>
  `${name} was not found (on PATH or in /usr/lib/postgresql/*/bin): install the PostgreSQL client of the server's major version (Debian: apt-get install postgresql-client), or back up with your own ${name} and keep DATA_DIR/files beside it`;

/**
 * pg_dump in custom format, of the snapshot a repeatable-read transaction exported: the counts in the
 * manifest are those of exactly the rows dumped, while the server goes on writing.
 */
export async function dumpPostgres(url: string, target: string) {
  const tool = postgresTool("pg_dump");
  if (!tool) throw new BackupError(NO_TOOL("pg_dump"));
  const client = new pg.Client({ connectionString: url });
  await client.connect().catch((error: unknown) => {
    throw new BackupError(`cannot reach the database: ${error instanceof Error ? error.message : String(error)}`);
  });
  try {
    await client.query("begin isolation level repeatable read read only");
    const snapshot = (await client.query<{ id: string }>("select pg_export_snapshot() as id")).rows[0]?.id ?? "";
    const count = async (table: string) => Number((await client.query<{ n: string }>(`select count(*) as n from ${table}`)).rows[0]?.n ?? 0);
    const counts = { users: await count("users"), rooms: await count("rooms"), messages: await count("messages"), files: await count("files") };
    const schema = (await client.query<{ name: string }>("select name from kysely_migration order by name desc limit 1")).rows[0]?.name ?? "";
    await run(tool, ["--format=custom", `--snapshot=${snapshot}`, "--no-owner", `--file=${target}`, `--dbname=${url}`]);
    await client.query("commit");
    return { source: { name: "natter.pgdump", path: target }, schema, counts };
  } finally {
    await client.end();
  }
}

/** Runs a PostgreSQL tool; its own last line of stderr is the reason given when it fails. */
export function run(tool: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString("utf8")).slice(-4000)));
    child.on("error", (error) => reject(new BackupError(`${tool} could not start: ${error.message}`)));
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new BackupError(`${tool} failed: ${stderr.trim().split("\n").at(-1) ?? `exit ${code}`}`));
    });
  });
}
