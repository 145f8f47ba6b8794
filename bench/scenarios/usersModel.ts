import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { directRoomName } from "../../packages/server/dist/domain/directs.js";
import { hashToken } from "../../packages/server/dist/domain/tokens.js";

/**
 * The people of the users scenario (issue 20, point 5), modelled on Mattermost's load tests: group rooms whose
 * sizes follow Zipf's law, 5 to 20 of them per person, plus direct messages.
 */
export interface Person {
  username: string;
  token: string;
  rooms: string[];
  dms: string[];
  /** Where the person posts, weighted: see `postsIn`. */
  postsIn: { room: string; weight: number }[];
}

export interface Population {
  people: Person[];
  /** Group rooms by name, with their member count. */
  roomSizes: Map<string, number>;
  dmCount: number;
  dataDir: string;
  /** The newest seeded message of each room. */
  newest: Record<string, { id: number; seq: number }>;
}

const root = fileURLToPath(new URL("../../", import.meta.url));
const MIN_ROOMS = 5;
const MAX_ROOMS = 20;
/** One group room per 8 people: with 12.5 rooms each on average, a group room has about 100 members. */
const PEOPLE_PER_ROOM = 8;
/** Each person opens one DM with someone at random, so a person is in two on average. */
const DMS_OPENED = 1;
/** Share of sends that go to DMs; the rest go to group rooms. */
const DM_SHARE = 0.4;
/** Messages already in each room, so history pages and reactions have something to read. */
const SEEDED_MESSAGES = 10;

/** A seeded generator, so a step's population is the same from run to run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** Draws a room rank from Zipf's law with exponent 1 (rank r with probability ∝ 1/r), by inverting the cumulative sum. */
function zipfSampler(count: number, next: () => number): () => number {
  const cumulative: number[] = [];
  let sum = 0;
  for (let rank = 1; rank <= count; rank++) cumulative.push((sum += 1 / rank));
  return () => {
    const target = next() * sum;
    let low = 0;
    let high = count - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((cumulative[mid] ?? 0) < target) low = mid + 1;
      else high = mid;
    }
    return low;
  };
}

/**
 * A person posts in a group room with probability ∝ 1/size (a big room is read by many and written by few, so
 * every room carries about the same traffic), and in their DMs `DM_SHARE` of the time.
 */
function postsIn(rooms: string[], dms: string[], sizes: Map<string, number>): Person["postsIn"] {
  const inverse = rooms.map((room) => 1 / (sizes.get(room) ?? 1));
  const total = inverse.reduce((a, b) => a + b, 0);
  const groupShare = dms.length > 0 ? 1 - DM_SHARE : 1;
  return [
    ...rooms.map((room, i) => ({ room, weight: (groupShare * (inverse[i] ?? 0)) / total })),
    ...dms.map((room) => ({ room, weight: DM_SHARE / dms.length })),
  ];
}

