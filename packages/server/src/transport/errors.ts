import type { ErrorBody, ErrorCode } from "@natter/protocol";
import { Refusal } from "../domain/errors.js";
import { storageFailureCode } from "../storage/index.js";

const MESSAGES: Partial<Record<ErrorCode, string>> = {
  STORAGE_FULL: "The server's storage is full; nothing was saved",
  UNAVAILABLE: "The database is unavailable; try again shortly",
  INTERNAL: "Something went wrong on the server",
};

/** Any failure as the protocol's `{ code, message }`; unexpected ones are INTERNAL and `expected` is false. */
export function describeError(error: unknown): { body: ErrorBody; expected: boolean } {
  if (error instanceof Refusal) return { body: error.toBody(), expected: true };
  const storage = storageFailureCode(error);
  if (storage) return { body: { code: storage, message: MESSAGES[storage] ?? storage }, expected: true };
  return { body: { code: "INTERNAL", message: MESSAGES.INTERNAL ?? "Internal error" }, expected: false };
}
