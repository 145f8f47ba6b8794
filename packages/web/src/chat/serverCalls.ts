import type { NatterClient, UploadOptions } from "@natter/client";
import type {
  Attachment,
  Availability,
  Member,
  MentionsQuery,
  MentionsResponse,
  Message,
  NotificationSettings,
  Profile,
  PushSubscriptionBody,
  SearchQuery,
  SearchResponse,
  SetAvailabilityBody,
  ThreadResult,
  ThreadsQuery,
  ThreadsResponse,
  UpdateMeBody,
  User,
  DataExport,
  RoomInfo,
  RoomRetention,
} from "@natter/protocol";

/**
 * The calls whose answers a panel keeps for itself (a member list, a thread, search results, a profile,
 * an upload) rather than in the chat state. Reached through the ChatStore, so no component holds a client.
 */
export interface ServerCalls {
  members(room: string): Promise<Member[]>;
  thread(room: string, rootId: number): Promise<ThreadResult>;
  search(query: SearchQuery): Promise<SearchResponse>;
  mentions(query: MentionsQuery): Promise<MentionsResponse>;
  threads(query: ThreadsQuery): Promise<ThreadsResponse>;
  profile(username: string): Promise<Profile>;
  /** The new profile also arrives as profile_updated, which is what updates `me` in the chat state. */
  updateProfile(change: UpdateMeBody): Promise<User>;
  upload(file: File, options: UploadOptions): Promise<Attachment>;
  /** The answer also arrives as an availability event, which is what updates the chat state. */
  setAvailability(change: SetAvailabilityBody): Promise<Availability>;
  /** This tab's user went idle or came back. */
  reportActivity(idle: boolean): void;
  notificationSettings(): Promise<NotificationSettings>;
  setKeywords(keywords: string[]): Promise<NotificationSettings>;
  setEmail(email: string | null, language: "en" | "zh-CN"): Promise<NotificationSettings>;
  pushKey(): Promise<string>;
  subscribePush(subscription: PushSubscriptionBody): Promise<void>;
  unsubscribePush(endpoint: string): Promise<void>;
  /** Each message as it arrives, for what is not screen state (a system notification). */
  onMessage(listener: (message: Message) => void): () => void;
  roomInfo(room: string): Promise<RoomInfo>;
  setRoomRetention(room: string, days: number | null): Promise<RoomRetention>;
  requestDataExport(): Promise<DataExport>;
  onDataExportReady(listener: (archive: DataExport) => void): () => void;
  /** The server ends every session: session_ended follows, as for any ended session. */
  deleteAccount(password: string): Promise<void>;
}

export function serverCalls(client: NatterClient): ServerCalls {
  return {
    members: (room) => client.members(room),
    thread: (room, rootId) => client.thread(room, rootId),
    search: (query) => client.search(query),
    mentions: (query) => client.mentions(query),
    threads: (query) => client.threads(query),
    profile: (username) => client.profile(username),
    updateProfile: (change) => client.updateProfile(change),
    upload: (file, options) => client.upload(file, file.name, options),
    setAvailability: (change) => client.setAvailability(change),
    reportActivity: (idle) => client.activity(idle),
    notificationSettings: () => client.notificationSettings(),
    setKeywords: (keywords) => client.setKeywords(keywords),
    setEmail: (email, language) => client.setEmail(email, language),
    pushKey: () => client.pushKey(),
    subscribePush: (subscription) => client.subscribePush(subscription),
    unsubscribePush: (endpoint) => client.unsubscribePush(endpoint),
    onMessage: (listener) => client.on("message", listener),
    roomInfo: (room) => client.roomInfo(room),
    setRoomRetention: (room, days) => client.setRoomRetention(room, days),
    requestDataExport: () => client.requestDataExport(),
    onDataExportReady: (listener) => client.on("data_export_ready", listener),
    deleteAccount: (password) => client.deleteAccount(password),
  };
}
