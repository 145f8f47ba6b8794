import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, registeredToken, type Answer } from "../security/support/api.js";
import { freshDatabase, postgresSkipReason } from "../support/postgres.js";
import { startNatter, type RunningNatter } from "../support/server.js";
import { NAUGHTY_STRINGS, UNSTORABLE_STRINGS } from "./naughtyStrings.js";
import { answerProblems, watchProcess, type Outcome } from "./support/outcomes.js";

const STRINGS = [...NAUGHTY_STRINGS, ...UNSTORABLE_STRINGS];
const PASSWORD = "correct horse battery";

/** Percent-encodes like encodeURIComponent, but a lone surrogate goes out as its (invalid) three UTF-8-style bytes. */
function q(text: string): string {
  let out = "";
  for (const char of text) {
    const unit = char.charCodeAt(0);
    out +=
      char.length === 1 && unit >= 0xd800 && unit <= 0xdfff
        ? [0xe0 | (unit >> 12), 0x80 | ((unit >> 6) & 63), 0x80 | (unit & 63)].map((b) => `%${b.toString(16).toUpperCase()}`).join("")
        : encodeURIComponent(char);
  }
  return out;
}

/**
 * Every naughty string through every text field a person can fill in. Returns what each answer was, so two
 * stores can be compared, and every problem seen (a 5xx, a malformed refusal, text stored other than sent).
 */
async function throughEveryField(url: string): Promise<{ outcomes: Outcome[]; problems: string[] }> {
  const outcomes: Outcome[] = [];
  const problems: string[] = [];
  // A member: guests create no rooms by default, and this one makes the playground.
  const token = await registeredToken(url, "naughty", PASSWORD);
  await call(url, { method: "POST", path: "/api/rooms", token, body: { name: "playground" } });
  const seed = await call(url, { method: "POST", path: "/api/rooms/playground/messages", token, body: { text: "edit me", clientMsgId: "seed" } });
  const seedId = (seed.body as { message: { id: number } }).message.id;

  const record = (what: string, answer: Answer, stored?: unknown) => {
    problems.push(...answerProblems(what, answer));
    outcomes.push({ what, status: answer.status, code: (answer.body as { error?: { code?: string } } | null)?.error?.code, stored });
  };

  for (const [i, text] of STRINGS.entries()) {
    const label = (field: string) => `${field} #${i} ${JSON.stringify(text.slice(0, 24))}`;

    const guest = await call(url, { method: "POST", path: "/api/auth/guest", body: { username: text } });
    record(label("guest username"), guest, (guest.body as { user?: { username?: string } }).user?.username);

    // Hashing is slow on purpose (OWASP's cost), so every eighth string makes an account and logs back in with it;
    // every string goes through the password rules as a new password (a guest has no current one to match).
    if (i % 8 === 0) {
      const registered = await call(url, { method: "POST", path: "/api/auth/register", body: { username: `pw-${i}`, password: text } });
      record(label("password at registration"), registered);
      const back =
        registered.status === 201 ? await call(url, { method: "POST", path: "/api/auth/login", body: { username: `pw-${i}`, password: text } }) : undefined;
      if (back && back.status !== 200) problems.push(`${label("password")}: registered but cannot log in (${back.status})`);
    }
    record(label("new password"), await call(url, { method: "POST", path: "/api/me/password", token, body: { currentPassword: "none", newPassword: text } }));

    const room = await call(url, { method: "POST", path: "/api/rooms", token, body: { name: text, topic: text } });
    const created = (room.body as { room?: { name?: string; topic?: string } }).room;
    record(label("room name and topic"), room, created && [created.name, created.topic]);
    const topic = await call(url, { method: "PATCH", path: "/api/rooms/playground", token, body: { topic: text } });
    record(label("topic"), topic, (topic.body as { room?: { topic?: string } }).room?.topic);

    const sent = await call(url, { method: "POST", path: "/api/rooms/playground/messages", token, body: { text, clientMsgId: `n-${i}` } });
    const sentText = (sent.body as { message?: { text?: string } }).message?.text;
    record(label("message"), sent, sentText);
    if (sent.status === 201 && sentText !== text) problems.push(`${label("message")}: stored as ${JSON.stringify(sentText?.slice(0, 40))}`);

    // Reported as the reason for this string's own message (or the seed's, then ALREADY_REPORTED): one open report each.
    const reportedId = sent.status === 201 ? (sent.body as { message: { id: number } }).message.id : seedId;
    const report = await call(url, { method: "POST", path: `/api/messages/${reportedId}/reports`, token, body: { reason: text } });
    const reason = (report.body as { report?: { reason?: string } }).report?.reason;
    record(label("report reason"), report, reason);
    if (report.status === 201 && reason !== text.trim()) problems.push(`${label("report reason")}: stored as ${JSON.stringify(reason?.slice(0, 40))}`);

    const edited = await call(url, { method: "PATCH", path: `/api/rooms/playground/messages/${seedId}`, token, body: { text } });
    const editedText = (edited.body as { message?: { text?: string } }).message?.text;
    record(label("edit"), edited, editedText);
    if (edited.status === 200 && editedText !== text) problems.push(`${label("edit")}: stored as ${JSON.stringify(editedText?.slice(0, 40))}`);

    const profile = await call(url, { method: "PATCH", path: "/api/me", token, body: { displayName: text, status: text } });
    const user = (profile.body as { user?: { displayName?: string; status?: string } }).user;
    record(label("display name and status"), profile, user && [user.displayName, user.status]);

    const search = await call(url, { method: "GET", path: `/api/search?q=${q(text)}`, token });
    record(label("search"), search, (search.body as { results?: unknown[] }).results?.length);

    const upload = await call(url, { method: "POST", path: `/api/uploads?name=${q(text)}`, token, raw: "plain text", contentType: "text/plain" });
    const fileName = (upload.body as { file?: { name?: string } }).file?.name;
    record(label("file name"), upload, fileName);
    if (fileName !== undefined && /[/\\\p{Cc}\p{Cf}]|^\./u.test(fileName)) problems.push(`${label("file name")}: kept as ${JSON.stringify(fileName)}`);

    for (const path of [`/api/rooms/${q(text)}`, `/api/users/${q(text)}`, `/api/messages?room=${q(text)}`]) {
      if (text.length > 2_000) continue;
      record(label(`GET ${path.split("?")[0]?.split("/").slice(0, 3).join("/")}`), await call(url, { method: "GET", path, token }));
    }
  }
  // Log-ins last: enough failures from one address lock it out (429), which is also a proper answer.
  for (const [i, text] of STRINGS.entries()) {
    if (i % 4 !== 0 && !UNSTORABLE_STRINGS.includes(text)) continue;
    record(`login #${i}`, await call(url, { method: "POST", path: "/api/auth/login", body: { username: text, password: text } }));
  }
  const health = await call(url, { method: "GET", path: "/healthz" });
  if (health.status !== 200) problems.push(`the server stopped answering: ${health.status}`);
  return { outcomes, problems };
}

