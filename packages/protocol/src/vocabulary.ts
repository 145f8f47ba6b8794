/** The protocol's fixed word lists, kept apart from the zod schemas so that a browser can use them without loading zod. */
export const errorCodes = [
  "BAD_REQUEST",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "NOT_FOUND",
  "INVALID_CREDENTIALS",
  "USERNAME_TAKEN",
  "ROOM_EXISTS",
  "GUESTS_DISABLED",
  "MESSAGE_TOO_LONG",
  "PAYLOAD_TOO_LARGE",
  "QUOTA_EXCEEDED",
  "UNSUPPORTED_FILE",
  "RATE_LIMITED",
  "UNAVAILABLE",
  "STORAGE_FULL",
  "INTERNAL",
] as const;

/** The shape of `{ code, message }`, checked by hand for the same reason. */
export function isErrorBody(value: unknown): value is { code: (typeof errorCodes)[number]; message: string } {
  if (typeof value !== "object" || value === null) return false;
  const { code, message } = value as Record<string, unknown>;
  return typeof message === "string" && (errorCodes as readonly unknown[]).includes(code);
}

export const notifyLevels = ["all", "mentions", "mute"] as const;

/** How many online members are named (in a join, a room lookup, or presence events); past it, they are counted. */
export const ONLINE_PAGE = 50;
