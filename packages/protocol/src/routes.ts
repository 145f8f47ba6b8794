import { z } from "zod";
import { route, type Route } from "./route.js";
import { teamRoutes } from "./teamRoutes.js";
import * as catchUp from "./catchUp.js";
import * as customEmoji from "./customEmoji.js";
import { limitsResponseSchema } from "./limits.js";
import * as notices from "./notifications.js";
import * as rest from "./rest.js";
import * as sso from "./sso.js";
import * as security from "./security.js";

export type { Method, Route } from "./route.js";
const memberResponseSchema = z.object({ member: rest.memberSchema });

/**
 * Every REST route, once: the server serves each from here and the SDK calls it from here, so a path or
 * a reply's shape cannot differ between them. The OpenAPI document at /api/openapi.json is made from it.
 */
export const routes = {
  register: route({ method: "POST", path: "/api/auth/register", body: rest.registerBodySchema, status: 201, response: rest.authResponseSchema }),
  setup: route({ method: "POST", path: "/api/setup", body: rest.setupBodySchema, status: 201, response: rest.authResponseSchema }),
  /** A session, or (with two-factor authentication) the ticket of the second step: loginCode. */
  login: route({ method: "POST", path: "/api/auth/login", body: rest.loginBodySchema, status: 200, response: security.loginResponseSchema }),
  guest: route({ method: "POST", path: "/api/auth/guest", body: rest.guestBodySchema, status: 201, response: rest.authResponseSchema }),
  logout: route({ method: "POST", path: "/api/auth/logout", status: 200, response: sso.logoutResponseSchema }),
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

  /** Public: which ways in the log-in screen offers (password, guests, registration, single sign-on). */
  signInMethods: route({ method: "GET", path: "/api/auth/methods", status: 200, response: sso.signInMethodsResponseSchema }),
  /** Public, opened by the browser: redirects to the OpenID provider with state, nonce and a PKCE challenge. */
  ssoStart: route({ method: "GET", path: "/api/auth/sso/start", status: 302, response: null }),
  /** Public, the provider redirects here: checks the answer, opens a session (cookie) and redirects to the app. */
  ssoCallback: route({ method: "GET", path: "/api/auth/sso/callback", query: sso.ssoCallbackQuerySchema, status: 302, response: null }),

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
  /** Everyone signed in: the server's custom emoji, for the picker, completion and drawing `:name:`. */
  customEmoji: route({ method: "GET", path: "/api/emoji", status: 200, response: customEmoji.customEmojiListSchema }),
  /** The image of one, as WebP; `v` is its version in `url`, so a name given a new image is fetched anew. */
  customEmojiImage: route({
    method: "GET",
    path: "/api/emoji/:name",
    params: customEmoji.customEmojiParamsSchema,
    query: customEmoji.customEmojiImageQuerySchema,
    status: 200,
    response: null,
  }),
  /** Admins: the request body is the image (PNG, GIF or WebP, at most 256 KB); it is stored resized. Answers the new list. */
  addCustomEmoji: route({
    method: "POST",
    path: "/api/admin/emoji",
    query: customEmoji.customEmojiUploadQuerySchema,
    status: 201,
    response: customEmoji.customEmojiListSchema,
  }),
  deleteCustomEmoji: route({
    method: "DELETE",
    path: "/api/admin/emoji/:name",
    params: customEmoji.customEmojiParamsSchema,
    status: 200,
    response: customEmoji.customEmojiListSchema,
  }),
  /** The author takes the link preview off their message, for everyone; it is not fetched again. */
  removePreview: route({
    method: "DELETE",
    path: "/api/rooms/:name/messages/:id/preview",
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

  ...teamRoutes,
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
