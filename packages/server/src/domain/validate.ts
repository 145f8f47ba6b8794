import type { ValidationRule } from "@natter/protocol";
import type { z } from "zod";
import { Refusal } from "./errors.js";

/** Parses input at a boundary; a mismatch is a BAD_REQUEST that says which field and why. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw invalidField(issue ? { ...issue, path: issue.path.map(String) } : undefined, value);
}

/** The part of a zod issue a refusal needs; Fastify's validation errors carry the same fields. */
export interface FieldIssue {
  code: string;
  path: readonly string[];
  message: string;
  minimum?: unknown;
  maximum?: unknown;
  origin?: unknown;
}

/**
 * The one BAD_REQUEST for a refused field: the validator's words stay in `message` for logs and scripts, and
 * `field`, `rule`, `limit` let a client word it for its reader (issue 19, point 15).
 */
export function invalidField(issue: FieldIssue | undefined, input: unknown, prefix = ""): Refusal {
  if (!issue) return new Refusal("BAD_REQUEST", `${prefix ? `${prefix}: ` : ""}invalid input`);
  const field = issue.path.join(".");
  const where = [prefix, field].filter(Boolean).join(".");
  const { rule, limit } = valueAt(input, issue.path) === undefined ? { rule: "required" as const, limit: undefined } : ruleOf(issue);
  return new Refusal("BAD_REQUEST", `${where ? `${where}: ` : ""}${issue.message}`, {
    ...(field ? { field } : {}),
    rule,
    ...(limit === undefined ? {} : { limit }),
  });
}

/** The refused value itself: a field left out reads "required", whatever the schema's check was. */
function valueAt(input: unknown, path: readonly string[]): unknown {
  let value = input;
  for (const key of path) {
    if (typeof value !== "object" || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function ruleOf(issue: FieldIssue): { rule: ValidationRule; limit?: number } {
  const counted = issue.origin === "string" || issue.origin === "array" || issue.origin === "set";
  const bound = (value: unknown) => (typeof value === "number" || typeof value === "bigint" ? Number(value) : undefined);
  switch (issue.code) {
    case "too_small":
      return { rule: counted ? "too_short" : "too_small", limit: bound(issue.minimum) };
    case "too_big":
      return { rule: counted ? "too_long" : "too_big", limit: bound(issue.maximum) };
    case "invalid_format":
      return { rule: "format" };
    default:
      return { rule: "invalid" };
  }
}
