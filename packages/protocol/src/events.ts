import { z } from "zod";
import type { ErrorBody } from "./errors.js";
import type { DataExport } from "./dataLifecycle.js";
import { seqSchema, type Availability, type HistoryPage, type Message, type RoomInfo, type RoomSummary, type User, type UserRef } from "./entities.js";
import { HISTORY_PAGE_MAX, historyAtSchema, sendMessageBodySchema } from "./rest.js";
import { reactionEmojiSchema, type CustomEmojiList } from "./customEmoji.js";
import { messageTextSchema, nameSchema } from "./text.js";
import type { RoomDeletedEvent } from "./moderation.js";
import type { PinEvent } from "./pins.js";

const idSchema = z.number().int().positive();

export const joinPayloadSchema = z.object({
  room: nameSchema,
  after: seqSchema.optional().describe("The last seq this client has; the ack then carries what came after it"),
  sinceRev: seqSchema.optional().describe("The last rev this client has; the ack's `updated` carries messages changed since"),
});
export const roomPayloadSchema = z.object({ room: nameSchema });
/** The same rules as `POST /api/rooms/:name/messages`, with the room in the payload. */
export const sendMessagePayloadSchema = sendMessageBodySchema.extend({ room: nameSchema });
export const messageRefPayloadSchema = z.object({ room: nameSchema, id: idSchema });
export const editMessagePayloadSchema = messageRefPayloadSchema.extend({ text: messageTextSchema });
export const reactPayloadSchema = messageRefPayloadSchema.extend({ emoji: reactionEmojiSchema, on: z.boolean() });
export const markReadPayloadSchema = z.object({ room: nameSchema, seq: seqSchema });
/** A tab's user stopped giving input for the idle time, or came back; the server decides from all their tabs. */
export const activityPayloadSchema = z.object({ idle: z.boolean() });
export const typingPayloadSchema = z.object({ room: nameSchema, typing: z.boolean() });
export const historyPayloadSchema = z.object({
  room: nameSchema,
  limit: z.number().int().min(1).max(HISTORY_PAGE_MAX).default(50),
  before: seqSchema.optional(),
  after: seqSchema.optional(),
  at: historyAtSchema.optional(),
});

export type JoinPayload = z.infer<typeof joinPayloadSchema>;
export type RoomPayload = z.infer<typeof roomPayloadSchema>;
export type SendMessagePayload = z.input<typeof sendMessagePayloadSchema>;
export type MessageRefPayload = z.infer<typeof messageRefPayloadSchema>;
export type EditMessagePayload = z.infer<typeof editMessagePayloadSchema>;
export type ReactPayload = z.infer<typeof reactPayloadSchema>;
export type MarkReadPayload = z.infer<typeof markReadPayloadSchema>;
export type TypingPayload = z.infer<typeof typingPayloadSchema>;
export type ActivityPayload = z.infer<typeof activityPayloadSchema>;
export type HistoryPayload = z.input<typeof historyPayloadSchema>;

/** Every acknowledgement: `{ ok: true, ... }` or `{ ok: false, error }`. */
export type Ack<T extends object = object> = ({ ok: true } & T) | { ok: false; error: ErrorBody };
export type AckCallback<T extends object = object> = (result: Ack<T>) => void;

/**
 * What `join` answers. Without `after`: the latest page. With `after`: what came after it, oldest first
 * (`hasNewer` says another page follows). When the client is too far behind to catch up, `reset` is true
 * and `messages` is the latest page: the client must drop what it shows of the room and start again.
 * `online` is `room.online`: up to ONLINE_PAGE of the members online; `room.onlineCount` counts them all.
 * `presence` events keep both current while the room has at most ONLINE_PAGE online; past that,
 * `online_count` events keep the count.
 */
export type JoinResult = HistoryPage & {
  room: RoomInfo;
  online: UserRef[];
  /** Of the people in `online`, those who are away, in do-not-disturb or show a custom status, by user id. */
  availability?: Record<string, Availability>;
  reset: boolean;
  updated: Message[];
};
export type ThreadResult = { root: Message; replies: Message[] };

export interface ClientToServerEvents {
  join: (payload: JoinPayload, ack: AckCallback<JoinResult>) => void;
  leave_room: (payload: RoomPayload, ack?: AckCallback) => void;
  send_message: (payload: SendMessagePayload, ack: AckCallback<{ message: Message }>) => void;
  typing: (payload: TypingPayload, ack?: AckCallback) => void;
  history: (payload: HistoryPayload, ack: AckCallback<HistoryPage>) => void;
  edit_message: (payload: EditMessagePayload, ack: AckCallback<{ message: Message }>) => void;
  delete_message: (payload: MessageRefPayload, ack: AckCallback<{ message: Message }>) => void;
  react: (payload: ReactPayload, ack: AckCallback<{ message: Message }>) => void;
  thread: (payload: MessageRefPayload, ack: AckCallback<ThreadResult>) => void;
  mark_read: (payload: MarkReadPayload, ack?: AckCallback) => void;
  activity: (payload: ActivityPayload, ack?: AckCallback) => void;
}

