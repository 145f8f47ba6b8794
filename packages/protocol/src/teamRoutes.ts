import * as access from "./access.js";
import * as audit from "./audit.js";
import * as directory from "./directory.js";
import * as imports from "./imports.js";
import * as integrations from "./integrations.js";
import * as lifecycle from "./dataLifecycle.js";
import * as moderation from "./moderation.js";
import * as people from "./people.js";
import * as pins from "./pins.js";
import * as rest from "./rest.js";
import * as security from "./security.js";
import { route } from "./route.js";

/** The routes of issues 15 to 19, spread into `routes` (routes.ts), which is the one list everything reads. */
export const teamRoutes = {
  // Integrations (issue 16): incoming webhooks, tokens and bots, outgoing webhooks, slash commands.
  incomingHooks: route({
    method: "GET",
    path: "/api/rooms/:name/hooks",
    params: rest.roomParamsSchema,
    status: 200,
    response: integrations.incomingHooksResponseSchema,
  }),
  createIncomingHook: route({
    method: "POST",
    path: "/api/rooms/:name/hooks",
    params: rest.roomParamsSchema,
    body: integrations.createIncomingHookBodySchema,
    status: 201,
    response: integrations.incomingHookCreatedSchema,
  }),
  rotateIncomingHook: route({
    method: "POST",
    path: "/api/rooms/:name/hooks/:id/rotate",
    params: integrations.incomingHookParamsSchema,
    status: 200,
    response: integrations.incomingHookCreatedSchema,
  }),
  deleteIncomingHook: route({
    method: "DELETE",
    path: "/api/rooms/:name/hooks/:id",
    params: integrations.incomingHookParamsSchema,
    status: 200,
    response: rest.okResponseSchema,
  }),
  /** Public, the secret URL: Slack's payload as JSON, or form-encoded in a `payload` field. Answers `ok` as text. */
  postToHook: route({ method: "POST", path: "/hooks/:id/:secret", params: integrations.hookPostParamsSchema, status: 200, response: null }),
  tokens: route({ method: "GET", path: "/api/tokens", status: 200, response: integrations.tokensResponseSchema }),
  createToken: route({ method: "POST", path: "/api/tokens", body: integrations.createTokenBodySchema, status: 201, response: integrations.tokenCreatedSchema }),
  revokeToken: route({ method: "DELETE", path: "/api/tokens/:id", params: integrations.tokenParamsSchema, status: 200, response: rest.okResponseSchema }),
  bots: route({ method: "GET", path: "/api/bots", status: 200, response: integrations.botsResponseSchema }),
  createBot: route({ method: "POST", path: "/api/bots", body: integrations.createBotBodySchema, status: 201, response: integrations.botResponseSchema }),
  outgoingHooks: route({ method: "GET", path: "/api/outgoing-hooks", status: 200, response: integrations.outgoingHooksResponseSchema }),
  createOutgoingHook: route({
    method: "POST",
    path: "/api/outgoing-hooks",
    body: integrations.createOutgoingHookBodySchema,
    status: 201,
    response: integrations.outgoingHookCreatedSchema,
  }),
  deleteOutgoingHook: route({
    method: "DELETE",
    path: "/api/outgoing-hooks/:id",
    params: integrations.tokenParamsSchema,
    status: 200,
    response: rest.okResponseSchema,
  }),
  /** A new signing secret, in this answer only; deliveries from now on are signed with it. */
  rotateOutgoingHook: route({
    method: "POST",
    path: "/api/outgoing-hooks/:id/rotate",
    params: integrations.tokenParamsSchema,
    status: 200,
    response: integrations.outgoingHookCreatedSchema,
  }),
  hookDeliveries: route({
    method: "GET",
    path: "/api/outgoing-hooks/:id/deliveries",
    params: integrations.tokenParamsSchema,
    status: 200,
    response: integrations.deliveriesResponseSchema,
  }),
  commands: route({ method: "GET", path: "/api/commands", status: 200, response: integrations.commandsResponseSchema }),
  createCommand: route({
    method: "POST",
    path: "/api/commands",
    body: integrations.createCommandBodySchema,
    status: 201,
    response: integrations.commandCreatedSchema,
  }),
  deleteCommand: route({ method: "DELETE", path: "/api/commands/:id", params: integrations.commandParamsSchema, status: 200, response: rest.okResponseSchema }),
  runCommand: route({
    method: "POST",
    path: "/api/rooms/:name/commands",
    params: rest.roomParamsSchema,
    body: integrations.runCommandBodySchema,
    status: 200,
    response: integrations.commandResultSchema,
  }),
  /** Public, a command's response_url: late answers for 30 minutes, in Slack's format. */
  commandResponse: route({
    method: "POST",
    path: "/hooks/responses/:id/:secret",
    params: integrations.commandResponseParamsSchema,
    body: integrations.slackCommandAnswerSchema,
    status: 200,
    response: rest.okResponseSchema,
  }),
  /**
   * The console's routes, under /api/admin: anyone without the role is answered as for an address with no
   * route (404 NOT_FOUND), before the request is read.
   */
  audit: route({ method: "GET", path: "/api/admin/audit", query: audit.auditQuerySchema, status: 200, response: audit.auditResponseSchema }),

  // Rooms and moderation (issue 15): deleting a room, bans, reports, and the console's Rooms and Reports tabs.
  deleteRoom: route({ method: "DELETE", path: "/api/rooms/:name", params: rest.roomParamsSchema, status: 200, response: rest.okResponseSchema }),
  bans: route({ method: "GET", path: "/api/rooms/:name/bans", params: rest.roomParamsSchema, status: 200, response: moderation.bansResponseSchema }),
  ban: route({
    method: "POST",
    path: "/api/rooms/:name/bans",
    params: rest.roomParamsSchema,
    body: moderation.banBodySchema,
    status: 201,
    response: moderation.banResponseSchema,
  }),
  unban: route({ method: "DELETE", path: "/api/rooms/:name/bans/:username", params: rest.memberParamsSchema, status: 200, response: rest.okResponseSchema }),
  report: route({
    method: "POST",
    path: "/api/messages/:id/reports",
    params: moderation.reportParamsSchema,
    body: moderation.reportBodySchema,
    status: 201,
    response: moderation.reportResponseSchema,
  }),
  reports: route({ method: "GET", path: "/api/admin/reports", query: moderation.reportsQuerySchema, status: 200, response: moderation.reportsResponseSchema }),
  resolveReport: route({
    method: "POST",
    path: "/api/admin/reports/:id",
    params: moderation.reportIdParamsSchema,
    body: moderation.resolveReportBodySchema,
    status: 200,
    response: moderation.reportResponseSchema,
  }),
  adminRooms: route({
    method: "GET",
    path: "/api/admin/rooms",
    query: moderation.adminRoomsQuerySchema,
    status: 200,
    response: moderation.adminRoomsResponseSchema,
  }),

  // Who gets in and the people (issue 15): settings, invites, people, reset links, the overview.
  upgradeGuest: route({ method: "POST", path: "/api/me/upgrade", body: access.upgradeBodySchema, status: 200, response: rest.authResponseSchema }),
  adminSettings: route({ method: "GET", path: "/api/admin/settings", status: 200, response: access.accessSettingsSchema }),
  updateAdminSettings: route({
    method: "PATCH",
    path: "/api/admin/settings",
    body: access.accessSettingsPatchSchema,
    status: 200,
    response: access.accessSettingsSchema,
  }),
  createInvite: route({ method: "POST", path: "/api/admin/invites", body: access.createInviteBodySchema, status: 201, response: access.createdInviteSchema }),
  invites: route({ method: "GET", path: "/api/admin/invites", status: 200, response: access.invitesResponseSchema }),
  revokeInvite: route({ method: "DELETE", path: "/api/admin/invites/:id", params: access.inviteParamsSchema, status: 200, response: rest.okResponseSchema }),
  adminUsers: route({ method: "GET", path: "/api/admin/users", query: access.adminUsersQuerySchema, status: 200, response: access.adminUsersResponseSchema }),
  updateAdminUser: route({
    method: "PATCH",
    path: "/api/admin/users/:username",
    params: access.adminUserParamsSchema,
    body: access.adminUserPatchSchema,
    status: 200,
    response: access.adminUserResponseSchema,
  }),
  resetLink: route({
    method: "POST",
    path: "/api/admin/users/:username/reset-link",
    params: access.adminUserParamsSchema,
    status: 201,
    response: access.resetLinkResponseSchema,
  }),
  overview: route({ method: "GET", path: "/api/admin/overview", status: 200, response: access.overviewSchema }),
  /** The audit log as JSON lines (application/x-ndjson), newest first, with the same filters as `audit`. */
  auditExport: route({ method: "GET", path: "/api/admin/audit/export", query: audit.auditExportQuerySchema, status: 200, response: null }),
  // Issue 17: two-factor log-in, password reset, the sessions page.
  /** Public, with the ticket of a log-in whose password was right: the code (TOTP or recovery) ends it. */
  loginCode: route({
    method: "POST",
    path: "/api/auth/login/code",
    body: security.loginCodeBodySchema,
    status: 200,
    response: security.loginCodeResponseSchema,
  }),
  /** Public, with a ticket whose account must set 2FA up before it may log in: the secret to confirm by loginCode. */
  loginEnroll: route({
    method: "POST",
    path: "/api/auth/login/enroll",
    body: security.ticketBodySchema,
    status: 200,
    response: security.totpSetupResponseSchema,
  }),
  /** Public: always the same answer, whether or not the address belongs to anyone. */
  forgotPassword: route({ method: "POST", path: "/api/auth/forgot", body: security.forgotPasswordBodySchema, status: 200, response: rest.okResponseSchema }),
  /**
   * Public, with the token of a one-time link (mailed by "forgot password", or made by an admin or the CLI):
   * sets the password once and ends every session of the account. It does not sign in, so 2FA still applies.
   */
  resetPassword: route({
    method: "POST",
    path: "/api/auth/reset-password",
    body: access.resetPasswordBodySchema,
    status: 200,
    response: rest.okResponseSchema,
  }),
  twoFactor: route({ method: "GET", path: "/api/me/two-factor", status: 200, response: security.twoFactorStatusSchema }),
  startTwoFactor: route({ method: "POST", path: "/api/me/two-factor/setup", status: 200, response: security.totpSetupResponseSchema }),
  confirmTwoFactor: route({
    method: "POST",
    path: "/api/me/two-factor/confirm",
    body: security.codeBodySchema,
    status: 200,
    response: security.recoveryCodesResponseSchema,
  }),
  disableTwoFactor: route({
    method: "POST",
    path: "/api/me/two-factor/disable",
    body: security.codeBodySchema,
    status: 200,
    response: security.twoFactorStatusSchema,
  }),
  sessions: route({ method: "GET", path: "/api/me/sessions", status: 200, response: security.sessionsResponseSchema }),
  endSession: route({ method: "DELETE", path: "/api/me/sessions/:id", params: security.sessionParamsSchema, status: 200, response: rest.okResponseSchema }),
  /** Every session of the user but the one asking. */
  endOtherSessions: route({ method: "DELETE", path: "/api/me/sessions", status: 200, response: security.endedSessionsResponseSchema }),

  /** Admins only (anyone else gets an unknown route's 404): the body is a Slack export's zip; answers the started job. */
  startImport: route({ method: "POST", path: "/api/admin/imports", query: imports.importQuerySchema, status: 201, response: imports.importJobResponseSchema }),
  importJob: route({
    method: "GET",
    path: "/api/admin/imports/:id",
    params: imports.importParamsSchema,
    status: 200,
    response: imports.importJobResponseSchema,
  }),

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

  // Identity and people (issue 19): avatars and the people directory.
  /** The body is the picture (PNG, JPEG, GIF or WebP, its first frame); the query the square to keep. */
  setAvatar: route({ method: "PUT", path: "/api/me/avatar", query: people.avatarQuerySchema, status: 200, response: rest.meResponseSchema }),
  removeAvatar: route({ method: "DELETE", path: "/api/me/avatar", status: 200, response: rest.meResponseSchema }),
  /** Signed in; the version in the path changes with each new picture, so the reply is cached for good. */
  avatar: route({ method: "GET", path: "/api/avatars/:id/:version", params: people.avatarParamsSchema, status: 200, response: null }),
  people: route({ method: "GET", path: "/api/people", query: people.peopleQuerySchema, status: 200, response: people.peopleResponseSchema }),
  peopleById: route({ method: "GET", path: "/api/people/by-id", query: people.peopleByIdQuerySchema, status: 200, response: people.peopleByIdResponseSchema }),

  // Issue 19: the room directory, pins (any member of the room) and saved messages (each person's own).
  pins: route({ method: "GET", path: "/api/rooms/:name/pins", params: rest.roomParamsSchema, status: 200, response: pins.pinsResponseSchema }),
  pin: route({ method: "PUT", path: "/api/rooms/:name/messages/:id/pin", params: rest.messageParamsSchema, status: 200, response: pins.pinResponseSchema }),
  unpin: route({ method: "DELETE", path: "/api/rooms/:name/messages/:id/pin", params: rest.messageParamsSchema, status: 200, response: rest.okResponseSchema }),
  saved: route({ method: "GET", path: "/api/me/saved", query: pins.savedQuerySchema, status: 200, response: pins.savedResponseSchema }),
  save: route({ method: "PUT", path: "/api/me/saved/:id", params: pins.savedParamsSchema, status: 200, response: rest.okResponseSchema }),
  unsave: route({ method: "DELETE", path: "/api/me/saved/:id", params: pins.savedParamsSchema, status: 200, response: rest.okResponseSchema }),
  roomDirectory: route({
    method: "GET",
    path: "/api/directory/rooms",
    query: directory.directoryQuerySchema,
    status: 200,
    response: directory.directoryResponseSchema,
  }),
} as const;
