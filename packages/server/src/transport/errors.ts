import type { ErrorBody, ErrorCode } from "@natter/protocol";
import { NatterError } from "../domain/errors.js";
import { storageFailureCode } from "../storage/index.js";

const MESSAGES: Partial<Record<ErrorCode, string>> = {
  STORAGE_FULL: "The server's storage is full; nothing was saved",
  UNAVAILABLE: "The database is unavailable; try again shortly",
  INTERNAL: "Something went wrong on the server",
};

/** Any failure as the protocol's `{ code, message }`; unexpected ones are INTERNAL and `expected` is false. */
export function describeError(error: unknown): { body: ErrorBody; expected: boolean } {
  if (error instanceof NatterError) return { body: error.toBody(), expected: true };
  const storage = storageFailureCode(error);
  if (storage) return { body: { code: storage, message: MESSAGES[storage] ?? storage }, expected: true };
  return { body: { code: "INTERNAL", message: MESSAGES.INTERNAL ?? "Internal error" }, expected: false };
}

export const HTTP_STATUS: Record<ErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID_CREDENTIALS: 401,
  USERNAME_TAKEN: 409,
  ROOM_EXISTS: 409,
  GUESTS_DISABLED: 403,
  MESSAGE_TOO_LONG: 400,
  PAYLOAD_TOO_LARGE: 413,
  QUOTA_EXCEEDED: 413,
  UNSUPPORTED_FILE: 415,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
  STORAGE_FULL: 507,
  INTERNAL: 500,
};
