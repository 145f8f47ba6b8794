import type { ErrorBody, ErrorCode } from "@natter/protocol";

/** A refusal from the server, with the protocol's error code. */
export class NatterError extends Error {
  readonly code: ErrorCode;
  readonly status: number | undefined;

  constructor(error: ErrorBody, status?: number) {
    super(error.message);
    this.name = "NatterError";
    this.code = error.code;
    this.status = status;
  }
}

/** Codes that say "try the same request again later"; anything else is final. */
export function isRetryable(code: ErrorCode): boolean {
  return code === "UNAVAILABLE" || code === "RATE_LIMITED" || code === "INTERNAL";
}