export interface TypingEvent {
  room: string;
  user: UserRef;
  typing: boolean;
}
export interface MembershipEvent {
  room: string;
  user: UserRef;
  /** The room's member count after the change, where the server read it (joins). */
  memberCount?: number;
}
/** One of several membership changes of a room sent together (`memberships`): `joined` says which way. */
export interface MembershipChange extends MembershipEvent {
  joined: boolean;
}
/** What a room with more than ONLINE_PAGE members online gets instead of membership events: its member count now. */
export interface MemberCountEvent {
  room: string;
  memberCount: number;
}
/** Sent to each room the user is a member of when their first tab opens or their last one closes; `onlineCount` is the room's count after it. */
export interface PresenceEvent {
  room: string;
  user: UserRef;
  online: boolean;
  onlineCount: number;
}
/** What a room with more than ONLINE_PAGE members online gets instead of presence events: how many are online now. */
export interface OnlineCountEvent {
  room: string;
  onlineCount: number;
}
/** To the user's rooms and tabs: how they are changed (away, do-not-disturb, custom status). */
export interface AvailabilityEvent {
  user: UserRef;
  availability: Availability;
}
export interface ReadEvent {
  room: string;
  seq: number;
  unread: number;
  mentions: number;
}
export interface RoomUpdatedEvent {
  previousName: string;
  name: string;
  topic: string;
  archived: boolean;
}
export interface RoomGoneEvent {
  room: string;
  /** banned: removed by a moderator and kept out until unbanned. */
  reason: "removed" | "left" | "archived" | "banned";
}

/** To the caller's own tabs: a slash command's answer meant for them alone (`ephemeral`). */
export interface CommandReplyEvent {
  room: string;
  command: string;
  text: string;
}

export interface ServerToClientEvents {
  message: (message: Message) => void;
  /** Several messages of one room at once, in seq order: a busy room's messages of a few milliseconds. */
  messages: (messages: Message[]) => void;
  typing: (event: TypingEvent) => void;
  user_joined: (event: MembershipEvent) => void;
  user_left: (event: MembershipEvent) => void;
  /** Several membership changes of one room at once, in the order they happened (a crowd arriving). */
  memberships: (events: MembershipChange[]) => void;
  /** Instead of membership events, in a room with more than ONLINE_PAGE members online. */
  member_count: (event: MemberCountEvent) => void;
  presence: (event: PresenceEvent) => void;
  /** Several presence changes of one room at once, in the order they happened (many people connecting together). */
  presences: (events: PresenceEvent[]) => void;
  online_count: (event: OnlineCountEvent) => void;
  /** A message was edited, deleted, reacted to or replied to: its whole new state. */
  message_updated: (message: Message) => void;
  /** To the user's own tabs: they read the room up to seq (on some device, maybe back for "mark unread"), and what is unread after it. */
  read: (event: ReadEvent) => void;
  /** To the user's own tabs: a room appeared for them (invited, DM opened, created elsewhere); to everyone: a new public room to join. */
  room_added: (room: RoomSummary) => void;
  /** A room's name, topic or archived state changed; `previousName` keys the client's state. */
  room_updated: (event: RoomUpdatedEvent) => void;
  /** To the user's own tabs: the room is no longer theirs. */
  room_removed: (event: RoomGoneEvent) => void;
  /** The room was deleted: to everyone who could see it (members; everyone for a public room). */
  room_deleted: (event: RoomDeletedEvent) => void;
  profile_updated: (user: User) => void;
  availability: (event: AvailabilityEvent) => void;
  command_reply: (event: CommandReplyEvent) => void;
  /** To the room's members: a message was pinned or unpinned (issue 19). */
  pin_changed: (event: PinEvent) => void;
  /** To the user's own tabs: the archive they asked for ("download my data") is ready, or failed. */
  data_export_ready: (event: DataExport) => void;
  /** To everyone: an admin added or deleted a custom emoji; the whole list as it now is. */
  custom_emoji: (event: CustomEmojiList) => void;
}

/** Sent in the Socket.IO handshake as `auth`. */
export const handshakeAuthSchema = z.object({
  token: z.string().max(512).optional(),
  protocol: z.number().int().optional(),
});
export type HandshakeAuth = z.infer<typeof handshakeAuthSchema>;

/** Sockets larger than this are cut off by the server. */
export const MAX_FRAME_BYTES = 64 * 1024;