describe(`${STRINGS.length} naughty strings through every text field`, () => {
  const watcher = watchProcess();
  const servers: { store: string; server: RunningNatter; drop?: () => Promise<void> }[] = [];
  const results = new Map<string, { outcomes: Outcome[]; problems: string[] }>();
  beforeAll(async () => {
    servers.push({ store: "SQLite", server: await startNatter() });
    if (postgresSkipReason === undefined) {
      const database = await freshDatabase();
      servers.push({ store: "PostgreSQL", server: await startNatter({ databaseUrl: database.url }), drop: database.drop });
    }
    for (const { server } of servers) await registeredToken(server.url, "operator", PASSWORD);
  });
  afterAll(async () => {
    watcher.stop();
    for (const { server, drop } of servers) {
      await server.cleanup();
      await drop?.();
    }
  });

  it("no 5xx, every refusal a { code, message }, every accepted text stored exactly as sent, on every store", async () => {
    // The stores run side by side: the same requests in the same order, so their answers can be compared.
    const runs = await Promise.all(servers.map(async ({ store, server }) => [store, await throughEveryField(server.url)] as const));
    for (const [store, result] of runs) {
      results.set(store, result);
      expect(result.problems, store).toEqual([]);
      console.info(
        `naughty strings on ${store}: ${result.outcomes.length} requests, ${result.outcomes.filter((o) => o.status < 300).length} accepted, 0 answered 5xx`,
      );
    }
    expect(watcher.unhandled).toEqual([]);
  }, 240_000);

  it.skipIf(postgresSkipReason !== undefined)(postgresSkipReason ?? "PostgreSQL answers every naughty string exactly as SQLite does", () => {
    const [sqlite, postgres] = [results.get("SQLite"), results.get("PostgreSQL")];
    expect(sqlite && postgres, "both stores ran").toBeTruthy();
    const differences = (postgres?.outcomes ?? []).filter((outcome, i) => JSON.stringify(outcome) !== JSON.stringify(sqlite?.outcomes[i]));
    const shown = differences
      .slice(0, 20)
      .map((d) => `PostgreSQL ${JSON.stringify(d)} vs SQLite ${JSON.stringify(sqlite?.outcomes.find((o) => o.what === d.what))}`);
    expect(shown, `${differences.length} answers differ`).toEqual([]);
    expect(postgres?.outcomes.length).toBe(sqlite?.outcomes.length);
  });
});
