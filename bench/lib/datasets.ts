import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

const root = fileURLToPath(new URL("../../", import.meta.url));
const resultsDir = fileURLToPath(new URL("../results/", import.meta.url));
const CHUNK = 500_000;

/** Texts of the search corpus: English and Chinese phrases, with a number so rows differ. */
const PHRASES = [
  "the deployment pipeline failed again on staging",
  "lunch at noon? the new noodle place",
  "数据库迁移今晚十点开始，请大家保存工作",
  "please review the pull request before friday",
  "服务器的内存使用率有点高，需要看一下",
  "meeting notes are in the shared folder",
  "新版本的发布计划已经更新了",
  "can someone restart the build agent",
];

export interface Dataset {
  dataDir: string;
  messages: number;
  builtSeconds?: number;
}

/**
 * A Natter data directory whose `general` room holds `messages` messages, made by direct SQL inserts and kept
 * under bench/results/ (gitignored *.tmp) so later runs reuse it. `withSearchIndex` keeps the FTS triggers on
 * (the search corpus); without it the trigram index is skipped, which history reads never use.
 */
export function dataset(kind: "history" | "search", messages: number): Dataset {
  const dataDir = join(resultsDir, `${kind}-${messages}.tmp`);
  if (existsSync(join(dataDir, "ready"))) return { dataDir, messages };
  const started = performance.now();
  const building = join(resultsDir, `${kind}-${messages}.building.tmp`);
  rmSync(building, { recursive: true, force: true });
  mkdirSync(building, { recursive: true });
  execFileSync("node", [join(root, "packages/server/dist/cli.js"), "migrate"], {
    env: { ...process.env, DATA_DIR: building, DATABASE_URL: "", LOG_LEVEL: "warn" },
    stdio: "inherit",
  });
  fill(join(building, "natter.db"), messages, kind === "search");
  execFileSync("touch", [join(building, "ready")]);
  rmSync(dataDir, { recursive: true, force: true });
  renameSync(building, dataDir);
  return { dataDir, messages, builtSeconds: (performance.now() - started) / 1000 };
}

function fill(file: string, messages: number, withSearchIndex: boolean): void {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const now = Date.now();
  const author = db
    .prepare("insert into users (username, username_key, password_hash, kind, created_at) values ('archivist', 'archivist', null, 'guest', ?) returning id")
    .get(now) as { id: number };
  // The server creates general at its first start; a dataset made before that creates it the same way.
  const room = db
    .prepare("insert into rooms (name, name_key, topic, created_by, created_at) values ('general', 'general', '', null, ?) returning id")
    .get(now) as { id: number };
  db.prepare("insert into memberships (room_id, user_id, joined_at) values (?, ?, ?)").run(room.id, author.id, now);
  const phrases = PHRASES.map((phrase, i) => `when ${i} then '${phrase}'`).join(" ");
  const insert = db.prepare(`
    with recursive n(x) as (select ? union all select x + 1 from n where x < ?)
    insert into messages (room_id, seq, author_id, text, client_msg_id, created_at, rev, in_room, mention_ids, mentions_room)
    select ?, x, ?, 'message ' || x || ': ' || (case x % ${PHRASES.length} ${phrases} end), 'h' || x, ? + x, x, 1, '', 0 from n`);
  const lastId = db.prepare("select coalesce(max(id), 0) from messages").pluck();
  const indexAfter = db.prepare("insert into messages_fts (rowid, text) select id, text from messages where id > ?");
  for (let first = 1; first <= messages; first += CHUNK) {
    const last = Math.min(messages, first + CHUNK - 1);
    db.transaction(() => {
      const before = lastId.get();
      insert.run(first, last, room.id, author.id, now - messages);
      // The server indexes each batch it writes (migration 039); the search corpus is indexed the same way.
      if (withSearchIndex) indexAfter.run(before);
    })();
    process.stdout.write(`  ${kindLabel(withSearchIndex)}: ${last.toLocaleString("en")} / ${messages.toLocaleString("en")} rows\r`);
  }
  process.stdout.write("\n");
  db.prepare("update rooms set last_seq = ?, last_rev = ? where id = ?").run(messages, messages, room.id);
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.exec("analyze");
  db.close();
}

function kindLabel(withSearchIndex: boolean): string {
  return withSearchIndex ? "search corpus" : "history room";
}
