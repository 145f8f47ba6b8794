import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { offerSetup } from "../../src/domain/setup.js";
import type { RunningNatter } from "../support/server.js";
import { onEveryStore } from "../support/stores.js";
import { call, registeredToken } from "./support/api.js";
import { privateRoom, type Fixture } from "./support/fixtures.js";

/**
 * The other half of the authorization matrix for issue 15's routes: the matrix's cast (anonymous, non-member,
 * member, owner…) is refused; here a server moderator and a server admin, who are in neither room, get through
 * where their role says so: a public room for the moderator, any room for the admin.
 */
type Who = "moderator" | "admin";
type Expect = "ok" | "forbidden" | "as if missing" | "no route";

interface Rule {
  method: string;
  build(room: Fixture, unique: string): { path: string; body?: unknown };
  /** What each gets in a public room and in a private room they are not in. */
  public: Record<Who, Expect>;
  private: Record<Who, Expect>;
}

const both = (answer: Expect): Record<Who, Expect> => ({ moderator: answer, admin: answer });
const PASSWORD = "correct horse battery";

const RULES: Record<string, Rule> = {
  "delete a message": {
    method: "DELETE",
    build: (f) => ({ path: `/api/rooms/${f.room}/messages/${f.messageId}` }),
    public: both("ok"),
    private: { moderator: "as if missing", admin: "ok" },
  },
  "remove a member": {
    method: "DELETE",
    build: (f) => ({ path: `/api/rooms/${f.room}/members/bob` }),
    public: both("ok"),
    private: { moderator: "as if missing", admin: "ok" },
  },
  "list bans": {
    method: "GET",
    build: (f) => ({ path: `/api/rooms/${f.room}/bans` }),
    public: both("ok"),
    private: { moderator: "as if missing", admin: "ok" },
  },
  ban: {
    method: "POST",
    build: (f) => ({ path: `/api/rooms/${f.room}/bans`, body: { username: "bob" } }),
    public: both("ok"),
    private: { moderator: "as if missing", admin: "ok" },
  },
  unban: {
    method: "DELETE",
    build: (f) => ({ path: `/api/rooms/${f.room}/bans/bob` }),
    public: both("ok"),
    private: { moderator: "as if missing", admin: "ok" },
  },
  "delete the room": {
    method: "DELETE",
    build: (f) => ({ path: `/api/rooms/${f.room}` }),
    public: { moderator: "forbidden", admin: "ok" },
    private: { moderator: "as if missing", admin: "ok" },
  },
  "archive the room": {
    method: "PATCH",
    build: (f) => ({ path: `/api/rooms/${f.room}`, body: { archived: true } }),
    public: { moderator: "forbidden", admin: "ok" },
    private: { moderator: "as if missing", admin: "ok" },
  },
  "list open reports": { method: "GET", build: () => ({ path: "/api/admin/reports" }), public: both("ok"), private: both("ok") },
  "list every room": {
    method: "GET",
    build: () => ({ path: "/api/admin/rooms" }),
    public: { moderator: "no route", admin: "ok" },
    private: { moderator: "no route", admin: "ok" },
  },
};

onEveryStore((store, start) => {
  describe(`on ${store}, server moderators and admins get through where their role allows`, () => {
    let server: RunningNatter;
    let done: () => Promise<void>;
    const tokens = new Map<Who | "owner", string>();
    let counter = 0;

    beforeAll(async () => {
      ({ server, done } = await start());
      const link = await offerSetup(server.natter.domain);
      const token = new URL(link ?? "http://x").searchParams.get("token") ?? "";
      const setup = await call(server.url, { method: "POST", path: "/api/setup", body: { token, username: "ann", password: PASSWORD } });
      tokens.set("admin", (setup.body as { token: string }).token);
      tokens.set("moderator", await registeredToken(server.url, "mona", PASSWORD));
      await call(server.url, { method: "PUT", path: "/api/users/mona/role", token: tokens.get("admin"), body: { role: "moderator" } });
      tokens.set("owner", await registeredToken(server.url, "alice", PASSWORD));
      await registeredToken(server.url, "bob", PASSWORD);
    });
    afterAll(() => done());

    it("each route answers the moderator and the admin as their role allows, in a public and a private room", async () => {
      const wrong: string[] = [];
      for (const [name, rule] of Object.entries(RULES)) {
        for (const kind of ["public", "private"] as const) {
          for (const who of ["moderator", "admin"] as const) {
            const room = kind === "public" ? await publicRoom(++counter) : await privateRoom(server.url, tokens.get("owner") ?? "", `vault-${++counter}`);
            const built = rule.build(room, String(counter));
            const answer = await call(server.url, { method: rule.method, token: tokens.get(who), ...built });
            const expected = rule[kind][who];
            const code = (answer.body as { error?: { code?: string } } | null)?.error?.code;
            const fine =
              expected === "ok"
                ? answer.status >= 200 && answer.status < 300
                : expected === "forbidden"
                  ? answer.status === 403 && code === "FORBIDDEN"
                  : answer.status === 404 && code === "NOT_FOUND";
            if (!fine)
              wrong.push(`${name} in a ${kind} room as ${who}: expected ${expected}, got ${answer.status} ${JSON.stringify(answer.body).slice(0, 160)}`);
          }
        }
      }
      expect(wrong).toEqual([]);
    });

    /** A public room with bob in it and a message of bob's, made through the API like the private fixture. */
    async function publicRoom(n: number): Promise<Fixture> {
      const owner = tokens.get("owner") ?? "";
      const name = `open-${n}`;
      await call(server.url, { method: "POST", path: "/api/rooms", token: owner, body: { name } });
      await call(server.url, { method: "POST", path: `/api/rooms/${name}/members`, token: owner, body: { username: "bob" } });
      const sent = await call(server.url, {
        method: "POST",
        path: `/api/rooms/${name}/messages`,
        token: owner,
        body: { text: "hello", clientMsgId: `o-${n}` },
      });
      return { room: name, messageId: (sent.body as { message: { id: number } }).message.id, fileId: "", fileName: "" };
    }
  });
});
