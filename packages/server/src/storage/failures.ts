import type { ErrorCode } from "@natter/protocol";

const UNREACHABLE = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08003",
  "08006",
  "53300",
  "57014",
  "55P03",
]);

/**
 * What a storage failure means to a user: the disk is full, or the database is out of reach for now.
 * Anything else is a bug and stays INTERNAL.
 */
export function storageFailureCode(error: unknown): ErrorCode | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as Error & { code?: unknown }).code;
  if (code === "SQLITE_FULL") return "STORAGE_FULL";
  if (code === "SQLITE_BUSY" || code === "SQLITE_LOCKED") return "UNAVAILABLE";
  if (typeof code === "string" && UNREACHABLE.has(code)) return "UNAVAILABLE";
  if (
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable|Query read timeout/i.test(
      error.message,
    )
  )
    return "UNAVAILABLE";
  return undefined;
}

export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505";
}

/** PostgreSQL cancelled a statement for taking too long or waiting too long for a lock. */
export function isTimeout(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "57014" || code === "55P03";
}
