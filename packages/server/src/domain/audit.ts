import { type AuditEntry, type AuditResponse, type auditQuerySchema } from "@natter/protocol";
import type { z } from "zod";
import type { AuditFilter } from "../storage/queries/audit.js";
import type { AuditRow } from "../storage/schema.js";
import type { Domain } from "./context.js";
import { usernameKey } from "./usernames.js";

/** Who acted: a signed-in user, the command line, or the server on its own (a schedule, a setup). */
export type AuditActor = { id: number; username: string } | "cli" | "system";

export interface AuditRecord {
  actor: AuditActor;
  /** Dotted lower-case words: `user.deactivate`, `room.delete`, `login.failed`… (docs/admin.md lists them). */
  action: string;
  /** A username, `#room`, `message:<id>`…; empty when the action has no single target. */
  target?: string;
  /** The client's address, when the action came over the network. */
  address?: string;
  /** What changed; kept as JSON. Never secrets: no passwords, tokens or codes. */
  details?: Record<string, unknown>;
}

/** The one writer of the audit log. The product appends; nothing in it edits or deletes an entry. */
export async function recordAudit(domain: Domain, record: AuditRecord): Promise<void> {
  const { actor } = record;
  await domain.store.appendAudit({
    at: domain.now(),
    actor_id: typeof actor === "string" ? null : actor.id,
    actor_name: typeof actor === "string" ? actor : actor.username,
    action: record.action,
    target: record.target ?? "",
    address: record.address ?? "",
    details: JSON.stringify(record.details ?? {}),
  });
}

/** Newest first, as the console and the JSON-lines export read it. */
export async function readAudit(domain: Domain, filter: AuditFilter): Promise<AuditEntry[]> {
  return (await domain.store.listAudit(filter)).map(toEntry);
}

/** A page of the log as the console asks for it: an actor by name, times as ISO strings. */
export async function auditPage(domain: Domain, query: z.output<typeof auditQuerySchema>): Promise<AuditResponse> {
  const byName = query.actor === "cli" || query.actor === "system";
  const actor = query.actor === undefined || byName ? undefined : await domain.store.userByKey(usernameKey(query.actor));
  if (query.actor !== undefined && !byName && !actor) return { entries: [], nextBefore: null };
  const entries = await readAudit(domain, {
    beforeId: query.before,
    action: query.action,
    actorId: actor ? Number(actor.id) : undefined,
    actorName: byName ? query.actor : undefined,
    since: query.since === undefined ? undefined : Date.parse(query.since),
    until: query.until === undefined ? undefined : Date.parse(query.until),
    limit: query.limit,
  });
  const last = entries.at(-1);
  return { entries, nextBefore: entries.length === query.limit && last ? last.id : null };
}

function toEntry(row: AuditRow): AuditEntry {
  return {
    id: Number(row.id),
    at: new Date(Number(row.at)).toISOString(),
    actor: row.actor_name,
    actorId: row.actor_id === null ? null : Number(row.actor_id),
    action: row.action,
    target: row.target,
    address: row.address,
    details: parseDetails(row.details),
  };
}

function parseDetails(text: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
