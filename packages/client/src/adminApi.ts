import { routes, type AuditQuery, type AuditResponse } from "@natter/protocol";
import { call, type HttpOptions } from "./http.js";

/**
 * The admin console's calls (`client.admin.…`), for admins and moderators. Anyone else gets NOT_FOUND, as
 * the server answers them like an address with no route.
 */
export class AdminApi {
  constructor(private readonly http: HttpOptions) {}

  /** A page of the audit log, newest first; pass `nextBefore` as `before` for the next. */
  audit(query: AuditQuery = {}): Promise<AuditResponse> {
    return call(this.http, routes.audit, { query });
  }
}
