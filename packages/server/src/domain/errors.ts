import type { ErrorBody, ErrorCode } from "@natter/protocol";

/** A refusal the user should see, with its protocol code; the transport picks the status or ack. */
export class NatterError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = "NatterError";
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, ...this.details };
  }
}

/** The one answer for a room that does not exist and a room the user may not see. */
export function roomNotFound(name: string): NatterError {
  return new NatterError("NOT_FOUND", `No room named "${name}"`);
}
