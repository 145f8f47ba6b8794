import type { ErrorBody, ErrorCode } from "@natter/protocol";

/** A refusal the user should see, with its protocol code; the transport picks the status or ack. */
export class Refusal extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Partial<Pick<ErrorBody, "retryAfterMs" | "field" | "rule" | "limit">> = {},
  ) {
    super(message);
    this.name = "Refusal";
  }

  toBody(): ErrorBody {
    return { code: this.code, message: this.message, ...this.details };
  }
}

/** The one answer for a room that does not exist and a room the user may not see. */
export function roomNotFound(name: string): Refusal {
  return new Refusal("NOT_FOUND", `No room named "${name}"`);
}
