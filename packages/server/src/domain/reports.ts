import type { Report, ReportAction, ReportsResponse, User } from "@natter/protocol";
import type { ReportListing } from "../storage/queries/moderation.js";
import { requireStaff } from "./adminAccess.js";
import { recordAudit } from "./audit.js";
import { banFromRoom } from "./bans.js";
import type { Domain } from "./context.js";
import { Refusal } from "./errors.js";
import { spend } from "./limits.js";
import { deleteMessage } from "./messages.js";

/**
 * Any member reports a message; moderators and admins see the open reports of the rooms they can see and
 * act on each: dismiss it, delete the message, or ban its author from the room. Acting resolves the report.
 */
export async function reportMessage(domain: Domain, user: User, messageId: number, reason: string, address?: string): Promise<Report> {
  const [message] = await domain.store.messagesByIds([messageId]);
  // A message of a room the reporter is not in answers exactly like one that does not exist.
  const member = message && (await domain.store.membership(message.room_id, user.id));
  if (!message || !member) throw messageNotFound(messageId);
  if (message.deleted_at !== null) throw new Refusal("BAD_REQUEST", "This message is deleted already");
  await spend(domain.limits, "reports", user.id);
  const stored = await domain.store.createReport({ messageId, roomId: message.room_id, reporterId: user.id, reason, createdAt: domain.now() });
  if (!stored) throw new Refusal("ALREADY_REPORTED", "You have reported this message already; a moderator will look at it");
  await recordAudit(domain, { actor: user, action: "report.create", target: `message:${messageId}`, address, details: { report: Number(stored.id) } });
  return toReport(await existingReport(domain, Number(stored.id)));
}

/** Open reports, newest first: every room's for admins, the rooms they can see for moderators. */
export async function openReports(domain: Domain, user: User | null, query: { before?: number | undefined; limit: number }): Promise<ReportsResponse> {
  const staff = await requireStaff(domain, user);
  const rows = await domain.store.openReports({ beforeId: query.before, limit: query.limit, visibleTo: staff.role === "admin" ? undefined : staff.id });
  const last = rows.at(-1);
  return { reports: rows.map(toReport), nextBefore: rows.length === query.limit && last ? Number(last.id) : null };
}

/** Enough of the message to judge it in the console's list. */
const EXCERPT = 500;

const STATUS = { dismiss: "dismissed", delete: "deleted", ban: "banned" } as const;

export async function resolveReport(domain: Domain, user: User | null, id: number, action: ReportAction, address?: string): Promise<Report> {
  const staff = await requireStaff(domain, user);
  const report = await existingReport(domain, id);
  const canSee = staff.role === "admin" || report.room_kind === "public" || (await domain.store.isMember(Number(report.room_id), staff.id));
  if (!canSee) throw reportNotFound(id);
  if (report.status !== "open") throw new Refusal("BAD_REQUEST", `Report ${id} is resolved already`);
  // The action itself checks the moderator's power in that room and writes its own audit entry.
  if (action === "delete") await deleteMessage(domain, staff, { room: report.room_name, id: Number(report.message_id) }, address);
  if (action === "ban") await banFromRoom(domain, staff, report.room_name, report.author_name, address);
  await domain.store.resolveReports(id, { status: STATUS[action], by: staff.id, at: domain.now(), wholeMessage: action !== "dismiss" });
  await recordAudit(domain, {
    actor: staff,
    action: `report.${action}`,
    target: `message:${Number(report.message_id)}`,
    address,
    details: { report: id, room: report.room_name },
  });
  return toReport(await existingReport(domain, id));
}

async function existingReport(domain: Domain, id: number): Promise<ReportListing> {
  const report = await domain.store.reportById(id);
  if (!report) throw reportNotFound(id);
  return report;
}

function toReport(row: ReportListing): Report {
  const deleted = row.message_deleted_at !== null;
  return {
    id: Number(row.id),
    room: row.room_name,
    messageId: Number(row.message_id),
    excerpt: deleted ? "" : [...row.message_text].slice(0, EXCERPT).join(""),
    messageDeleted: deleted,
    author: { id: Number(row.author_id), username: row.author_name },
    reporter: { id: Number(row.reporter_id), username: row.reporter_name },
    reason: row.reason,
    createdAt: new Date(Number(row.created_at)).toISOString(),
    status: row.status,
    resolvedBy: row.resolver_name,
    resolvedAt: row.resolved_at === null ? null : new Date(Number(row.resolved_at)).toISOString(),
  };
}

function messageNotFound(id: number): Refusal {
  return new Refusal("NOT_FOUND", `No message ${id}`);
}

function reportNotFound(id: number): Refusal {
  return new Refusal("NOT_FOUND", `No report ${id}`);
}
