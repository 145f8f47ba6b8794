import type { ErrorBody, ErrorCode, SecondFactorStep } from "@natter/protocol";

/** A refusal from the server, with the protocol's error code. Whether it may be retried: `isRetryable(code)`. */
export class NatterError extends Error {
  readonly code: ErrorCode;
  readonly status: number | undefined;
  /** With RATE_LIMITED: how long until the server would admit the same request. */
  readonly retryAfterMs: number | undefined;
  /** With BAD_REQUEST: the refused field, what is wrong with it and the bound it missed, to word beside the field. */
  readonly field: string | undefined;
  readonly rule: ErrorBody["rule"];
  readonly limit: number | undefined;

  constructor(error: ErrorBody, status?: number) {
    super(error.message);
    this.name = "NatterError";
    this.code = error.code;
    this.status = status;
    this.retryAfterMs = error.retryAfterMs;
    this.field = error.field;
    this.rule = error.rule;
    this.limit = error.limit;
  }
}

/** The password was right and the account uses two-factor authentication: finish with `finishLogin(step.ticket, code)`. */
export class SecondFactorRequired extends Error {
  constructor(readonly step: SecondFactorStep) {
    super(step.enroll ? "This server requires two-factor authentication: set it up to log in" : "Enter the code from your authenticator app");
    this.name = "SecondFactorRequired";
  }
}
