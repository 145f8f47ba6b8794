import {
  routes,
  type AdminRoomsQuery,
  type AdminRoomsResponse,
  type AuditQuery,
  type AuditResponse,
  type Report,
  type ReportAction,
  type ReportsQuery,
  type ReportsResponse,
} from "@natter/protocol";
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

  /** Open reports, newest first (admins: every room's; moderators: the rooms they can see). */
  reports(query: ReportsQuery = {}): Promise<ReportsResponse> {
    return call(this.http, routes.reports, { query });
  }

  /** Acts on a report: dismiss it, delete the message, or ban its author from the room. Each resolves it. */
  async resolveReport(id: number, action: ReportAction): Promise<Report> {
    return (await call(this.http, routes.resolveReport, { params: { id }, body: { action } })).report;
  }

  /** Every room but direct conversations, private ones too, by name (admins). */
  rooms(query: AdminRoomsQuery = {}): Promise<AdminRoomsResponse> {
    return call(this.http, routes.adminRooms, { query });
  }
}
