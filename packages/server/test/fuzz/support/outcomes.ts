import { errorCodes, validationRules } from "@natter/protocol";
import type { Answer } from "../../security/support/api.js";

/** What is compared between stores: the status and code, and what was stored when it was accepted. */
export interface Outcome {
  what: string;
  status: number;
  code: string | undefined;
  stored?: unknown;
}

const KNOWN_CODES = new Set<string>(errorCodes);

/** Problems with one HTTP answer: a 5xx, or a refusal that is not exactly `{ error: { code, message } }`. */
export function answerProblems(what: string, answer: Answer): string[] {
  if (answer.status >= 500) return [`${what}: status ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`];
  if (answer.status < 400) return [];
  const error = (answer.body as { error?: { retryAfterMs?: unknown } } | null)?.error;
  const problems = refusalProblems(what, error, answer.body);
  if (answer.status === 429 && answer.headers.get("retry-after") !== String(Math.ceil(Number(error?.retryAfterMs) / 1000))) {
    problems.push(`${what}: 429 whose Retry-After ${answer.headers.get("retry-after")} is not retryAfterMs ${String(error?.retryAfterMs)} in seconds`);
  }
  return problems;
}

/** Problems with one socket acknowledgement: `{ ok: true, ... }` or `{ ok: false, error: { code, message } }`. */
export function ackProblems(what: string, ack: unknown): string[] {
  const reply = ack as { ok?: unknown; error?: unknown } | null;
  if (reply?.ok === true) return [];
  if (reply?.ok !== false) return [`${what}: not an ack ${JSON.stringify(ack).slice(0, 200)}`];
  const problems = refusalProblems(what, reply.error, ack);
  if ((reply.error as { code?: unknown } | undefined)?.code === "INTERNAL") problems.push(`${what}: INTERNAL ${JSON.stringify(ack)}`);
  return problems;
}

function refusalProblems(what: string, error: unknown, whole: unknown): string[] {
  if (typeof error !== "object" || error === null) return [`${what}: refusal without an error ${JSON.stringify(whole).slice(0, 200)}`];
  const { code, message, retryAfterMs, field, rule, limit, ...rest } = error as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof code !== "string" || !KNOWN_CODES.has(code)) problems.push(`${what}: unknown code ${JSON.stringify(code)}`);
  if (typeof message !== "string" || message === "") problems.push(`${what}: refusal without a message`);
  // Only a refusal for going too fast says when to come back, and then it always does.
  const waits = Number.isInteger(retryAfterMs) && Number(retryAfterMs) > 0;
  if (code === "RATE_LIMITED" && !waits) problems.push(`${what}: RATE_LIMITED without a positive whole retryAfterMs`);
  if (code !== "RATE_LIMITED" && retryAfterMs !== undefined) problems.push(`${what}: retryAfterMs on ${String(code)}`);
  // Only a BAD_REQUEST names a refused field, with a rule of the catalogue and, for a bound, a finite limit.
  if ((field !== undefined || limit !== undefined) && code !== "BAD_REQUEST") problems.push(`${what}: a field named on ${String(code)}`);
  if (rule !== undefined && (code !== "BAD_REQUEST" || !(validationRules as readonly unknown[]).includes(rule)))
    problems.push(`${what}: rule ${JSON.stringify(rule)}`);
  if (field !== undefined && typeof field !== "string") problems.push(`${what}: a field that is not a path`);
  if (limit !== undefined && !Number.isFinite(limit)) problems.push(`${what}: limit ${JSON.stringify(limit)}`);
  if (Object.keys(rest).length > 0) problems.push(`${what}: refusal with extra fields ${Object.keys(rest).join(", ")}`);
  return problems;
}

/** Counts what escapes every handler in this process (the server runs in it): crashes in waiting. */
export function watchProcess(): { unhandled: string[]; stop(): void } {
  const unhandled: string[] = [];
  const onRejection = (reason: unknown) => unhandled.push(`unhandled rejection: ${String(reason)}`);
  const onException = (error: Error) => unhandled.push(`uncaught exception: ${error.message}`);
  process.on("unhandledRejection", onRejection);
  process.on("uncaughtException", onException);
  return {
    unhandled,
    stop() {
      process.off("unhandledRejection", onRejection);
      process.off("uncaughtException", onException);
    },
  };
}
