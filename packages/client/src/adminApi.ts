import {
  routes,
  type AdminRoomsQuery,
  type AdminRoomsResponse,
  type ReportAction,
  type Report,
  type ReportsQuery,
  type ReportsResponse,
  type AccessSettings,
  type AccessSettingsPatch,
  type AdminUser,
  type AdminUserPatch,
  type AdminUsersQuery,
  type AdminUsersResponse,
  type AuditQuery,
  type AuditResponse,
  type CreatedInvite,
  type CustomEmoji,
  type CreateInviteBody,
  type Invite,
  type Overview,
  type ResetLink,
} from "@natter/protocol";
import { call, urlOf, type HttpOptions } from "./http.js";

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

  /** The address of the audit log as JSON lines with these filters (a download, for a link or `fetch`). */
  auditExportUrl(query: Omit<AuditQuery, "limit"> = {}): string {
    return urlOf(this.http, routes.auditExport, { query });
  }

  overview(): Promise<Overview> {
    return call(this.http, routes.overview);
  }

  settings(): Promise<AccessSettings> {
    return call(this.http, routes.adminSettings);
  }

  /** Changes only what the patch names; answers the settings now in force. */
  updateSettings(patch: AccessSettingsPatch): Promise<AccessSettings> {
    return call(this.http, routes.updateAdminSettings, { body: patch });
  }

  /** The code and link are shown this once: the server keeps only their hash. */
  createInvite(body: CreateInviteBody = {}): Promise<CreatedInvite> {
    return call(this.http, routes.createInvite, { body });
  }

  async invites(): Promise<Invite[]> {
    return (await call(this.http, routes.invites)).invites;
  }

  async revokeInvite(id: number): Promise<void> {
    await call(this.http, routes.revokeInvite, { params: { id } });
  }

  /** People by part of their name, a page at a time: pass `nextCursor` as `cursor` for the next. */
  users(query: AdminUsersQuery = {}): Promise<AdminUsersResponse> {
    return call(this.http, routes.adminUsers, { query });
  }

  /** A role change, a deactivation (or reactivation), or both. */
  async updateUser(username: string, change: AdminUserPatch): Promise<AdminUser> {
    return (await call(this.http, routes.updateAdminUser, { params: { username }, body: change })).user;
  }

  /** Adds a custom emoji: a PNG, GIF or WebP of at most 256 KB, stored resized. Answers the new list. */
  async addCustomEmoji(name: string, image: Blob | Uint8Array): Promise<CustomEmoji[]> {
    const body = image instanceof Uint8Array ? new Blob([image as Uint8Array<ArrayBuffer>]) : image;
    return (await call(this.http, routes.addCustomEmoji, { query: { name }, body })).emoji;
  }

  async deleteCustomEmoji(name: string): Promise<CustomEmoji[]> {
    return (await call(this.http, routes.deleteCustomEmoji, { params: { name } })).emoji;
  }

  /** A one-time link (valid a day) where the person sets a new password. */
  resetLink(username: string): Promise<ResetLink> {
    return call(this.http, routes.resetLink, { params: { username } });
  }
}
