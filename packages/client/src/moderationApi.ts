import { routes, type Ban, type Report } from "@natter/protocol";
import { call, type HttpOptions } from "./http.js";

/**
 * Deleting rooms, bans and reports (`client.moderation.…`). The server decides who may: room owners and
 * admins, server moderators and admins; reporting is for any member of the message's room.
 */
export class ModerationApi {
  constructor(private readonly http: HttpOptions) {}

  /** Deletes the room for everyone (its owners and server admins); its messages and files go. */
  async deleteRoom(name: string): Promise<void> {
    await call(this.http, routes.deleteRoom, { params: { name } });
  }

  /** Who is banned from the room, oldest ban first. */
  async bans(name: string): Promise<Ban[]> {
    return (await call(this.http, routes.bans, { params: { name } })).bans;
  }

  /** Removes the person from the room at once and keeps them out (refused with BANNED) until unbanned. */
  async ban(name: string, username: string): Promise<Ban> {
    return (await call(this.http, routes.ban, { params: { name }, body: { username } })).ban;
  }

  /** Lifts a ban; lifting one that is not there is no error. */
  async unban(name: string, username: string): Promise<void> {
    await call(this.http, routes.unban, { params: { name, username } });
  }

  /** Reports a message to the moderators; one open report per message (ALREADY_REPORTED after). */
  async report(messageId: number, reason: string): Promise<Report> {
    return (await call(this.http, routes.report, { params: { id: messageId }, body: { reason } })).report;
  }
}
