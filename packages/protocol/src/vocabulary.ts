/**
 * Every error code once: the HTTP status it is answered with, and whether a client may send the same request
 * again later (the server was busy, down or failed) or must not (the request itself was refused).
 * Kept apart from the zod schemas so that a browser can use it without loading zod.
 */
export const errorCatalogue = {
  BAD_REQUEST: { status: 400, retryable: false },
  UNAUTHORIZED: { status: 401, retryable: false },
  FORBIDDEN: { status: 403, retryable: false },
  NOT_FOUND: { status: 404, retryable: false },
  INVALID_CREDENTIALS: { status: 401, retryable: false },
  USERNAME_TAKEN: { status: 409, retryable: false },
  USERNAME_RESERVED: { status: 409, retryable: false },
  ROOM_EXISTS: { status: 409, retryable: false },
  GUESTS_DISABLED: { status: 403, retryable: false },
  MESSAGE_TOO_LONG: { status: 400, retryable: false },
  PAYLOAD_TOO_LARGE: { status: 413, retryable: false },
  QUOTA_EXCEEDED: { status: 413, retryable: false },
  UNSUPPORTED_FILE: { status: 415, retryable: false },
  RATE_LIMITED: { status: 429, retryable: true },
  UNAVAILABLE: { status: 503, retryable: true },
  STORAGE_FULL: { status: 507, retryable: false },
  INTERNAL: { status: 500, retryable: true },
  BAD_SUBSCRIPTION: { status: 400, retryable: false },
  TOO_MANY_SUBSCRIPTIONS: { status: 400, retryable: false },
  BAD_EMAIL: { status: 400, retryable: false },
  EMAIL_DISABLED: { status: 400, retryable: false },
  BAD_TOKEN: { status: 400, retryable: false },
  /** Banned from the room: cannot join or be added until unbanned. */
  BANNED: { status: 403, retryable: false },
  /** The reporter already has an open report of this message. */
  ALREADY_REPORTED: { status: 409, retryable: false },
  // Who gets in (issue 15): accounts, registration, invites, roles.
  ACCOUNT_DISABLED: { status: 403, retryable: false },
  REGISTRATION_CLOSED: { status: 403, retryable: false },
  INVITE_REQUIRED: { status: 403, retryable: false },
  INVITE_INVALID: { status: 400, retryable: false },
  INVITE_EXPIRED: { status: 400, retryable: false },
  INVITE_USED_UP: { status: 400, retryable: false },
  LAST_ADMIN: { status: 409, retryable: false },
  NOT_FOR_GUESTS: { status: 403, retryable: false },
  EMAIL_DOMAIN_NOT_ALLOWED: { status: 400, retryable: false },
  // Single sign-on (OpenID Connect): not set up; passwords turned off (OIDC_ONLY); the provider's answer refused.
  SSO_DISABLED: { status: 404, retryable: false },
  PASSWORD_LOGIN_DISABLED: { status: 403, retryable: false },
  SSO_REFUSED: { status: 400, retryable: false },
  // Issue 17: a wrong or replayed second-factor code; a ticket that is unknown, used or expired.
  BAD_CODE: { status: 401, retryable: false },
  BAD_TICKET: { status: 401, retryable: false },
  /** An imported account nobody has claimed yet (by an admin's one-time link or SSO): it has no password. */
  ACCOUNT_UNCLAIMED: { status: 403, retryable: false },
  IMPORT_RUNNING: { status: 409, retryable: false },
  // Integrations (issue 16): a webhook payload Slack's format does not allow, a token without the scope, a URL refused.
  INVALID_PAYLOAD: { status: 400, retryable: false },
  INSUFFICIENT_SCOPE: { status: 403, retryable: false },
  TOKENS_DISABLED: { status: 403, retryable: false },
  UNSAFE_URL: { status: 400, retryable: false },
  COMMAND_EXISTS: { status: 409, retryable: false },
  COMMAND_FAILED: { status: 502, retryable: true },
  /** "Download my data" asked for an archive still being prepared. */
  NOT_READY: { status: 409, retryable: true },
  /** A custom emoji of that name exists already (issue 19): delete it first. */
  EMOJI_EXISTS: { status: 409, retryable: false },
} as const satisfies Record<string, { status: number; retryable: boolean }>;

export type ErrorCode = keyof typeof errorCatalogue;

/**
 * What a BAD_REQUEST found wrong with one field, so that a client can say it in its reader's language beside the
 * field instead of showing the validator's words. `too_short`/`too_long` count characters (or items), `too_small`/
 * `too_big` bound a number; the limit comes with them.
 */
export const validationRules = ["required", "too_short", "too_long", "too_small", "too_big", "format", "invalid"] as const;
export type ValidationRule = (typeof validationRules)[number];
export const errorCodes = Object.keys(errorCatalogue) as [ErrorCode, ...ErrorCode[]];

/** The HTTP status a refusal with this code is answered with. */
export function httpStatusOf(code: ErrorCode): number {
  return errorCatalogue[code].status;
}

/** Whether the same request may be tried again later; anything else is final. */
export function isRetryable(code: ErrorCode): boolean {
  return errorCatalogue[code].retryable;
}

/** The shape of `{ code, message }`, checked by hand for the same reason. */
export function isErrorBody(value: unknown): value is { code: ErrorCode; message: string } {
  if (typeof value !== "object" || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof message === "string" && typeof code === "string" && Object.hasOwn(errorCatalogue, code);
}

export const notifyLevels = ["all", "mentions", "mute"] as const;

/** How many online members are named (in a join, a room lookup, or presence events); past it, they are counted. */
export const ONLINE_PAGE = 50;
