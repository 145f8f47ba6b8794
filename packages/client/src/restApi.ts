import {
  routes,
  type Attachment,
  type Availability,
  type SetAvailabilityBody,
  type HistoryPage,
  type CustomEmoji,
  type Message,
  type MentionsQuery,
  type MentionsResponse,
  type ReadState,
  type ServerRole,
  type ThreadsQuery,
  type ThreadsResponse,
  type HistoryPayload,
  type Member,
  type NotificationSettings,
  type NotifyLevel,
  type PushSubscriptionBody,
  type Profile,
  type RoomInfo,
  type RoomSummary,
  type SearchQuery,
  type SearchResponse,
  type ServerLimits,
  type UpdateMeBody,
  type UpdateRoomBody,
  type User,
  type ImportJob,
  type UserRef,
  type RoomRetention,
} from "@natter/protocol";
import { AdminApi } from "./adminApi.js";
import { PeopleApi } from "./peopleApi.js";
import { ModerationApi } from "./moderationApi.js";
import { StaplesApi } from "./staplesApi.js";
import { IntegrationsApi } from "./integrationsApi.js";
import { AccountApi } from "./accountApi.js";
import { call, uploadWithProgress } from "./http.js";
import type { UploadOptions } from "./options.js";

/** The REST half of the SDK: one method per route of the protocol's table (the account's own are AccountApi's). */
export class RestApi extends AccountApi {
  /** The console's calls, on the same session. */
  readonly admin: AdminApi;
  /** The people directory and avatars. */
  readonly people: PeopleApi;
  readonly moderation: ModerationApi;
  /** The room directory, pins and saved messages, on the same session. */
  readonly staples: StaplesApi;
  /** Tokens, bots, webhooks and slash commands, on the same session. */
  readonly integrations: IntegrationsApi;

  constructor(url: string, token: string | null, fetcher: typeof fetch | undefined) {
    super(url, token, fetcher);
    this.admin = new AdminApi(this.http);
    this.people = new PeopleApi(this.http);
    this.moderation = new ModerationApi(this.http);
    this.staples = new StaplesApi(this.http);
    this.integrations = new IntegrationsApi(this.http);
  }

  async limits(): Promise<ServerLimits> {
    return (await call(this.http, routes.limits)).limits;
  }

  async rooms(): Promise<RoomSummary[]> {
    return (await call(this.http, routes.rooms)).rooms;
  }

  async createRoom(name: string, topic: string, isPrivate: boolean): Promise<RoomSummary> {
    return (await call(this.http, routes.createRoom, { body: { name, topic, private: isPrivate } })).room;
  }

  async roomInfo(name: string): Promise<RoomInfo> {
    return (await call(this.http, routes.roomInfo, { params: { name } })).room;
  }

  async onlineUsers(): Promise<UserRef[]> {
    return (await call(this.http, routes.onlineUsers)).users;
  }

  async updateRoom(name: string, change: UpdateRoomBody): Promise<RoomSummary> {
    return (await call(this.http, routes.updateRoom, { params: { name }, body: change })).room;
  }

  async members(name: string): Promise<Member[]> {
    return (await call(this.http, routes.members, { params: { name } })).members;
  }

  async invite(name: string, username: string): Promise<Member> {
    return (await call(this.http, routes.invite, { params: { name }, body: { username } })).member;
  }

  async removeMember(name: string, username: string): Promise<void> {
    await call(this.http, routes.removeMember, { params: { name, username } });
  }

  async setMemberRole(name: string, username: string, role: "admin" | "member"): Promise<void> {
    await call(this.http, routes.setMemberRole, { params: { name, username }, body: { role } });
  }

  async setNotify(name: string, level: NotifyLevel): Promise<void> {
    await call(this.http, routes.setNotify, { params: { name }, body: { level } });
  }

  async pushKey(): Promise<string> {
    return (await call(this.http, routes.pushKey, {})).publicKey;
  }

  async subscribePush(subscription: PushSubscriptionBody): Promise<void> {
    await call(this.http, routes.subscribePush, { body: subscription });
  }

