import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { NatterApi } from "../lib/natterApi.js";
import { startNatter } from "../lib/servers.js";
import { latencySummary, quantile, round } from "../lib/stats.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const DAY_MS = 86_400_000;

export interface RetentionResult {
  messages: number;
  retentionSeconds: number;
  /** Sends (REST, from request to answer) while retention deleted the old messages, and after it, on the same server. */
  during: { p50: number; p99: number; max: number; count: number };
  after: { p50: number; p99: number; max: number; count: number };
}

/**
 * Issue 18: retention deletes `messages` old messages of `general` (RETENTION_DAYS=30, from the server's start)
 * while one person sends one message after another; their latency is the figure: SQLite has one writer, and
 * retention's batches are what a send may wait behind.
 */
export async function runRetention(messages: number): Promise<RetentionResult> {
  const dataDir = mkdtempSync(join(tmpdir(), "natter-bench-retention-"));
  try {
    seed(dataDir, messages);
    const started = performance.now();
    const server = await startNatter({ dataDir, env: { RETENTION_DAYS: "30" } });
    try {
      const api = new NatterApi(server.port);
      const token = await api.guest(`keeper${Date.now() % 1_000_000}`);
      const send = async (i: number) => {
        const begun = performance.now();
        const response = await fetch(`${api.base}/api/rooms/general/messages`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ text: `sent while retention runs ${i}`, clientMsgId: `r${i}` }),
        });
        if (!response.ok) throw new Error(`send answered ${response.status}: ${await response.text()}`);
        return performance.now() - begun;
      };
      const during: number[] = [];
      let i = 0;
      while (!(await oldGone(api, token))) {
        for (let k = 0; k < 10; k++) during.push(await send(i++));
      }
      const retentionSeconds = (performance.now() - started) / 1000;
      const after: number[] = [];
      for (let k = 0; k < 100; k++) after.push(await send(i++));
      return { messages, retentionSeconds: round(retentionSeconds, 1), during: summary(during), after: summary(after) };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function summary(samples: number[]) {
  return { ...latencySummary(samples), max: round(quantile(samples, 1)) };
}

/** Whether the oldest message left in general is no longer one of the seeded old ones. */
async function oldGone(api: NatterApi, token: string): Promise<boolean> {
  const response = await fetch(`${api.base}/api/messages?room=general&after=0&limit=1`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await response.json()) as { messages?: { text: string }[] };
  return !body.messages?.[0]?.text.startsWith("old ");
}

/** `messages` messages of 60 days ago in general, by direct SQL, with the search index kept as the server keeps it. */
function seed(dataDir: string, messages: number): void {
  execFileSync("node", [join(root, "packages/server/dist/cli.js"), "migrate"], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "warn" },
  });
  const db = new Database(join(dataDir, "natter.db"));
  const old = Date.now() - 60 * DAY_MS;
  const author = db
    .prepare("insert into users (username, username_key, password_hash, kind, created_at) values ('elder', 'elder', null, 'guest', ?) returning id")
    .get(old) as { id: number };
  const room = db
    .prepare("insert into rooms (name, name_key, topic, created_by, created_at) values ('general', 'general', '', null, ?) returning id")
    .get(old) as {
    id: number;
  };
  db.prepare("insert into memberships (room_id, user_id, joined_at) values (?, ?, ?)").run(room.id, author.id, old);
  db.prepare(
    `
    with recursive n(x) as (select 1 union all select x + 1 from n where x < ?)
    insert into messages (room_id, seq, author_id, text, client_msg_id, created_at, rev, in_room, mention_ids, mentions_room)
    select ?, x, ?, 'old message ' || x, 'o' || x, ? + x, x, 1, '', 0 from n`,
  ).run(messages, room.id, author.id, old);
  // The server indexes what it writes (migration 039); rows deleted without being indexed would upset FTS5.
  db.prepare("insert into messages_fts (rowid, text) select id, text from messages").run();
  db.prepare("update rooms set last_seq = ?, last_rev = ? where id = ?").run(messages, messages, room.id);
  db.close();
}
