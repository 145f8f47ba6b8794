import { z } from "zod";
import * as catchUp from "./catchUp.js";
import * as lifecycle from "./dataLifecycle.js";
import { limitsResponseSchema } from "./limits.js";
import * as notices from "./notifications.js";
import * as rest from "./rest.js";

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** One REST route: what it takes and what it answers on success. Refusals are `errorResponseSchema` (errors.ts). */
export interface Route {
  method: Method;
  /** Fastify's syntax: `:name` is a path parameter. */
  path: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  status: 200 | 201;
  /** The success body; null for a file's bytes. */
  response: z.ZodType | null;
}

const route = <const R extends Route>(spec: R): R => spec;
const memberResponseSchema = z.object({ member: rest.memberSchema });

/**
 * Every REST route, once: the server serves each from here and the SDK calls it from here, so a path or
 * a reply's shape cannot differ between them. The OpenAPI document at /api/openapi.json is made from it.
 */
export const routes = {
  register: route({ method: "POST", path: "/api/auth/register", body: rest.registerBodySchema, status: 201, response: rest.authResponseSchema }),
  setup: route({ method: "POST", path: "/api/setup", body: rest.setupBodySchema, status: 201, response: rest.authResponseSchema }),
  login: route({ method: "POST", path: "/api/auth/login", body: rest.loginBodySchema, status: 200, response: rest.authResponseSchema }),
  guest: route({ method: "POST", path: "/api/auth/guest", body: rest.guestBodySchema, status: 201, response: rest.authResponseSchema }),
  logout: route({ method: "POST", path: "/api/auth/logout", status: 200, response: rest.okResponseSchema }),
  changePassword: route({ method: "POST", path: "/api/me/password", body: rest.changePasswordBodySchema, status: 200, response: rest.authResponseSchema }),
  me: route({ method: "GET", path: "/api/me", status: 200, response: rest.meResponseSchema }),
  setAvailability: route({
    method: "PUT",
    path: "/api/me/availability",
    body: rest.setAvailabilityBodySchema,
    status: 200,
    response: rest.availabilityResponseSchema,
  }),
  updateMe: route({ method: "PATCH", path: "/api/me", body: rest.updateMeBodySchema, status: 200, response: rest.meResponseSchema }),

  /** Public: what this server accepts, from the settings that enforce it. */
  limits: route({ method: "GET", path: "/api/limits", status: 200, response: limitsResponseSchema }),

  rooms: route({ method: "GET", path: "/api/rooms", status: 200, response: rest.roomsResponseSchema }),
  createRoom: route({ method: "POST", path: "/api/rooms", body: rest.createRoomBodySchema, status: 201, response: rest.roomResponseSchema }),
  roomInfo: route({ method: "GET", path: "/api/rooms/:name", params: rest.roomParamsSchema, status: 200, response: rest.roomInfoResponseSchema }),
  updateRoom: route({
    method: "PATCH",
    path: "/api/rooms/:name",
    params: rest.roomParamsSchema,
    body: rest.updateRoomBodySchema,
    status: 200,
    response: rest.roomResponseSchema,
  }),
  joinRoom: route({ method: "POST", path: "/api/rooms/:name/join", params: rest.roomParamsSchema, status: 200, response: rest.roomInfoResponseSchema }),
  leaveRoom: route({ method: "POST", path: "/api/rooms/:name/leave", params: rest.roomParamsSchema, status: 200, response: rest.okResponseSchema }),
  members: route({ method: "GET", path: "/api/rooms/:name/members", params: rest.roomParamsSchema, status: 200, response: rest.membersResponseSchema }),
  invite: route({
    method: "POST",
    path: "/api/rooms/:name/members",
    params: rest.roomParamsSchema,
    body: rest.inviteBodySchema,
    status: 201,
    response: memberResponseSchema,
  }),
  removeMember: route({
    method: "DELETE",
    path: "/api/rooms/:name/members/:username",
    params: rest.memberParamsSchema,
    status: 200,
    response: rest.okResponseSchema,
  }),
  setMemberRole: route({
    method: "PATCH",
    path: "/api/rooms/:name/members/:username",
    params: rest.memberParamsSchema,
    body: rest.memberRoleBodySchema,
    status: 200,
    response: rest.okResponseSchema,
  }),
  markRead: route({
    method: "PUT",
    path: "/api/rooms/:name/read",
    params: rest.roomParamsSchema,
    body: rest.readBodySchema,
    status: 200,
    response: rest.readBodySchema,
  }),
  /** "Mark unread from here": the one way to move a read position back. */
  markUnread: route({
    method: "PUT",
    path: "/api/rooms/:name/unread",
    params: rest.roomParamsSchema,
    body: catchUp.markUnreadBodySchema,
    status: 200,
    response: catchUp.readStateSchema,
  }),
  setNotify: route({
    method: "PUT",
    path: "/api/rooms/:name/notify",
    params: rest.roomParamsSchema,
    body: rest.notifyBodySchema,
    status: 200,
    response: rest.okResponseSchema,
  }),
  changes: route({
    method: "GET",
    path: "/api/rooms/:name/changes",
    params: rest.roomParamsSchema,
    query: rest.changesQuerySchema,
    status: 200,
    response: rest.changesResponseSchema,
  }),
  openDirect: route({ method: "POST", path: "/api/dms", body: rest.directBodySchema, status: 200, response: rest.roomResponseSchema }),

  history: route({ method: "GET", path: "/api/messages", query: rest.historyQuerySchema, status: 200, response: rest.historyResponseSchema }),
  sendMessage: route({
    method: "POST",
    path: "/api/rooms/:name/messages",
    params: rest.roomParamsSchema,
    body: rest.sendMessageBodySchema,
    status: 201,
    response: rest.messageResponseSchema,
  }),
  editMessage: route({
    method: "PATCH",
    path: "/api/rooms/:name/messages/:id",
    params: rest.messageParamsSchema,
    body: rest.editMessageBodySchema,
    status: 200,
    response: rest.messageResponseSchema,
  }),
  deleteMessage: route({
    method: "DELETE",
    path: "/api/rooms/:name/messages/:id",
    params: rest.messageParamsSchema,
    status: 200,
    response: rest.messageResponseSchema,
  }),
  thread: route({
    method: "GET",
    path: "/api/rooms/:name/messages/:id/thread",
    params: rest.messageParamsSchema,
    status: 200,
    response: rest.threadResponseSchema,
  }),
  markThreadRead: route({
    method: "PUT",
    path: "/api/rooms/:name/messages/:id/thread/read",
    params: rest.messageParamsSchema,
    body: rest.readBodySchema,
    status: 200,
    response: rest.readBodySchema,
  }),
  mentions: route({ method: "GET", path: "/api/mentions", query: catchUp.mentionsQuerySchema, status: 200, response: catchUp.mentionsResponseSchema }),
  threads: route({ method: "GET", path: "/api/threads", query: catchUp.threadsQuerySchema, status: 200, response: catchUp.threadsResponseSchema }),
  addReaction: route({
    method: "PUT",
    path: "/api/rooms/:name/messages/:id/reactions/:emoji",
    params: rest.reactionParamsSchema,
    status: 200,
    response: rest.messageResponseSchema,
  }),
  removeReaction: route({
    method: "DELETE",
    path: "/api/rooms/:name/messages/:id/reactions/:emoji",
    params: rest.reactionParamsSchema,
    status: 200,
    response: rest.messageResponseSchema,
  }),

  onlineUsers: route({ method: "GET", path: "/api/users/online", status: 200, response: rest.onlineUsersResponseSchema }),
  profile: route({ method: "GET", path: "/api/users/:username", params: rest.userParamsSchema, status: 200, response: rest.profileResponseSchema }),
  setServerRole: route({
    method: "PUT",
    path: "/api/users/:username/role",
    params: rest.userParamsSchema,
    body: rest.serverRoleBodySchema,
    status: 200,
    response: rest.meResponseSchema,
  }),
  search: route({ method: "GET", path: "/api/search", query: rest.searchQuerySchema, status: 200, response: rest.searchResponseSchema }),

  /** Public: the VAPID key browsers subscribe with. */
  pushKey: route({ method: "GET", path: "/api/push/key", status: 200, response: notices.pushKeyResponseSchema }),
  subscribePush: route({
    method: "POST",
    path: "/api/push/subscriptions",
    body: notices.pushSubscriptionBodySchema,
    status: 201,
    response: rest.okResponseSchema,
  }),
  unsubscribePush: route({
    method: "DELETE",
    path: "/api/push/subscriptions",
    body: notices.pushUnsubscribeBodySchema,
    status: 200,
    response: rest.okResponseSchema,
  }),
  notificationSettings: route({ method: "GET", path: "/api/me/notifications", status: 200, response: notices.notificationSettingsSchema }),
  setKeywords: route({
    method: "PUT",
    path: "/api/me/notifications/keywords",
    body: notices.keywordsBodySchema,
    status: 200,
    response: notices.notificationSettingsSchema,
  }),

  setEmail: route({ method: "PUT", path: "/api/me/email", body: notices.emailBodySchema, status: 200, response: notices.notificationSettingsSchema }),
  /** Public, opened from the mailed link: the token proves the address, once. Answers a page. */
  verifyEmail: route({ method: "GET", path: "/api/email/verify", query: notices.emailTokenQuerySchema, status: 200, response: null }),
  /** Public: a page with the button that unsubscribes (a link alone must not, as mail scanners open links). */
  unsubscribePage: route({ method: "GET", path: "/api/email/unsubscribe", query: notices.emailTokenQuerySchema, status: 200, response: null }),
  /** Public and one-click (RFC 8058): the signed token says whose emails stop. Answers a page. */
  unsubscribeEmail: route({ method: "POST", path: "/api/email/unsubscribe", query: notices.emailTokenQuerySchema, status: 200, response: null }),

  /** The body is the file's bytes, of any Content-Type: the server decides the type from them. */
  upload: route({ method: "POST", path: "/api/uploads", query: rest.uploadQuerySchema, status: 201, response: rest.uploadResponseSchema }),
  file: route({ method: "GET", path: "/api/files/:id/:name", params: rest.fileParamsSchema, status: 200, response: null }),
  thumbnail: route({ method: "GET", path: "/api/thumbnails/:id", params: rest.thumbnailParamsSchema, status: 200, response: null }),

  /** Server admins: how long the room keeps its history (docs/admin.md, retention). */
  setRoomRetention: route({
    method: "PUT",
    path: "/api/rooms/:name/retention",
    params: rest.roomParamsSchema,
    body: lifecycle.roomRetentionBodySchema,
    status: 200,
    response: lifecycle.roomRetentionResponseSchema,
  }),
  /** "Download my data": starts preparing the archive; `data_export_ready` says when it can be fetched. */
  requestDataExport: route({ method: "POST", path: "/api/me/data-exports", status: 201, response: lifecycle.dataExportResponseSchema }),
  dataExport: route({
    method: "GET",
    path: "/api/me/data-exports/:id",
    params: lifecycle.dataExportParamsSchema,
    status: 200,
    response: lifecycle.dataExportResponseSchema,
  }),
  /** The zip itself, to its owner only, until it expires. */
  downloadDataExport: route({
    method: "GET",
    path: "/api/me/data-exports/:id/download",
    params: lifecycle.dataExportParamsSchema,
    status: 200,
    response: null,
  }),
  /** Ends every session; the admin's DELETED_ACCOUNT_MESSAGES says whether the messages stay (as "deleted user"). */
  deleteAccount: route({ method: "DELETE", path: "/api/me", body: lifecycle.deleteAccountBodySchema, status: 200, response: rest.okResponseSchema }),
} as const;

export type RouteName = keyof typeof routes;

/** A route's path with its `:name` parts filled in, each encoded. */
export function pathOf(route: Route, params: Record<string, string | number> = {}): string {
  return route.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new TypeError(`${route.path} needs the parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}

/** What a route answers on success. */
export type RouteReply<R extends Route> = R["response"] extends z.ZodType ? z.output<R["response"]> : never;

/** What a route takes as its JSON body, before the server's defaults. */
export type RouteBody<R extends Route> = R["body"] extends z.ZodType ? z.input<R["body"]> : never;