/** Builds the population of `count` people and writes it straight into a new SQLite data directory. */
export function seedPopulation(count: number, tag: string): Population {
  const next = random(count);
  const roomCount = Math.max(MIN_ROOMS, Math.ceil(count / PEOPLE_PER_ROOM));
  const draw = zipfSampler(roomCount, next);
  const roomNames = Array.from({ length: roomCount }, (_, i) => `${tag}r${i}`);
  const memberships = Array.from({ length: count }, () => {
    const wanted = Math.min(roomCount, MIN_ROOMS + Math.floor(next() * (MAX_ROOMS - MIN_ROOMS + 1)));
    const mine = new Set<number>();
    while (mine.size < wanted) mine.add(draw());
    return [...mine];
  });
  const pairs = new Set<string>();
  for (let a = 0; a < count && count > 1; a++) {
    for (let d = 0; d < DMS_OPENED; d++) {
      const b = (a + 1 + Math.floor(next() * (count - 1))) % count;
      pairs.add(a < b ? `${a},${b}` : `${b},${a}`);
    }
  }
  const dataDir = mkdtempSync(join(tmpdir(), "natter-users-"));
  execFileSync("node", [join(root, "packages/server/dist/cli.js"), "migrate"], {
    env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "warn" },
    stdio: "ignore",
  });
  const db = new Database(join(dataDir, "natter.db"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const now = Date.now();
  const tokens = Array.from({ length: count }, () => randomBytes(32).toString("base64url"));
  const userIds: number[] = [];
  const roomIds: number[] = [];
  const dmNames: string[] = [];
  const dmOf: string[][] = Array.from({ length: count }, () => []);
  const sizes = new Map<string, number>();
  const newest: Population["newest"] = {};
  db.transaction(() => {
    const user = db.prepare("insert into users (username, username_key, password_hash, kind, created_at) values (?, ?, null, 'guest', ?) returning id");
    const session = db.prepare("insert into sessions (token_hash, user_id, created_at, expires_at, last_seen_at) values (?, ?, ?, ?, ?)");
    for (let i = 0; i < count; i++) {
      const name = `${tag}u${i}`;
      const { id } = user.get(name, name, now) as { id: number };
      userIds.push(id);
      session.run(hashToken(tokens[i] ?? ""), id, now, now + 30 * 86_400_000, now);
    }
    const room = db.prepare("insert into rooms (name, name_key, topic, created_by, created_at, kind, dm_key) values (?, ?, '', ?, ?, ?, ?) returning id");
    for (const name of roomNames) roomIds.push((room.get(name, name, userIds[0], now, "public", null) as { id: number }).id);
    const member = db.prepare("insert into memberships (room_id, user_id, joined_at) values (?, ?, ?)");
    const members: number[][] = roomIds.map(() => []);
    memberships.forEach((ranks, person) => ranks.forEach((rank) => members[rank]?.push(person)));
    for (const [pair] of pairs.entries()) {
      const [a = 0, b = 0] = pair.split(",").map(Number);
      const dmKey = [userIds[a] ?? 0, userIds[b] ?? 0].sort((x, y) => x - y).join(",");
      const name = directRoomName(dmKey);
      roomIds.push((room.get(name, name, userIds[a], now, "dm", dmKey) as { id: number }).id);
      members.push([a, b]);
      dmNames.push(name);
      dmOf[a]?.push(name);
      dmOf[b]?.push(name);
    }
    const message = db.prepare(
      `insert into messages (room_id, seq, author_id, text, client_msg_id, created_at, rev, in_room, mention_ids, mentions_room)
       values (?, ?, ?, ?, ?, ?, ?, 1, '', 0) returning id`,
    );
    const allNames = [...roomNames, ...dmNames];
    roomIds.forEach((roomId, r) => {
      const people = members[r] ?? [];
      for (const person of people) member.run(roomId, userIds[person], now);
      const name = allNames[r] ?? "";
      if (r < roomNames.length) sizes.set(name, people.length);
      const author = userIds[people[0] ?? 0];
      for (let seq = 1; seq <= SEEDED_MESSAGES && people.length > 0; seq++) {
        const { id } = message.get(roomId, seq, author, `earlier message ${seq} in ${name}`, `seed${roomId}-${seq}`, now - 1000 + seq, seq) as { id: number };
        newest[name] = { id, seq };
      }
    });
    db.prepare("update rooms set member_count = (select count(*) from memberships where room_id = rooms.id)").run();
    db.prepare("update rooms set last_seq = ?, last_rev = ? where member_count > 0").run(SEEDED_MESSAGES, SEEDED_MESSAGES);
  })();
  db.close();
  const people = tokens.map((token, i) => {
    const rooms = (memberships[i] ?? []).map((rank) => roomNames[rank] ?? "");
    const dms = dmOf[i] ?? [];
    return { username: `${tag}u${i}`, token, rooms, dms, postsIn: postsIn(rooms, dms, sizes) };
  });
  return { people, roomSizes: sizes, dmCount: dmNames.length, dataDir, newest };
}
