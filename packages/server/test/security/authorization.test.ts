import { readFileSync } from "node:fs";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onEveryStore } from "../support/stores.js";
import type { RunningNatter } from "../support/server.js";
import { ack, call, connected, guestToken, rawSocket, refusedHandshake, registeredToken, type Answer } from "./support/api.js";
import { ghostOf, privateRoom, TINY_PNG, type Fixture } from "./support/fixtures.js";

/**
 * Who may do what, for every REST route the server documents and every socket event the protocol
 * declares. The routes come from the running server's /api/openapi.json and the events from
 * protocol/src/events.ts, so a route or event added later fails here until it is given a rule.
 */

/**
 * public: anyone; user: anyone signed in; member/author/owner: of the room; serverAdmin: nobody in this cast;
 * mailedToken: only the bearer of a token Natter mailed (or logged, for the first admin's setup), so a forged one is refused to everyone, signed in or not.
 * console: the admin console's routes, answered to everyone in this cast exactly as an address with no route.
 * browserLeg: single sign-on's legs, which anyone's browser opens: a redirect, never a session without the provider.
 * archiveOwner: only who asked for a "download my data" archive (the operator, outside the cast): anyone else is told there is none.
 */
type Scope =
  | "public"
  | "user"
  | "member"
  | "author"
  | "owner"
  | "serverAdmin"
  | "mailedToken"
  | "console"
  | "browserLeg"
  | "secretUrl"
  | "owned"
  | "registered"
  | "archiveOwner"
  | Issue17Scope;
/**
 * Issue 17. ticket: only the bearer of a log-in ticket (a forged one: 401 BAD_TICKET to everyone); noMail: anyone,
 * but this server sends no email, so everyone gets 400 EMAIL_DISABLED; code: signed in, and the code is refused
 * (400 when nothing is set up, 401 BAD_CODE when a setup is pending); ownSession: signed in, and an id that is not one of your sessions is not found.
 */
type Issue17Scope = "ticket" | "noMail" | "code" | "ownSession";
type Role = "anonymous" | "non-member" | "admin of another room" | "member" | "owner";
const ROLES: Role[] = ["anonymous", "non-member", "admin of another room", "member", "owner"];

interface Built {
  path: string;
  body?: unknown;
  raw?: Uint8Array;
  contentType?: string;
}
interface RouteRule {
  scope: Scope;
  build(room: Fixture, unique: string): Built;
  /** Ends or replaces the caller's session: run as a fresh account of that role's kind. */
  fresh?: "guest" | "registered";
}

const PASSWORD = "correct horse battery";
const thumbsUp = encodeURIComponent("👍");
/** A P-256 point and 16 auth bytes: a well-formed browser subscription's keys. */
const PUSH_KEYS = { p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 7)]).toString("base64url"), auth: Buffer.alloc(16, 1).toString("base64url") };

/** Console routes a moderator may use too (reports, room moderation); every other console route is for admins alone. */
const STAFF_ROUTES: readonly string[] = ["GET /api/admin/reports", "POST /api/admin/reports/{id}"];

