import type { Kysely } from "kysely";
import type { AuditRow, Database } from "../schema.js";

export type NewAuditRow = Omit<AuditRow, "id">;

export interface AuditFilter {
  /** Newest first; continue below this id. */
  beforeId?: number | undefined;
  action?: string | undefined;
  actorId?: number | undefined;
  /** For actors without an account ("cli", "system") or one since deleted. */
  actorName?: string | undefined;
  since?: number | undefined;
  until?: number | undefined;
  limit: number;
}

/** The audit log: appended to, read newest first; there is deliberately no update or delete. */
export function auditQueries(db: Kysely<Database>) {
  return {
    async appendAudit(row: NewAuditRow) {
      await db.insertInto("audit_log").values(row).execute();
    },

    listAudit(filter: AuditFilter) {
      let query = db.selectFrom("audit_log").selectAll().orderBy("id", "desc").limit(filter.limit);
      if (filter.beforeId !== undefined) query = query.where("id", "<", filter.beforeId);
      if (filter.action !== undefined) query = query.where("action", "=", filter.action);
      if (filter.actorId !== undefined) query = query.where("actor_id", "=", filter.actorId);
      if (filter.actorName !== undefined) query = query.where("actor_name", "=", filter.actorName);
      if (filter.since !== undefined) query = query.where("at", ">=", filter.since);
      if (filter.until !== undefined) query = query.where("at", "<", filter.until);
      return query.execute();
    },
  };
}
