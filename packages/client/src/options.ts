import type {
  CustomEmojiList,
  DataExport,
  PinEvent,
  AvailabilityEvent,
  CommandReplyEvent,
  MemberCountEvent,
  MembershipEvent,
  Message,
  OnlineCountEvent,
  PresenceEvent,
  ReadEvent,
  RoomGoneEvent,
  RoomDeletedEvent,
  RoomSummary,
  RoomUpdatedEvent,
  TypingEvent,
  User,
} from "@natter/protocol";

export type ConnectionStatus = "connecting" | "connected" | "catching-up" | "disconnected";

export interface NatterClientEvents {
  message: [Message];
  typing: [TypingEvent];
  user_joined: [MembershipEvent];
  user_left: [MembershipEvent];
  /** Instead of `user_joined` and `user_left`, in a room with more than ONLINE_PAGE members online. */
  member_count: [MemberCountEvent];
  presence: [PresenceEvent];
  /** Instead of `presence`, in a room with more than ONLINE_PAGE members online. */
  online_count: [OnlineCountEvent];
  /** A message's new state: edited, deleted, reacted to, or replied to. Also delivered for changes missed while away. */
  message_updated: [Message];
  read: [ReadEvent];
  room_added: [RoomSummary];
  room_updated: [RoomUpdatedEvent];
  room_removed: [RoomGoneEvent];
  room_deleted: [RoomDeletedEvent];
  profile_updated: [User];
  /** Someone in your rooms (or you, from any tab) turned away or back, changed do-not-disturb or their custom status. */
  availability: [AvailabilityEvent];
  /** A slash command's answer for this user alone. */
  command_reply: [CommandReplyEvent];
  /** Your "download my data" archive is ready (or failed): its `url` downloads it, signed in as you. */
  data_export_ready: [DataExport];
  /** A message of one of your rooms was pinned or unpinned. */
  pin_changed: [PinEvent];
  /** An admin added or deleted a custom emoji: the whole list as it now is. */
  custom_emoji: [CustomEmojiList];
  /** The session was ended elsewhere (logout, password change, deactivation): the client closed; log in again. */
  session_ended: [{ code: string; message: string }];
  /** The connection changed; "connected" comes only after every joined room has caught up. */
  status: [ConnectionStatus];
  /** The client was too far behind in a room: replace what is shown of it with these messages. */
  reset: [{ room: string; messages: Message[] }];
}

/** How the client's parts announce events through the one NatterClient emitter. */
export type Emit = <K extends keyof NatterClientEvents>(event: K, ...args: NatterClientEvents[K]) => void;

export interface NatterClientOptions {
  /** The server's origin, e.g. "http://localhost:5000". */
  url: string;
  /** A session token from an earlier log-in; without one the browser's session cookie is used. */
  token?: string;
  fetch?: typeof fetch;
  /** How long one attempt of a send waits for its acknowledgement before trying again. */
  sendTimeoutMs?: number;
  /** How long any other request over the socket waits for its answer before failing with UNAVAILABLE. */
  ackTimeoutMs?: number;
  /** Socket.IO transports, websocket first by default. */
  transports?: ("websocket" | "polling")[];
}

export interface UploadOptions {
  /** Called with the fraction sent, 0 to 1. */
  onProgress?: (fraction: number) => void;
  signal?: AbortSignal;
}

export interface SendOptions {
  /** Reuse the id of an earlier attempt to retry it; the server stores the message once. */
  clientMsgId?: string;
  /** Reply to this message, in its thread. */
  replyTo?: number;
  /** With replyTo: false posts to the thread only, true also to the room. */
  inRoom?: boolean;
  /** Ids of uploaded files to attach (the text may then be empty). */
  attachments?: string[];
  /** Stop retrying after this long and reject (the message may still have been stored). */
  giveUpAfterMs?: number;
}