const REST: Record<string, RouteRule> = {
  "POST /api/auth/register": { scope: "public", build: (_, u) => ({ path: "/api/auth/register", body: { username: `reg-${u}`, password: PASSWORD } }) },
  "POST /api/auth/login": { scope: "public", build: () => ({ path: "/api/auth/login", body: { username: "operator", password: PASSWORD } }) },
  "POST /api/auth/guest": { scope: "public", build: (_, u) => ({ path: "/api/auth/guest", body: { username: `guest-${u}` } }) },
  "POST /api/setup": {
    scope: "mailedToken",
    build: (_, u) => ({ path: "/api/setup", body: { token: `forged-${u}`, username: `setup-${u}`, password: PASSWORD } }),
  },
  "GET /api/limits": { scope: "public", build: () => ({ path: "/api/limits" }) },
  // Single sign-on (the matrix's server has no provider: both legs redirect back with SSO_DISABLED; with one, test/sso).
  "GET /api/auth/methods": { scope: "public", build: () => ({ path: "/api/auth/methods" }) },
  "GET /api/auth/sso/start": { scope: "browserLeg", build: () => ({ path: "/api/auth/sso/start" }) },
  "GET /api/auth/sso/callback": { scope: "browserLeg", build: (_, u) => ({ path: `/api/auth/sso/callback?code=forged-${u}&state=forged-${u}` }) },
  "POST /api/auth/logout": { scope: "user", fresh: "guest", build: () => ({ path: "/api/auth/logout" }) },
  "POST /api/me/password": {
    scope: "user",
    fresh: "registered",
    build: () => ({ path: "/api/me/password", body: { currentPassword: PASSWORD, newPassword: "another good password" } }),
  },
  "GET /api/me": { scope: "user", build: () => ({ path: "/api/me" }) },
  "PATCH /api/me": { scope: "user", build: () => ({ path: "/api/me", body: { status: "around" } }) },
  "PUT /api/me/availability": {
    scope: "user",
    build: () => ({ path: "/api/me/availability", body: { away: true, customStatus: { emoji: "🍜", text: "lunch", expiresAt: null } } }),
  },
  "GET /api/users/online": { scope: "user", build: () => ({ path: "/api/users/online" }) },
  "GET /api/users/{username}": { scope: "user", build: () => ({ path: "/api/users/bob" }) },
  "GET /api/admin/audit": { scope: "console", build: () => ({ path: "/api/admin/audit?limit=5" }) },
  // Who gets in and the people (issue 15): the console's routes, and the public ones beside them.
  "GET /api/admin/audit/export": { scope: "console", build: () => ({ path: "/api/admin/audit/export?limit=5" }) },
  "GET /api/admin/overview": { scope: "console", build: () => ({ path: "/api/admin/overview" }) },
  "GET /api/admin/settings": { scope: "console", build: () => ({ path: "/api/admin/settings" }) },
  "PATCH /api/admin/settings": { scope: "console", build: () => ({ path: "/api/admin/settings", body: { personalTokens: true } }) },
  "POST /api/admin/invites": { scope: "console", build: () => ({ path: "/api/admin/invites", body: { maxUses: 1, expiresInHours: 1 } }) },
  "GET /api/admin/invites": { scope: "console", build: () => ({ path: "/api/admin/invites" }) },
  "DELETE /api/admin/invites/{id}": { scope: "console", build: () => ({ path: "/api/admin/invites/1" }) },
  "GET /api/admin/users": { scope: "console", build: () => ({ path: "/api/admin/users?query=e" }) },
  "PATCH /api/admin/users/{username}": { scope: "console", build: () => ({ path: "/api/admin/users/erin", body: { role: "user" } }) },
  "POST /api/admin/users/{username}/reset-link": { scope: "console", build: () => ({ path: "/api/admin/users/operator/reset-link" }) },
  "POST /api/auth/reset-password": {
    scope: "mailedToken",
    build: (_, u) => ({ path: "/api/auth/reset-password", body: { token: `forged-${u}`, password: PASSWORD } }),
  },
  "POST /api/me/upgrade": { scope: "user", fresh: "guest", build: () => ({ path: "/api/me/upgrade", body: { password: PASSWORD } }) },
  "PUT /api/users/{username}/role": { scope: "serverAdmin", build: () => ({ path: "/api/users/bob/role", body: { role: "admin" } }) },
  "GET /api/rooms": { scope: "user", build: () => ({ path: "/api/rooms" }) },
  "POST /api/rooms": { scope: "user", build: (_, u) => ({ path: "/api/rooms", body: { name: `made-${u}` } }) },
  "POST /api/dms": { scope: "user", build: () => ({ path: "/api/dms", body: { usernames: ["erin"] } }) },
  "POST /api/uploads": { scope: "user", build: () => ({ path: "/api/uploads?name=up.png", raw: TINY_PNG, contentType: "image/png" }) },
  "GET /api/rooms/{name}": { scope: "member", build: (f) => ({ path: `/api/rooms/${f.room}` }) },
  "PATCH /api/rooms/{name}": { scope: "owner", build: (f) => ({ path: `/api/rooms/${f.room}`, body: { topic: "new topic" } }) },
  "POST /api/rooms/{name}/join": { scope: "member", build: (f) => ({ path: `/api/rooms/${f.room}/join` }) },
  "POST /api/rooms/{name}/leave": { scope: "member", build: (f) => ({ path: `/api/rooms/${f.room}/leave` }) },
  "GET /api/rooms/{name}/members": { scope: "member", build: (f) => ({ path: `/api/rooms/${f.room}/members` }) },
  "POST /api/rooms/{name}/members": { scope: "owner", build: (f) => ({ path: `/api/rooms/${f.room}/members`, body: { username: "erin" } }) },
  "DELETE /api/rooms/{name}/members/{username}": { scope: "owner", build: (f) => ({ path: `/api/rooms/${f.room}/members/bob` }) },
  "PATCH /api/rooms/{name}/members/{username}": { scope: "owner", build: (f) => ({ path: `/api/rooms/${f.room}/members/bob`, body: { role: "admin" } }) },
  "PUT /api/rooms/{name}/read": { scope: "member", build: (f) => ({ path: `/api/rooms/${f.room}/read`, body: { seq: 1 } }) },
  "PUT /api/rooms/{name}/unread": { scope: "member", build: (f) => ({ path: `/api/rooms/${f.room}/unread`, body: { seq: 1 } }) },
  "PUT /api/rooms/{name}/messages/{id}/thread/read": {
    scope: "member",
    build: (f) => ({ path: `/api/rooms/${f.room}/messages/${f.messageId}/thread/read`, body: { seq: 1 } }),
  },
  // Everyone signed in has a Mentions and a Threads view; what is in them is the test below.
  "GET /api/mentions": { scope: "user", build: () => ({ path: "/api/mentions" }) },
  "GET /api/threads": { scope: "user", build: () => ({ path: "/api/threads" }) },
  "PUT /api/rooms/{name}/notify": { scope: "member", build: (f) => ({ path: `/api/rooms/${f.room}/notify`, body: { level: "mentions" } }) },
  "GET /api/rooms/{name}/changes": { scope: "member", build: (f) => ({ path: `/api/rooms/${f.room}/changes?sinceRev=0` }) },
  "GET /api/messages": { scope: "member", build: (f) => ({ path: `/api/messages?room=${f.room}` }) },
  "POST /api/rooms/{name}/messages": {
    scope: "member",
    build: (f, u) => ({ path: `/api/rooms/${f.room}/messages`, body: { text: "hello", clientMsgId: `m-${u}` } }),
  },
  "PATCH /api/rooms/{name}/messages/{id}": {
    scope: "author",
    build: (f) => ({ path: `/api/rooms/${f.room}/messages/${f.messageId}`, body: { text: "edited" } }),
  },
  "DELETE /api/rooms/{name}/messages/{id}": { scope: "author", build: (f) => ({ path: `/api/rooms/${f.room}/messages/${f.messageId}` }) },
  "DELETE /api/rooms/{name}/messages/{id}/preview": { scope: "author", build: (f) => ({ path: `/api/rooms/${f.room}/messages/${f.messageId}/preview` }) },
  "GET /api/rooms/{name}/messages/{id}/thread": { scope: "member", build: (f) => ({ path: `/api/rooms/${f.room}/messages/${f.messageId}/thread` }) },
  "PUT /api/rooms/{name}/messages/{id}/reactions/{emoji}": {
    scope: "member",
    build: (f) => ({ path: `/api/rooms/${f.room}/messages/${f.messageId}/reactions/${thumbsUp}` }),
  },
  "DELETE /api/rooms/{name}/messages/{id}/reactions/{emoji}": {
    scope: "member",
    build: (f) => ({ path: `/api/rooms/${f.room}/messages/${f.messageId}/reactions/${thumbsUp}` }),
  },
  "GET /api/search": { scope: "member", build: (f) => ({ path: `/api/search?q=secret&room=${f.room}` }) },
  "GET /api/files/{id}/{name}": { scope: "member", build: (f) => ({ path: `/api/files/${f.fileId}/${f.fileName}` }) },
  "GET /api/push/key": { scope: "public", build: () => ({ path: "/api/push/key" }) },
  "POST /api/push/subscriptions": {
    scope: "user",
    build: (_, u) => ({ path: "/api/push/subscriptions", body: { endpoint: `https://push.example.com/${u}`, keys: PUSH_KEYS } }),
  },
  "DELETE /api/push/subscriptions": {
    scope: "user",
    build: (_, u) => ({ path: "/api/push/subscriptions", body: { endpoint: `https://push.example.com/${u}` } }),
  },
  "GET /api/me/notifications": { scope: "user", build: () => ({ path: "/api/me/notifications" }) },
  "PUT /api/me/notifications/keywords": { scope: "user", build: () => ({ path: "/api/me/notifications/keywords", body: { keywords: ["launch"] } }) },
  "PUT /api/me/email": { scope: "user", build: () => ({ path: "/api/me/email", body: { email: null } }) },
  "GET /api/email/verify": { scope: "mailedToken", build: (_, u) => ({ path: `/api/email/verify?token=forged-${u}-0123456789` }) },
  "GET /api/email/unsubscribe": { scope: "public", build: (_, u) => ({ path: `/api/email/unsubscribe?token=1.forged-${u}` }) },
  "POST /api/email/unsubscribe": { scope: "mailedToken", build: (_, u) => ({ path: `/api/email/unsubscribe?token=1.forged-${u}` }) },
  "GET /api/thumbnails/{id}": { scope: "member", build: (f) => ({ path: `/api/thumbnails/${f.fileId}` }) },
  // Rooms and moderation (issue 15); that moderators and admins do get through is security/moderation.test.ts.
  "DELETE /api/rooms/{name}": { scope: "owner", build: (f) => ({ path: `/api/rooms/${f.room}` }) },
  "GET /api/rooms/{name}/bans": { scope: "owner", build: (f) => ({ path: `/api/rooms/${f.room}/bans` }) },
  "POST /api/rooms/{name}/bans": { scope: "owner", build: (f) => ({ path: `/api/rooms/${f.room}/bans`, body: { username: "erin" } }) },
  "DELETE /api/rooms/{name}/bans/{username}": { scope: "owner", build: (f) => ({ path: `/api/rooms/${f.room}/bans/erin` }) },
  "POST /api/messages/{id}/reports": { scope: "member", build: (f, u) => ({ path: `/api/messages/${f.messageId}/reports`, body: { reason: `spam ${u}` } }) },
  "GET /api/admin/reports": { scope: "console", build: () => ({ path: "/api/admin/reports" }) },
  "POST /api/admin/reports/{id}": { scope: "console", build: () => ({ path: "/api/admin/reports/1", body: { action: "dismiss" } }) },
  "GET /api/admin/rooms": { scope: "console", build: () => ({ path: "/api/admin/rooms?query=vault" }) },
  // Issue 17: two-factor log-in, password reset, sessions.
  "POST /api/auth/login/code": {
    scope: "ticket",
    build: (_, u) => ({ path: "/api/auth/login/code", body: { ticket: `forged-${u}-0123456789`, code: "123456" } }),
  },
  "POST /api/auth/login/enroll": { scope: "ticket", build: (_, u) => ({ path: "/api/auth/login/enroll", body: { ticket: `forged-${u}-0123456789` } }) },
  "POST /api/auth/forgot": { scope: "noMail", build: (_, u) => ({ path: "/api/auth/forgot", body: { email: `${u}@example.com` } }) },
  "GET /api/me/two-factor": { scope: "user", build: () => ({ path: "/api/me/two-factor" }) },
  "POST /api/me/two-factor/setup": { scope: "user", build: () => ({ path: "/api/me/two-factor/setup" }) },
  "POST /api/me/two-factor/confirm": { scope: "code", build: () => ({ path: "/api/me/two-factor/confirm", body: { code: "123456" } }) },
  "POST /api/me/two-factor/disable": { scope: "code", build: () => ({ path: "/api/me/two-factor/disable", body: { code: "123456" } }) },
  "GET /api/me/sessions": { scope: "user", build: () => ({ path: "/api/me/sessions" }) },
  "DELETE /api/me/sessions/{id}": { scope: "ownSession", build: (_, u) => ({ path: `/api/me/sessions/not-${u}` }) },
  "DELETE /api/me/sessions": { scope: "user", build: () => ({ path: "/api/me/sessions" }) },
  // Custom emoji: everyone signed in lists them and draws one (none exists here: not found); admins add and delete.
  "GET /api/emoji": { scope: "user", build: () => ({ path: "/api/emoji" }) },
  "GET /api/emoji/{name}": { scope: "owned", build: () => ({ path: "/api/emoji/party_parrot" }) },
  "POST /api/admin/emoji": { scope: "console", build: (_, u) => ({ path: `/api/admin/emoji?name=e-${u}`, raw: TINY_PNG, contentType: "image/png" }) },
  "DELETE /api/admin/emoji/{name}": { scope: "console", build: () => ({ path: "/api/admin/emoji/party_parrot" }) },
  "POST /api/admin/imports": { scope: "console", build: () => ({ path: "/api/admin/imports", raw: TINY_PNG, contentType: "application/zip" }) },
  "GET /api/admin/imports/{id}": { scope: "console", build: () => ({ path: "/api/admin/imports/some-job" }) },
  // Integrations (issue 16). secretUrl: only the bearer of a hook's or response's secret URL (a forged one is not found);
  // owned: only its maker (nobody in this cast made the id asked for); registered: accounts, not guests (the whole cast).
  "GET /api/rooms/{name}/hooks": { scope: "owner", build: (f) => ({ path: `/api/rooms/${f.room}/hooks` }) },
  "POST /api/rooms/{name}/hooks": { scope: "owner", build: (f) => ({ path: `/api/rooms/${f.room}/hooks`, body: { name: "CI" } }) },
  "POST /api/rooms/{name}/hooks/{id}/rotate": { scope: "owner", build: (f) => ({ path: `/api/rooms/${f.room}/hooks/${f.hookId}/rotate` }) },
  "DELETE /api/rooms/{name}/hooks/{id}": { scope: "owner", build: (f) => ({ path: `/api/rooms/${f.room}/hooks/${f.hookId}` }) },
  "POST /hooks/{id}/{secret}": { scope: "secretUrl", build: (f, u) => ({ path: `/hooks/${f.hookId}/forged-${u}`, body: { text: "hi" } }) },
  "POST /hooks/responses/{id}/{secret}": { scope: "secretUrl", build: (_, u) => ({ path: `/hooks/responses/1/forged-${u}`, body: { text: "hi" } }) },
  "GET /api/tokens": { scope: "user", build: () => ({ path: "/api/tokens" }) },
  "POST /api/tokens": { scope: "registered", build: (_, u) => ({ path: "/api/tokens", body: { name: `t-${u}`, scopes: ["read"] } }) },
  "DELETE /api/tokens/{id}": { scope: "owned", build: () => ({ path: "/api/tokens/999999" }) },
  "GET /api/bots": { scope: "serverAdmin", build: () => ({ path: "/api/bots" }) },
  "POST /api/bots": { scope: "serverAdmin", build: (_, u) => ({ path: "/api/bots", body: { username: `bot-${u}` } }) },
  "GET /api/outgoing-hooks": { scope: "user", build: () => ({ path: "/api/outgoing-hooks" }) },
  "POST /api/outgoing-hooks": { scope: "owner", build: (f) => ({ path: "/api/outgoing-hooks", body: { room: f.room, url: "https://hooks.example.com/in" } }) },
  "DELETE /api/outgoing-hooks/{id}": { scope: "owned", build: () => ({ path: "/api/outgoing-hooks/999999" }) },
  "POST /api/outgoing-hooks/{id}/rotate": { scope: "owned", build: () => ({ path: "/api/outgoing-hooks/999999/rotate" }) },
  "GET /api/outgoing-hooks/{id}/deliveries": { scope: "owned", build: () => ({ path: "/api/outgoing-hooks/999999/deliveries" }) },
  "GET /api/commands": { scope: "user", build: () => ({ path: "/api/commands" }) },
  "POST /api/commands": {
    scope: "serverAdmin",
    build: () => ({ path: "/api/commands", body: { command: "/deploy", url: "https://example.com/c", description: "x" } }),
  },
  "DELETE /api/commands/{id}": { scope: "serverAdmin", build: () => ({ path: "/api/commands/1" }) },
  "POST /api/rooms/{name}/commands": { scope: "member", build: (f) => ({ path: `/api/rooms/${f.room}/commands`, body: { command: "/me", text: "waves" } }) },
  "PUT /api/rooms/{name}/retention": { scope: "serverAdmin", build: (f) => ({ path: `/api/rooms/${f.room}/retention`, body: { days: 30 } }) },
  "POST /api/me/data-exports": { scope: "user", build: () => ({ path: "/api/me/data-exports" }) },
  "GET /api/me/data-exports/{id}": { scope: "archiveOwner", build: () => ({ path: `/api/me/data-exports/${operatorArchive.id}` }) },
  "GET /api/me/data-exports/{id}/download": { scope: "archiveOwner", build: () => ({ path: `/api/me/data-exports/${operatorArchive.id}/download` }) },
  "DELETE /api/me": { scope: "user", fresh: "registered", build: () => ({ path: "/api/me", body: { password: PASSWORD } }) },
  // Identity and people (issue 19): anyone signed in sees anyone's picture and the directory, and sets their own picture.
  "PUT /api/me/avatar": { scope: "user", build: () => ({ path: "/api/me/avatar?x=0&y=0&size=1", raw: TINY_PNG, contentType: "image/png" }) },
  "DELETE /api/me/avatar": { scope: "user", build: () => ({ path: "/api/me/avatar" }) },
  "GET /api/avatars/{id}/{version}": { scope: "user", build: () => ({ path: operatorAvatar.path }) },
  "GET /api/people": { scope: "user", build: () => ({ path: "/api/people?query=e&limit=5" }) },
  "GET /api/people/by-id": { scope: "user", build: () => ({ path: "/api/people/by-id?ids=1,2" }) },
  // Issue 19: the directory lists public rooms to anyone signed in; that private ones never show is the test below.
  "GET /api/directory/rooms": { scope: "user", build: () => ({ path: "/api/directory/rooms?q=vault" }) },
  // Pins are any member's to make and undo; saved messages are each person's own, of messages they may read.
  "GET /api/rooms/{name}/pins": { scope: "member", build: (f) => ({ path: `/api/rooms/${f.room}/pins` }) },
  "PUT /api/rooms/{name}/messages/{id}/pin": { scope: "member", build: (f) => ({ path: `/api/rooms/${f.room}/messages/${f.messageId}/pin` }) },
  "DELETE /api/rooms/{name}/messages/{id}/pin": { scope: "member", build: (f) => ({ path: `/api/rooms/${f.room}/messages/${f.messageId}/pin` }) },
  "GET /api/me/saved": { scope: "user", build: () => ({ path: "/api/me/saved" }) },
  "PUT /api/me/saved/{id}": { scope: "member", build: (f) => ({ path: `/api/me/saved/${f.messageId}` }) },
  "DELETE /api/me/saved/{id}": { scope: "member", build: (f) => ({ path: `/api/me/saved/${f.messageId}` }) },
};