  async unsubscribePush(endpoint: string): Promise<void> {
    await call(this.http, routes.unsubscribePush, { body: { endpoint } });
  }

  notificationSettings(): Promise<NotificationSettings> {
    return call(this.http, routes.notificationSettings, {});
  }

  setKeywords(keywords: string[]): Promise<NotificationSettings> {
    return call(this.http, routes.setKeywords, { body: { keywords } });
  }

  setEmail(email: string | null, language?: "en" | "zh-CN"): Promise<NotificationSettings> {
    return call(this.http, routes.setEmail, { body: { email, ...(language ? { language } : {}) } });
  }

  async openDirect(usernames: string[]): Promise<RoomSummary> {
    return (await call(this.http, routes.openDirect, { body: { usernames } })).room;
  }

  async profile(username: string): Promise<Profile> {
    return (await call(this.http, routes.profile, { params: { username } })).user;
  }

  async updateProfile(change: UpdateMeBody): Promise<User> {
    const { user } = await call(this.http, routes.updateMe, { body: change });
    this.user = user;
    return user;
  }

  async setAvailability(change: SetAvailabilityBody): Promise<Availability> {
    return (await call(this.http, routes.setAvailability, { body: change })).availability;
  }

  async setServerRole(username: string, role: ServerRole): Promise<User> {
    return (await call(this.http, routes.setServerRole, { params: { username }, body: { role } })).user;
  }

  async upload(data: Blob | Uint8Array, name: string, options: UploadOptions): Promise<Attachment> {
    const body = data instanceof Uint8Array ? new Blob([data as Uint8Array<ArrayBuffer>]) : data;
    const input = { query: { name }, body, signal: options.signal };
    if (options.onProgress && typeof XMLHttpRequest !== "undefined") {
      return (await uploadWithProgress(this.http, routes.upload, { ...input, onProgress: options.onProgress })).file;
    }
    return (await call(this.http, routes.upload, input)).file;
  }

  async startImport(data: Blob | Uint8Array, options: { dryRun?: boolean } & UploadOptions): Promise<ImportJob> {
    const body = data instanceof Uint8Array ? new Blob([data as Uint8Array<ArrayBuffer>]) : data;
    const input = { query: { dryRun: options.dryRun ? ("true" as const) : ("false" as const) }, body, signal: options.signal };
    if (options.onProgress && typeof XMLHttpRequest !== "undefined") {
      return (await uploadWithProgress(this.http, routes.startImport, { ...input, onProgress: options.onProgress })).job;
    }
    return (await call(this.http, routes.startImport, input)).job;
  }

  async importJob(id: string): Promise<ImportJob> {
    return (await call(this.http, routes.importJob, { params: { id } })).job;
  }

  async search(query: SearchQuery): Promise<SearchResponse> {
    return call(this.http, routes.search, { query });
  }

  async mentions(query: MentionsQuery): Promise<MentionsResponse> {
    return call(this.http, routes.mentions, { query });
  }

  async threads(query: ThreadsQuery): Promise<ThreadsResponse> {
    return call(this.http, routes.threads, { query });
  }

  async markUnread(room: string, seq: number): Promise<ReadState> {
    return call(this.http, routes.markUnread, { params: { name: room }, body: { seq } });
  }

  async customEmoji(): Promise<CustomEmoji[]> {
    return (await call(this.http, routes.customEmoji)).emoji;
  }

  async removePreview(room: string, id: number): Promise<Message> {
    return (await call(this.http, routes.removePreview, { params: { name: room, id } })).message;
  }

  async markThreadRead(room: string, rootId: number, seq: number): Promise<number> {
    return (await call(this.http, routes.markThreadRead, { params: { name: room, id: rootId }, body: { seq } })).seq;
  }

  async history(room: string, page: Omit<HistoryPayload, "room">): Promise<HistoryPage> {
    return call(this.http, routes.history, { query: { room, limit: page.limit, before: page.before, after: page.after, at: page.at } });
  }

  async setRoomRetention(room: string, days: number | null): Promise<RoomRetention> {
    return (await call(this.http, routes.setRoomRetention, { params: { name: room }, body: { days } })).retention;
  }
}
