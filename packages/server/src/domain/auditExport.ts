import type { auditExportQuerySchema, User } from "@natter/protocol";
import type { z } from "zod";
import { auditPage, recordAudit } from "./audit.js";
import type { Domain } from "./context.js";

/** Read a thousand at a time, so a long export holds little in memory and each query stays short. */
const EXPORT_PAGE = 1_000;

/** The audit log as JSON lines, newest first, with the page's filters; the export itself is logged first. */
export async function* auditLines(domain: Domain, admin: User, query: z.output<typeof auditExportQuerySchema>, address: string): AsyncGenerator<string> {
  await recordAudit(domain, { actor: admin, action: "audit.export", address, details: { ...query } });
  let left = query.limit;
  let before = query.before;
  while (left > 0) {
    const page = await auditPage(domain, { ...query, before, limit: Math.min(EXPORT_PAGE, left) });
    for (const entry of page.entries) yield `${JSON.stringify(entry)}\n`;
    left -= page.entries.length;
    if (page.nextBefore === null) return;
    before = page.nextBefore;
  }
}