/** The operator's picture, set before the matrix runs. */
const operatorAvatar = { path: "/api/avatars/1/none" };

/** The operator's own "download my data" archive, asked for before the matrix runs. */
const operatorArchive = { id: "00000000-0000-0000-0000-000000000000" };

interface EventRule {
  /** user: about the connection itself, no room; everyone connected may. */
  scope: "user" | "member" | "author";
  payload(room: Fixture, unique: string): unknown;
}

const EVENTS: Record<string, EventRule> = {
  join: { scope: "member", payload: (f) => ({ room: f.room }) },
  leave_room: { scope: "member", payload: (f) => ({ room: f.room }) },
  send_message: { scope: "member", payload: (f, u) => ({ room: f.room, text: "hi", clientMsgId: `s-${u}` }) },
  typing: { scope: "member", payload: (f) => ({ room: f.room, typing: true }) },
  history: { scope: "member", payload: (f) => ({ room: f.room }) },
  edit_message: { scope: "author", payload: (f) => ({ room: f.room, id: f.messageId, text: "edited" }) },
  delete_message: { scope: "author", payload: (f) => ({ room: f.room, id: f.messageId }) },
  react: { scope: "member", payload: (f) => ({ room: f.room, id: f.messageId, emoji: "👍", on: true }) },
  thread: { scope: "member", payload: (f) => ({ room: f.room, id: f.messageId }) },
  mark_read: { scope: "member", payload: (f) => ({ room: f.room, seq: 1 }) },
  activity: { scope: "user", payload: () => ({ idle: true }) },
};

