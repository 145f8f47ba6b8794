import type { NatterClient, StaplesApi, UploadOptions } from "@natter/client";
import type {
  ApiToken,
  Attachment,
  Availability,
  Ban,
  Command,
  CommandReplyEvent,
  CommandResult,
  Delivery,
  IncomingHook,
  OutgoingHook,
  Member,
  MentionsQuery,
  MentionsResponse,
  Message,
  PinEvent,
  NotificationSettings,
  Profile,
  PushSubscriptionBody,
  SearchQuery,
  SearchResponse,
  SessionInfo,
  SetAvailabilityBody,
  ThreadResult,
  ThreadsQuery,
  ThreadsResponse,
  TotpSetup,
  TwoFactorStatus,
  TokenScope,
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
  /** The room directory, pins and saved messages (issue 19). */
  staples: StaplesApi;
  thread(room: string, rootId: number): Promise<ThreadResult>;
  /** The seq of the room's first message sent at or after `at` (ISO 8601), or null when none is that new. */
  firstSeqFrom(room: string, at: string): Promise<number | null>;
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
  /** A message of one of the user's rooms was pinned or unpinned. */
  onPinChanged(listener: (event: PinEvent) => void): () => void;
  /** Reports a message to the moderators; bans of a room, for its member list. */
  report(messageId: number, reason: string): Promise<void>;
  bans(room: string): Promise<Ban[]>;
  // Issue 17: the profile's security section.
  twoFactor(): Promise<TwoFactorStatus>;
  startTwoFactor(): Promise<TotpSetup>;
  confirmTwoFactor(code: string): Promise<string[]>;
  disableTwoFactor(code: string): Promise<TwoFactorStatus>;
  sessions(): Promise<SessionInfo[]>;
  endSession(id: string): Promise<void>;
  endOtherSessions(): Promise<number>;
  /** Built-in and custom slash commands, for completion. */
  commands(): Promise<Command[]>;
  runCommand(room: string, command: string, text: string, replyTo?: number): Promise<CommandResult>;
  /** A command's answer for this user alone (its own tabs only). */
  onCommandReply(listener: (reply: CommandReplyEvent) => void): () => void;
  /** A room's incoming webhooks (its owners and admins); a URL is in the answer of a creation or rotation only. */
  incomingHooks(room: string): Promise<IncomingHook[]>;
  createIncomingHook(room: string, name: string, emoji: string): Promise<{ hook: IncomingHook; url: string }>;
  rotateIncomingHook(room: string, id: number): Promise<{ hook: IncomingHook; url: string }>;
  deleteIncomingHook(room: string, id: number): Promise<void>;
  /** Outgoing webhooks the user made (every one, for admins); a signing secret is in a creation's or rotation's answer only. */
  outgoingHooks(): Promise<OutgoingHook[]>;
  createOutgoingHook(input: { room?: string; bot?: string; url: string; triggerWords: string[] }): Promise<{ hook: OutgoingHook; secret: string }>;
  rotateOutgoingHook(id: number): Promise<{ hook: OutgoingHook; secret: string }>;
  deleteOutgoingHook(id: number): Promise<void>;
  deliveries(id: number): Promise<Delivery[]>;
  /** The user's access tokens; a token itself is in the answer of its creation only. */
  tokens(): Promise<ApiToken[]>;
  createToken(name: string, scopes: TokenScope[]): Promise<{ token: string; info: ApiToken }>;
  revokeToken(id: number): Promise<void>;
  roomInfo(room: string): Promise<RoomInfo>;
  setRoomRetention(room: string, days: number | null): Promise<RoomRetention>;
  requestDataExport(): Promise<DataExport>;
  onDataExportReady(listener: (archive: DataExport) => void): () => void;
  /** The server ends every session: session_ended follows, as for any ended session. */
  deleteAccount(password: string): Promise<void>;
  /** Ends every other session; this tab continues on the new session the answer sets. */
  changePassword(current: string, next: string): Promise<void>;
}

export function serverCalls(client: NatterClient): ServerCalls {
  return {
    members: (room) => client.members(room),
    staples: client.staples,
    thread: (room, rootId) => client.thread(room, rootId),
    firstSeqFrom: async (room, at) => (await client.history(room, { at, limit: 1 })).messages[0]?.seq ?? null,
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
    onPinChanged: (listener) => client.on("pin_changed", listener),
    report: (messageId, reason) => client.moderation.report(messageId, reason).then(() => undefined),
    bans: (room) => client.moderation.bans(room),
    twoFactor: () => client.twoFactor(),
    startTwoFactor: () => client.startTwoFactor(),
    confirmTwoFactor: (code) => client.confirmTwoFactor(code),
    disableTwoFactor: (code) => client.disableTwoFactor(code),
    sessions: () => client.sessions(),
    endSession: (id) => client.endSession(id),
    endOtherSessions: () => client.endOtherSessions(),
    commands: () => client.integrations.commands(),
    runCommand: (room, command, text, replyTo) => client.integrations.runCommand(room, command, text, replyTo === undefined ? {} : { replyTo }),
    onCommandReply: (listener) => client.on("command_reply", listener),
    incomingHooks: (room) => client.integrations.incomingHooks(room),
    createIncomingHook: (room, name, emoji) => client.integrations.createIncomingHook(room, name, emoji),
    rotateIncomingHook: (room, id) => client.integrations.rotateIncomingHook(room, id),
    deleteIncomingHook: (room, id) => client.integrations.deleteIncomingHook(room, id),
    outgoingHooks: () => client.integrations.outgoingHooks(),
    createOutgoingHook: (input) => client.integrations.createOutgoingHook(input),
    rotateOutgoingHook: (id) => client.integrations.rotateOutgoingHook(id),
    deleteOutgoingHook: (id) => client.integrations.deleteOutgoingHook(id),
    deliveries: (id) => client.integrations.deliveries(id),
    tokens: () => client.integrations.tokens(),
    createToken: (name, scopes) => client.integrations.createToken(name, scopes),
    revokeToken: (id) => client.integrations.revokeToken(id),
    roomInfo: (room) => client.roomInfo(room),
    setRoomRetention: (room, days) => client.setRoomRetention(room, days),
    requestDataExport: () => client.requestDataExport(),
    onDataExportReady: (listener) => client.on("data_export_ready", listener),
    deleteAccount: (password) => client.deleteAccount(password),
    changePassword: (current, next) => client.changePassword(current, next).then(() => undefined),
  };
}
