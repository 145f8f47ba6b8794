import { authResponseSchema } from "@natter/protocol";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http } from "../support/http.js";
import { freshDatabase, postgresSkipReason } from "../support/postgres.js";
import { startNatter, type RunningNatter } from "../support/server.js";

const PASSWORD = "correct horse battery";

const stores = [
  { store: "SQLite", skip: undefined, database: async () => undefined },
  { store: "PostgreSQL", skip: postgresSkipReason, database: () => freshDatabase("natter_usernames") },
];

describe.each(stores)("usernames on $store", { timeout: 60_000 }, ({ skip, database }) => {
  let server: RunningNatter;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    if (skip !== undefined) return;
    const db = await database();
    drop = db?.drop;
    server = await startNatter(db ? { databaseUrl: db.url } : {});
    const answer = await http(server.url, "POST", "/api/auth/register", { body: { username: "alice", password: PASSWORD } });
    expect(answer.status).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await server?.cleanup();
    await drop?.();
  }, 60_000);

  it.skipIf(skip !== undefined)("a name that differs from a taken one by case, width or look-alike letters is refused with USERNAME_TAKEN", async () => {
    for (const username of ["Alice", "ＡＬＩＣＥ", "ａｌｉｃｅ", "\u0430lice", "al\u0456ce"]) {
      for (const [path, body] of [
        ["/api/auth/register", { username, password: PASSWORD }],
        ["/api/auth/guest", { username }],
      ] as const) {
        const answer = await http(server.url, "POST", path, { body });
        expect(answer.status, `${path} ${username}`).toBe(409);
        expect(answer.body, `${path} ${username}`).toMatchObject({ error: { code: "USERNAME_TAKEN" } });
      }
    }
  });

  it.skipIf(skip !== undefined)("reserved names, in any spelling, are refused with USERNAME_RESERVED to members and guests", async () => {
    for (const username of ["admin", "System", "NATTER", "root", "here", "room", "all", "everyone", "ａｄｍｉｎ", "\u0430dmin"]) {
      for (const [path, body] of [
        ["/api/auth/register", { username, password: PASSWORD }],
        ["/api/auth/guest", { username }],
      ] as const) {
        const answer = await http(server.url, "POST", path, { body });
        expect(answer.status, `${path} ${username}`).toBe(409);
        expect(answer.body, `${path} ${username}`).toMatchObject({ error: { code: "USERNAME_RESERVED", message: expect.stringContaining("reserved") } });
      }
    }
  });

  it.skipIf(skip !== undefined)("a look-alike spelling logs into the one account only with its password", async () => {
    const wrong = await http(server.url, "POST", "/api/auth/login", { body: { username: "\u0430lice", password: "not alice's password" } });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: { code: "INVALID_CREDENTIALS" } });
    const right = await http(server.url, "POST", "/api/auth/login", { body: { username: "ａｌｉｃｅ", password: PASSWORD } });
    expect(right.status).toBe(200);
    expect(authResponseSchema.parse(right.body).user.username).toBe("alice");
  });

  it.skipIf(skip !== undefined)("a name that only resembles a taken one is free", async () => {
    const answer = await http(server.url, "POST", "/api/auth/guest", { body: { username: "alicia" } });
    expect(answer.status).toBe(201);
  });
});