/** The events a client may send, read from the protocol's ClientToServerEvents. */
function declaredSocketEvents(): string[] {
  const source = readFileSync(new URL("../../../protocol/src/events.ts", import.meta.url), "utf8");
  const block = source.match(/interface ClientToServerEvents \{([\s\S]*?)\n\}/)?.[1] ?? "";
  return [...block.matchAll(/^\s+(\w+):/gm)].flatMap((match) => (match[1] ? [match[1]] : []));
}

async function documentedRoutes(url: string): Promise<string[]> {
  const document = (await call(url, { method: "GET", path: "/api/openapi.json" })).body as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
}

/** What may differ between a hidden room and a missing one: only the names asked for. */
function normalized(value: unknown, asked: Fixture): string {
  return JSON.stringify(value).replaceAll(asked.room, "<room>").replaceAll(asked.fileId, "<file>");
}

/** Every route times five people (a fresh private room each): past a minute on a loaded machine with two stores. */
const MATRIX_TIMEOUT_MS = 180_000;

const ok = (status: number) => status >= 200 && status < 300;
const codeOf = (answer: Answer) => (answer.body as { error?: { code?: string } } | null)?.error?.code;

onEveryStore((store, start) => {
  describe(`on ${store}, a private room is invisible to everyone outside it`, () => {
    let server: RunningNatter;
    let done: () => Promise<void>;
    const tokens = new Map<Role, string>();
    let counter = 0;
    const unique = () => `${store.slice(0, 2).toLowerCase()}${++counter}`;

    beforeAll(async () => {
      ({ server, done } = await start());
      const url = server.url;
      // The first registered account administers the server; it stays out of the cast.
      const operator = await registeredToken(url, "operator", PASSWORD);
      const archive = await call(url, { method: "POST", path: "/api/me/data-exports", token: operator });
      operatorArchive.id = (archive.body as { export: { id: string } }).export.id;
      const avatar = await call(url, { method: "PUT", path: "/api/me/avatar", token: operator, raw: TINY_PNG, contentType: "image/png" });
      operatorAvatar.path = (avatar.body as { user: { avatarUrl: string } }).user.avatarUrl;
      tokens.set("owner", await guestToken(url, "alice"));
      tokens.set("member", await guestToken(url, "bob"));
      tokens.set("non-member", await guestToken(url, "carol"));
      tokens.set("admin of another room", await guestToken(url, "dave"));
      await guestToken(url, "erin");
      await call(url, { method: "POST", path: "/api/rooms", token: tokens.get("admin of another room"), body: { name: "daves-room", private: true } });
    });
    afterAll(() => done());

    async function tokenFor(role: Role, rule: RouteRule): Promise<string | undefined> {
      if (role === "anonymous") return undefined;
      if (rule.fresh === "guest") return guestToken(server.url, `fresh-${unique()}`);
      if (rule.fresh === "registered") return registeredToken(server.url, `fresh-${unique()}`, PASSWORD);
      return tokens.get(role);
    }

    function expectation(
      role: Role,
      scope: Scope,
    ): "ok" | "unauthorized" | "forbidden" | "as if missing" | "refused token" | "no route" | "redirect" | "not found" | "any" | Issue17Scope {
      if (scope === "mailedToken") return "refused token";
      if (scope === "console") return "no route";
      if (scope === "browserLeg") return "redirect";
      if (scope === "ticket" || scope === "noMail") return scope;
      if ((scope === "code" || scope === "ownSession") && role !== "anonymous") return scope;
      if (scope === "secretUrl") return "not found";
      if (scope === "archiveOwner") return role === "anonymous" ? "unauthorized" : "not found";
      if (scope === "public") return role === "anonymous" ? "ok" : "any";
      if (role === "anonymous") return "unauthorized";
      if (scope === "serverAdmin" || scope === "registered") return "forbidden";
      if (scope === "owned") return "not found";
      if (scope === "user") return "ok";
      if (role === "non-member" || role === "admin of another room") return "as if missing";
      if (role === "member" && scope !== "member") return "forbidden";
      return "ok";
    }

    it(
      "every documented REST route answers each of the five people only as their role allows",
      async () => {
        const routes = await documentedRoutes(server.url);
        expect(
          routes.filter((route) => !(route in REST)),
          "routes without a rule in this matrix",
        ).toEqual([]);
        const wrong: string[] = [];
        let tried = 0;
        for (const route of routes) {
          const rule = REST[route];
          if (!rule) continue;
          const method = route.split(" ")[0] ?? "GET";
          const fixture = await privateRoom(server.url, tokens.get("owner") ?? "", `vault-${unique()}`);
          const ghost = ghostOf(fixture);
          for (const role of ROLES) {
            const expected = expectation(role, rule.scope);
            const token = await tokenFor(role, rule);
            const built = rule.build(fixture, unique());
            const answer = await call(server.url, { method, token, ...built });
            tried++;
            const seen = `${route} as ${role}: expected ${expected}, got ${answer.status} ${JSON.stringify(answer.body).slice(0, 160)}`;
            if (answer.status >= 500) wrong.push(seen);
            else if (expected === "ok" && !ok(answer.status)) wrong.push(seen);
            else if (expected === "unauthorized" && (answer.status !== 401 || codeOf(answer) !== "UNAUTHORIZED")) wrong.push(seen);
            else if (expected === "forbidden" && (answer.status !== 403 || codeOf(answer) !== "FORBIDDEN")) wrong.push(seen);
            else if (expected === "refused token" && answer.status !== 400) wrong.push(seen);
            else if (expected === "ticket" && (answer.status !== 401 || codeOf(answer) !== "BAD_TICKET")) wrong.push(seen);
            else if (expected === "noMail" && (answer.status !== 400 || codeOf(answer) !== "EMAIL_DISABLED")) wrong.push(seen);
            else if (expected === "code" && !["400 BAD_REQUEST", "401 BAD_CODE"].includes(`${answer.status} ${codeOf(answer)}`)) wrong.push(seen);
            else if (expected === "ownSession" && (answer.status !== 404 || codeOf(answer) !== "NOT_FOUND")) wrong.push(seen);
            else if (expected === "not found" && (answer.status !== 404 || codeOf(answer) !== "NOT_FOUND")) wrong.push(seen);
            else if (expected === "redirect" && (answer.status !== 302 || /natter_session=[^;]/.test(answer.headers.get("set-cookie") ?? ""))) wrong.push(seen);
            else if (expected === "no route") {
              const nowhere = await call(server.url, { method, token, ...built, path: "/api/no-such-route" });
              const path = built.path.split("?")[0] ?? "";
              const same =
                answer.status === nowhere.status &&
                JSON.stringify(answer.body).replaceAll(path, "<path>") === JSON.stringify(nowhere.body).replaceAll("/api/no-such-route", "<path>");
              if (!same) wrong.push(`${seen}; for no route: ${nowhere.status} ${JSON.stringify(nowhere.body)}`);
            } else if (expected === "as if missing") {
              const missing = await call(server.url, { method, token, ...rule.build(ghost, unique()) });
              const same = answer.status === missing.status && normalized(answer.body, fixture) === normalized(missing.body, ghost);
              if (ok(answer.status) || !same) wrong.push(`${seen}; for a missing one: ${missing.status} ${JSON.stringify(missing.body)}`);
            }
          }
        }
        expect(wrong).toEqual([]);
        expect(tried).toBe(routes.length * ROLES.length);
      },
      MATRIX_TIMEOUT_MS,
    );

    it("the console's routes let a server admin through, and a moderator only through the staff ones", async () => {
      const { domain } = server.natter;
      const adminToken = await registeredToken(server.url, `console-admin-${unique()}`, PASSWORD);
      const moderatorToken = await registeredToken(server.url, `console-mod-${unique()}`, PASSWORD);
      for (const [token, role] of [
        [adminToken, "admin"],
        [moderatorToken, "moderator"],
      ] as const) {
        const me = await call(server.url, { method: "GET", path: "/api/me", token });
        await domain.store.updateUser((me.body as { user: { id: number } }).user.id, { role });
      }
      const staffRoutes = new Set<string>(STAFF_ROUTES);
      const wrong: string[] = [];
      for (const [route, rule] of Object.entries(REST).filter(([, rule]) => rule.scope === "console")) {
        const method = route.split(" ")[0] ?? "GET";
        const built = rule.build(await privateRoom(server.url, tokens.get("owner") ?? "", `vault-${unique()}`), unique());
        const nowhere = await call(server.url, { method, token: adminToken, ...built, path: "/api/no-such-route" });
        for (const [who, token] of [
          ["admin", adminToken],
          ["moderator", moderatorToken],
        ] as const) {
          const answer = await call(server.url, { method, token, ...built });
          const hidden = answer.status === 404 && codeOf(answer) === codeOf(nowhere) && JSON.stringify(answer.body).includes("No route ");
          const shouldPass = who === "admin" || staffRoutes.has(route);
          if (answer.status >= 500 || hidden === shouldPass) wrong.push(`${route} as ${who}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 160)}`);
        }
      }
      expect(wrong).toEqual([]);
    });

    it(
      "every socket event of the protocol answers each person only as their role allows, and nobody is connected anonymously",
      async () => {
        const events = declaredSocketEvents();
        expect(events.length).toBeGreaterThan(5);
        expect(
          events.filter((event) => !(event in EVENTS)),
          "events without a rule in this matrix",
        ).toEqual([]);

        const anonymous = await refusedHandshake(rawSocket(server.url, {}));
        expect(anonymous.code).toBe("UNAUTHORIZED");

        const sockets = new Map<Role, Socket>();
        const overheard: string[] = [];
        for (const role of ROLES.filter((r) => r !== "anonymous")) {
          const socket = rawSocket(server.url, { token: tokens.get(role) });
          await connected(socket);
          if (role === "non-member" || role === "admin of another room")
            socket.onAny((event: string, ...args: unknown[]) => overheard.push(`${role} heard ${event} ${JSON.stringify(args)}`));
          sockets.set(role, socket);
        }
        try {
          const wrong: string[] = [];
          for (const event of events) {
            const rule = EVENTS[event];
            if (!rule) continue;
            const fixture = await privateRoom(server.url, tokens.get("owner") ?? "", `vault-${unique()}`);
            const ghost = ghostOf(fixture);
            for (const [role, socket] of sockets) {
              const answer = (await ack(socket, event, rule.payload(fixture, unique()))) as { ok: boolean; error?: { code: string } };
              const seen = `${event} as ${role}: ${JSON.stringify(answer).slice(0, 160)}`;
              if (rule.scope === "user") {
                if (!answer.ok) wrong.push(seen);
              } else if (role === "non-member" || role === "admin of another room") {
                const missing = await ack(socket, event, rule.payload(ghost, unique()));
                if (answer.ok || normalized(answer, fixture) !== normalized(missing, ghost))
                  wrong.push(`${seen}; for a missing room: ${JSON.stringify(missing)}`);
              } else if (role === "member" && rule.scope === "author") {
                if (answer.ok || answer.error?.code !== "FORBIDDEN") wrong.push(seen);
              } else if (!answer.ok) wrong.push(seen);
            }
          }
          expect(wrong).toEqual([]);
          // Nothing said in the private rooms reached the people outside them.
          expect(overheard.filter((line) => line.includes("vault-"))).toEqual([]);
        } finally {
          for (const socket of sockets.values()) socket.close();
        }
      },
      MATRIX_TIMEOUT_MS,
    );

    it("the room list, directory and search of someone outside a private room do not mention it", async () => {
      const fixture = await privateRoom(server.url, tokens.get("owner") ?? "", `vault-${unique()}`);
      for (const role of ["non-member", "admin of another room"] as const) {
        const token = tokens.get(role);
        const rooms = await call(server.url, { method: "GET", path: "/api/rooms", token });
        const search = await call(server.url, { method: "GET", path: "/api/search?q=secret", token });
        const online = await call(server.url, { method: "GET", path: "/api/users/online", token });
        const directory = await call(server.url, { method: "GET", path: "/api/directory/rooms?q=vault", token });
        expect(rooms.status).toBe(200);
        expect(search.status).toBe(200);
        expect(directory.status).toBe(200);
        for (const answer of [rooms, search, online, directory]) expect(JSON.stringify(answer.body)).not.toContain(fixture.room);
        expect((search.body as { results: unknown[] }).results).toEqual([]);
      }
      const member = await call(server.url, { method: "GET", path: "/api/search?q=secret", token: tokens.get("member") });
      expect(JSON.stringify(member.body)).toContain(fixture.room);
    });

    it("mentions and threads of a private room reach its members' views and nobody else's, not even someone mentioned by name", async () => {
      const fixture = await privateRoom(server.url, tokens.get("owner") ?? "", `vault-${unique()}`);
      const say = (text: string, extra: object = {}) =>
        call(server.url, {
          method: "POST",
          path: `/api/rooms/${fixture.room}/messages`,
          token: tokens.get("owner"),
          body: { text, clientMsgId: `say-${unique()}`, ...extra },
        });
      expect((await say("@bob @carol @dave @all look")).status).toBe(201);
      expect((await say("@bob @carol in the thread", { replyTo: fixture.messageId, inRoom: false })).status).toBe(201);
      for (const role of ["non-member", "admin of another room"] as const) {
        for (const path of ["/api/mentions", "/api/threads"]) {
          const answer = await call(server.url, { method: "GET", path, token: tokens.get(role) });
          expect(answer.status).toBe(200);
          expect(JSON.stringify(answer.body)).not.toContain(fixture.room);
        }
      }
      const mentions = await call(server.url, { method: "GET", path: "/api/mentions", token: tokens.get("member") });
      const threads = await call(server.url, { method: "GET", path: "/api/threads", token: tokens.get("member") });
      expect(JSON.stringify(mentions.body)).toContain(fixture.room);
      expect(JSON.stringify(threads.body)).toContain(fixture.room);
    });
  });
});
