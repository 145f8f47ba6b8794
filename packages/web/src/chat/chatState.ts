import type { ConnectionStatus } from "@natter/client";
import type { Attachment, Availability, Message, RoomSummary, ServerLimits, User, UserRef } from "@natter/protocol";

export interface PendingMessage {
  clientMsgId: string;
  room: string;
  text: string;
  /** On its way; waiting for the connection (it goes out on reconnect); or refused by the server, with why. */
  status: "pending" | "waiting" | "failed";
  reason?: string;
  /** When it was written (ms since epoch): the outbox keeps it 24 h. */
  queuedAt: number;
  replyTo?: number;
  inRoom?: boolean;
  /** Files already uploaded, sent by id with the text. */
  attachments?: Attachment[];
}

export interface RoomView {
  /** Every loaded message of the room, thread-only replies included, by seq. */
  messages: Message[];
  hasOlder: boolean;
  loadingOlder: boolean;
  /** Some of the room's members who are online (the server sends up to 50), and how many there are in all. */
  online: UserRef[];
  onlineCount: number;
  /** The first message that was unread when the room was opened: the "new messages" line goes above it. */
  firstUnreadSeq: number | null;
  /** Older messages were deleted by retention (ISO time); the top of the history says so. */
  historyStartsAt?: string | null;
}

export interface ChatState {
  me: User;
  status: ConnectionStatus;
  rooms: RoomSummary[];
  views: Record<string, RoomView>;
  pending: PendingMessage[];
  /** room → username → when the indicator expires (ms since epoch). */
  typing: Record<string, Record<string, number>>;
  current: string | null;
  /** Who reacted: user ids in reactions are shown by name. */
  names: Record<number, string>;
  /** By user id: away, do-not-disturb and custom status of people seen online (absent: nothing to show). */
  availability: Record<number, Availability>;
  /** The last failure of an action, shown translated from its code (a NatterError) until closed. */
  error: Error | null;
  /** What the server accepts, as it says at start; null until then. */
  limits: ServerLimits | null;
  /** Threads the reader follows (started, answered, mentioned in): root id → others' replies not read yet. */
  threads: Record<number, number>;
}

export const emptyView: RoomView = { messages: [], hasOlder: false, loadingOlder: false, online: [], onlineCount: 0, firstUnreadSeq: null };

export function initialState(me: User): ChatState {
  return {
    me,
    status: "connecting",
    rooms: [],
    views: {},
    pending: [],
    typing: {},
    current: null,
    names: { [me.id]: me.username },
    availability: {},
    error: null,
    limits: null,
    threads: {},
  };
}

export function withNames(names: Record<number, string>, users: readonly UserRef[]): Record<number, string> {
  if (users.every((user) => names[user.id] === user.username)) return names;
  const next = { ...names };
  for (const user of users) next[user.id] = user.username;
  return next;
}

export function sortRooms(rooms: RoomSummary[]): RoomSummary[] {
  return rooms.slice().sort((a, b) => a.name.localeCompare(b.name));
}

/** What a DM is called: the other people in it, by display name when known. */
export function roomTitle(room: RoomSummary, me: UserRef, people: Readonly<Record<number, { displayName: string }>> = {}): string {
  if (room.kind !== "dm") return room.name;
  const others = room.members.filter((member) => member.id !== me.id).map((member) => people[member.id]?.displayName ?? member.username);
  return others.length > 0 ? others.join(", ") : me.username;
}
