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
  /** "Download my data" asked for an archive still being prepared. */
  NOT_READY: { status: 409, retryable: true },
} as const satisfies Record<string, { status: number; retryable: boolean }>;

export type ErrorCode = keyof typeof errorCatalogue;
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
