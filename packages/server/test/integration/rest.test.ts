import {
  authResponseSchema,
  historyPageSchema,
  meResponseSchema,
  messageResponseSchema,
  onlineUsersResponseSchema,
  roomInfoResponseSchema,
  roomResponseSchema,
  roomsResponseSchema,
} from "@natter/protocol";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { guestToken, http } from "../support/http.js";
import { closeAll, guest } from "../support/people.js";
import { startNatter, type RunningNatter } from "../support/server.js";

const PASSWORD = "correct horse battery";

function sessionCookie(headers: Headers): { value: string; attributes: string[] } | undefined {
  const cookie = headers.getSetCookie().find((c) => c.startsWith("natter_session="));
  if (!cookie) return undefined;
  const [pair = "", ...attributes] = cookie.split(";").map((part) => part.trim());
  return { value: pair.slice("natter_session=".length), attributes: attributes.map((a) => a.toLowerCase()) };
}

describe("the REST API", { timeout: 60_000 }, () => {
  let server: RunningNatter;
  beforeAll(async () => (server = await startNatter()), 60_000);
  afterEach(closeAll);
  afterAll(() => server.cleanup(), 60_000);

  describe("accounts", () => {
    it("registering answers { user, token } and sets an httpOnly SameSite=Lax session cookie for the same session", async () => {
      const answer = await http(server.url, "POST", "/api/auth/register", { body: { username: "Alice", password: PASSWORD } });
      expect(answer.status).toBe(201);
      const { user, token } = authResponseSchema.parse(answer.body);
      expect(user).toMatchObject({ username: "Alice", kind: "member" });
      const cookie = sessionCookie(answer.headers);
      expect(cookie?.value).toBe(token);
      expect(cookie?.attributes).toEqual(expect.arrayContaining(["httponly", "samesite=lax", "path=/"]));
      expect(JSON.stringify(answer.body)).not.toMatch(/password|hash/i);
    });

    it("the cookie alone and the bearer token alone each identify the user at /api/me", async () => {
      const { token } = authResponseSchema.parse(
        (await http(server.url, "POST", "/api/auth/register", { body: { username: "bob", password: PASSWORD } })).body,
      );
      const byBearer = meResponseSchema.parse((await http(server.url, "GET", "/api/me", { token })).body);
      const byCookie = meResponseSchema.parse((await http(server.url, "GET", "/api/me", { headers: { cookie: `natter_session=${token}` } })).body);
      expect(byBearer.user.username).toBe("bob");
      expect(byCookie).toEqual(byBearer);
    });

    it("logging in with any case of the name answers { user, token } with a fresh session and cookie", async () => {
      await http(server.url, "POST", "/api/auth/register", { body: { username: "carol", password: PASSWORD } });
      const answer = await http(server.url, "POST", "/api/auth/login", { body: { username: "CAROL", password: PASSWORD } });
      expect(answer.status).toBe(200);
      const { user, token } = authResponseSchema.parse(answer.body);
      expect(user.username).toBe("carol");
      expect(sessionCookie(answer.headers)?.value).toBe(token);
    });

    it("a guest needs only a name and gets a guest account with a session", async () => {
      const answer = await http(server.url, "POST", "/api/auth/guest", { body: { username: "dave" } });
      expect(answer.status).toBe(201);
      expect(authResponseSchema.parse(answer.body).user).toMatchObject({ username: "dave", kind: "guest" });
      expect(sessionCookie(answer.headers)).toBeDefined();
    });

    it("a name already taken in any case is refused with USERNAME_TAKEN", async () => {
      const answer = await http(server.url, "POST", "/api/auth/guest", { body: { username: "ALICE" } });
      expect(answer.status).toBe(409);
      expect(answer.body).toMatchObject({ error: { code: "USERNAME_TAKEN" } });
    });

    it("logging out ends the session and clears the cookie", async () => {
      const token = await guestToken(server.url, "erin");
      const answer = await http(server.url, "POST", "/api/auth/logout", { token });
      expect(answer.body).toEqual({ ok: true });
      expect(sessionCookie(answer.headers)?.value ?? "").toBe("");
      expect((await http(server.url, "GET", "/api/me", { token })).status).toBe(401);
    });
  });

  describe("rooms and messages", () => {
    it("GET /api/rooms lists public rooms with the asking user's view of each", async () => {
      const token = await guestToken(server.url, "frank");
      const { rooms } = roomsResponseSchema.parse((await http(server.url, "GET", "/api/rooms", { token })).body);
      expect(rooms.find((r) => r.name === "general")).toMatchObject({ kind: "public", joined: true });
    });

    it("creating, joining and leaving a room answer the room as each user sees it", async () => {
      const owner = await guestToken(server.url, "grace");
      const created = await http(server.url, "POST", "/api/rooms", { token: owner, body: { name: "design", topic: "Pixels" } });
      expect(created.status).toBe(201);
      expect(roomResponseSchema.parse(created.body).room).toMatchObject({ name: "design", topic: "Pixels", joined: true, role: "owner", memberCount: 1 });
      const again = await http(server.url, "POST", "/api/rooms", { token: owner, body: { name: "DESIGN" } });
      expect(again.body).toMatchObject({ error: { code: "ROOM_EXISTS" } });

      const joiner = await guestToken(server.url, "heidi");
      const joined = roomInfoResponseSchema.parse((await http(server.url, "POST", "/api/rooms/design/join", { token: joiner })).body);
      expect(joined.room).toMatchObject({ name: "design", joined: true, role: "member", memberCount: 2 });
      expect((await http(server.url, "POST", "/api/rooms/design/leave", { token: joiner })).body).toEqual({ ok: true });
      const info = roomInfoResponseSchema.parse((await http(server.url, "GET", "/api/rooms/design", { token: joiner })).body);
      expect(info.room).toMatchObject({ joined: false, memberCount: 1 });
    });

    it("GET /api/rooms/:name tells the name, topic, creation time, members, who is online, message count and last seq", async () => {
      const ivan = await guest(server.url, "ivan");
      await ivan.createRoom("random", "Anything");
      await ivan.join("random");
      const token = ivan.token ?? "";
      for (let i = 1; i <= 3; i++) await http(server.url, "POST", "/api/rooms/random/messages", { token, body: { text: `m${i}`, clientMsgId: `ivan-${i}` } });
      const { room } = roomInfoResponseSchema.parse((await http(server.url, "GET", "/api/rooms/random", { token })).body);
      expect(room).toMatchObject({ name: "random", topic: "Anything", memberCount: 1, messageCount: 3, lastSeq: 3 });
      expect(room.online.map((u) => u.username)).toEqual(["ivan"]);
      expect(Number.isNaN(Date.parse(room.createdAt))).toBe(false);
    });

    it("POST /api/rooms/:name/messages answers 201 with the stored message", async () => {
      const token = await guestToken(server.url, "judy");
      const answer = await http(server.url, "POST", "/api/rooms/general/messages", { token, body: { text: "hello over REST", clientMsgId: "judy-1" } });
      expect(answer.status).toBe(201);
      expect(messageResponseSchema.parse(answer.body).message).toMatchObject({
        room: "general",
        text: "hello over REST",
        clientMsgId: "judy-1",
        author: { username: "judy" },
      });
    });

    it("GET /api/messages defaults to general and 50, pages with before, and keeps limit within 1–100", async () => {
      const token = await guestToken(server.url, "kim");
      for (let i = 1; i <= 55; i++)
        await http(server.url, "POST", "/api/rooms/general/messages", { token, body: { text: `page ${i}`, clientMsgId: `kim-${i}` } });
      const latest = historyPageSchema.parse((await http(server.url, "GET", "/api/messages", { token })).body);
      expect(latest.messages).toHaveLength(50);
      expect(latest.messages.at(-1)?.text).toBe("page 55");
      expect(latest.hasOlder).toBe(true);
      const seqs = latest.messages.map((m) => m.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

      const firstSeq = latest.messages[0]?.seq ?? 0;
      const older = historyPageSchema.parse((await http(server.url, "GET", `/api/messages?room=general&limit=2&before=${firstSeq}`, { token })).body);
      expect(older.messages.map((m) => m.seq)).toEqual([firstSeq - 2, firstSeq - 1]);

      expect(historyPageSchema.parse((await http(server.url, "GET", "/api/messages?limit=1", { token })).body).messages).toHaveLength(1);
      expect(historyPageSchema.parse((await http(server.url, "GET", "/api/messages?limit=100", { token })).body).messages.length).toBeGreaterThan(50);
      for (const limit of ["0", "101", "abc", "-1", "1.5"]) {
        const refused = await http(server.url, "GET", `/api/messages?limit=${limit}`, { token });
        expect(refused.status, limit).toBe(400);
        expect(refused.body, limit).toMatchObject({ error: { code: "BAD_REQUEST" } });
      }
    });

    it("GET /api/users/online lists each connected user once", async () => {
      const mike = await guest(server.url, "mike");
      const { users } = onlineUsersResponseSchema.parse((await http(server.url, "GET", "/api/users/online", { token: mike.token ?? "" })).body);
      expect(users.filter((u) => u.username === "mike")).toEqual([{ id: mike.user?.id, username: "mike" }]);
    });
  });

  describe("documentation", () => {
    it("the OpenAPI document describes every route a client needs", async () => {
      const answer = await http(server.url, "GET", "/api/openapi.json");
      expect(answer.status).toBe(200);
      const document = answer.body as { openapi: string; paths: Record<string, Record<string, unknown>> };
      expect(document.openapi).toMatch(/^3\./);
      const routes = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
      expect(routes).toEqual(
        expect.arrayContaining([
          "GET /api/users/online",
          "GET /api/messages",
          "GET /api/rooms/{name}",
          "POST /api/auth/register",
          "POST /api/auth/login",
          "POST /api/auth/guest",
          "POST /api/auth/logout",
          "GET /api/me",
          "GET /api/rooms",
          "POST /api/rooms",
          "POST /api/rooms/{name}/join",
          "POST /api/rooms/{name}/leave",
          "POST /api/rooms/{name}/messages",
        ]),
      );
    });

    it("the API documentation can be browsed at /api/docs", async () => {
      const response = await fetch(`${server.url}/api/docs`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/text\/html/);
      expect(await response.text()).toMatch(/swagger/i);
    });
  });
});
