import Database from "better-sqlite3";
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { NatterClient } from "@natter/client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { settingSpecs } from "../../src/settings.js";
import { guestToken, http } from "../support/http.js";
import { freshDatabase, postgresSkipReason } from "../support/postgres.js";
import { eventually } from "../support/wait.js";

const root = resolve(import.meta.dirname, "../../../..");
const cli = join(root, "packages/server/dist/cli.js");

/** The environment a person starting Natter by hand would have: none of this machine's database settings. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const spec of Object.values(settingSpecs)) delete env[spec.env];
  return { ...env, ...extra };
}

function run(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, [cli, ...args], { env: cleanEnv(env), encoding: "utf8", timeout: 60_000 });
}

interface Serving {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

/** Starts `natter serve` and waits for the log line that says where it serves. */
async function serve(dataDir: string): Promise<Serving> {
  const child = spawn(process.execPath, [cli, "serve"], {
    env: cleanEnv({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir, LOG_LEVEL: "info", MESSAGE_RATE: "0", SIGNUP_RATE: "0" }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  let output = "";
  const url = await new Promise<string>((found, fail) => {
    const timer = setTimeout(() => fail(new Error(`natter did not start within 60 s:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(/serving (http:\/\/[^\s"]+)/);
      if (match?.[1]) {
        clearTimeout(timer);
        found(match[1]);
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    void exited.then((code) => fail(new Error(`natter exited with ${code}:\n${output}`)));
  });
  return { child, url, exited };
}

describe("the natter command", { timeout: 120_000 }, () => {
  const folders: string[] = [];
  const children: ChildProcess[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "natter-cli-"));
    folders.push(dir);
    return dir;
  };

  beforeAll(() => {
    if (existsSync(cli)) return;
    const build = spawnSync("npx", ["tsc", "-b", "packages/server"], { cwd: root, encoding: "utf8", timeout: 300_000 });
    if (build.status !== 0) throw new Error(`building the server failed:\n${build.stdout}${build.stderr}`);
  }, 300_000);
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
  });
  afterAll(() => {
    for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  });

  it("--help lists every setting with its option and environment variable", () => {
    const help = run(["--help"]);
    expect(help.status).toBe(0);
    for (const [key, spec] of Object.entries(settingSpecs)) {
      const option = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      expect(help.stdout).toMatch(new RegExp(`${option}\\s+${spec.env}\\s`));
    }
    expect(help.stdout).toMatch(/serve/);
    expect(help.stdout).toMatch(/migrate/);
  });

  it.each([
    ["PORT=abc", { PORT: "abc" }, [], "PORT"],
    ["PORT=70000", { PORT: "70000" }, [], "PORT"],
    ["ALLOW_GUESTS=maybe", { ALLOW_GUESTS: "maybe" }, [], "ALLOW_GUESTS"],
    ["LOG_LEVEL=loud", { LOG_LEVEL: "loud" }, [], "LOG_LEVEL"],
    ["DATABASE_URL=mysql://somewhere", { DATABASE_URL: "mysql://somewhere" }, [], "DATABASE_URL"],
    ["--port abc", {}, ["--port", "abc"], "--port"],
  ] as [string, Record<string, string>, string[], string][])("a bad setting (%s) stops the start with one line naming it", (_shown, env, args, named) => {
    const started = run(["serve", ...args], { DATA_DIR: tempDir(), ...env });
    expect(started.status).not.toBe(0);
    expect(started.stdout).toBe("");
    const lines = started.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(named);
  });

  it("an unknown command or option is refused with one line", () => {
    for (const args of [["frobnicate"], ["--no-such-option"]]) {
      const started = run(args, { DATA_DIR: tempDir() });
      expect(started.status).not.toBe(0);
      expect(started.stderr.trim().split("\n")).toHaveLength(1);
    }
  });

  it("serve creates natter.db in WAL mode with general, serves, and exits 0 on SIGTERM within 10 s", async () => {
    const dataDir = tempDir();
    const natter = await serve(dataDir);
    children.push(natter.child);
    expect((await http(natter.url, "GET", "/healthz")).status).toBe(200);
    const token = await guestToken(natter.url, "alice");
    const rooms = (await http(natter.url, "GET", "/api/rooms", { token })).body as { rooms: { name: string }[] };
    expect(rooms.rooms.map((r) => r.name)).toContain("general");

    const stoppingAt = Date.now();
    natter.child.kill("SIGTERM");
    expect(await natter.exited).toBe(0);
    expect(Date.now() - stoppingAt).toBeLessThan(10_000);

    const database = new Database(join(dataDir, "natter.db"), { readonly: true });
    try {
      expect(database.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(database.prepare("select name from rooms where name_key = 'general'").all()).toEqual([{ name: "general" }]);
    } finally {
      database.close();
    }
  });

  it("SIGTERM while a client is sending exits 0, and every acknowledged message is in the database", async () => {
    const dataDir = tempDir();
    const natter = await serve(dataDir);
    children.push(natter.child);
    const client = new NatterClient({ url: natter.url, transports: ["websocket"], sendTimeoutMs: 2_000 });
    await client.guest("bob");
    await client.connect();
    await client.join("general");
    const acked: string[] = [];
    let sending = true;
    const sender = (async () => {
      for (let i = 0; sending; i++) {
        const sent = await client.send("general", `busy ${i}`, { giveUpAfterMs: 3_000 }).catch(() => undefined);
        if (!sent) break;
        acked.push(sent.clientMsgId);
      }
    })();
    await eventually(() => expect(acked.length).toBeGreaterThanOrEqual(20), { timeoutMs: 20_000 });

    natter.child.kill("SIGTERM");
    const code = await natter.exited;
    sending = false;
    client.close();
    await sender;
    expect(code).toBe(0);

    const database = new Database(join(dataDir, "natter.db"), { readonly: true });
    try {
      const stored = database.prepare("select client_msg_id as id, seq from messages order by seq").all() as { id: string; seq: number }[];
      expect(stored.map((row) => row.id)).toEqual(expect.arrayContaining(acked));
      expect(stored.map((row) => row.seq)).toEqual(stored.map((_, i) => i + 1));
    } finally {
      database.close();
    }
  });

  it("migrate brings a new SQLite database up to date and exits 0, twice in a row", () => {
    const dataDir = tempDir();
    for (let i = 0; i < 2; i++) {
      const migrated = run(["migrate"], { DATA_DIR: dataDir });
      expect(migrated.stderr).toBe("");
      expect(migrated.status).toBe(0);
      expect(migrated.stdout).toMatch(/sqlite database is up to date/);
    }
    const database = new Database(join(dataDir, "natter.db"), { readonly: true });
    try {
      const tables = (database.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((t) => t.name);
      expect(tables).toEqual(expect.arrayContaining(["users", "sessions", "rooms", "memberships", "messages"]));
    } finally {
      database.close();
    }
  });

  describe("admin, on the database of a running server", () => {
    let dataDir: string;
    let natter: Serving;
    const admin = (...args: string[]) => run(["admin", ...args], { DATA_DIR: dataDir });
    const logIn = async (password: string) => http(natter.url, "POST", "/api/auth/login", { body: { username: "ops", password } });
    const roleAfterLogIn = async (password: string) => ((await logIn(password)).body as { user?: { role: string } }).user?.role;

    beforeAll(async () => {
      dataDir = tempDir();
      // One server for the three commands, so it is not in `children`, which are killed after each test.
      natter = await serve(dataDir);
    });
    afterAll(() => void natter.child.kill("SIGKILL"));

    it("create-user makes an admin (or a member) that can log in at once", async () => {
      const created = admin("create-user", "--username", "ops", "--password", "correct horse battery", "--role", "admin");
      expect([created.status, created.stderr]).toEqual([0, ""]);
      expect(await roleAfterLogIn("correct horse battery")).toBe("admin");
      expect(admin("create-user", "--username", "plain", "--password", "correct horse battery").status).toBe(0);
      expect(admin("create-user", "--username", "ops", "--password", "correct horse battery").stderr).toMatch(/taken/);
      const badRole = admin("create-user", "--username", "x1", "--password", "correct horse battery", "--role", "king");
      expect([badRole.status, badRole.stderr.trim().split("\n")]).toEqual([2, [expect.stringContaining("admin, moderator or member")]]);
    });

    it("set-role demotes and promotes, and never demotes the last admin", async () => {
      expect(admin("set-role", "ops", "member").stderr).toMatch(/last admin/);
      expect(await roleAfterLogIn("correct horse battery")).toBe("admin");
      expect(admin("set-role", "plain", "admin").status).toBe(0);
      expect(admin("set-role", "ops", "member").status).toBe(0);
      expect(await roleAfterLogIn("correct horse battery")).toBe("user");
      expect(admin("set-role", "ops", "admin").status).toBe(0);
      expect(await roleAfterLogIn("correct horse battery")).toBe("admin");
      expect(admin("set-role", "nobody", "admin").stderr).toMatch(/no user is called "nobody"/);
    });

    it("reset-password sets the new password and ends the user's sessions", async () => {
      const session = ((await logIn("correct horse battery")).body as { token: string }).token;
      expect((await http(natter.url, "GET", "/api/me", { token: session })).status).toBe(200);
      const reset = admin("reset-password", "ops", "--password", "a brand new secret");
      expect([reset.status, reset.stderr]).toEqual([0, ""]);
      expect((await http(natter.url, "GET", "/api/me", { token: session })).status).toBe(401);
      expect((await logIn("correct horse battery")).status).toBe(401);
      expect(await roleAfterLogIn("a brand new secret")).toBe("admin");
    });
  });

  it.skipIf(postgresSkipReason !== undefined)(
    `migrate brings a new PostgreSQL database up to date${postgresSkipReason ? ` (${postgresSkipReason})` : ""}`,
    async () => {
      const database = await freshDatabase("natter_cli");
      try {
        const migrated = spawnSync(process.execPath, [cli, "migrate"], { env: cleanEnv({ DATABASE_URL: database.url }), encoding: "utf8", timeout: 60_000 });
        expect(migrated.stderr).toBe("");
        expect(migrated.status).toBe(0);
        expect(migrated.stdout).toMatch(/postgres database is up to date/);
      } finally {
        await database.drop();
      }
    },
  );
});
