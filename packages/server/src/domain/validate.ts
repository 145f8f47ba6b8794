import type { z } from "zod";
import { Refusal } from "./errors.js";

/** Parses input at a boundary; a mismatch is a BAD_REQUEST that says which field and why. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  throw new Refusal("BAD_REQUEST", `${where}${issue?.message ?? "invalid input"}`);
}
