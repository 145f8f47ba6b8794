import type { ServerToClientEvents, UserRef } from "@natter/protocol";

export type EventName = keyof ServerToClientEvents;
export type EventArgs<E extends EventName> = Parameters<ServerToClientEvents[E]>;

/** Someone came online or went offline, in these rooms of theirs. */
export interface RosterChange {
  user: UserRef;
  online: boolean;
  roomIds: number[];
}

/**
 * How the domain tells connected people what happened, after it is committed. The Socket.IO
 * implementation reaches every node through its adapter; the domain never sees a socket.
 */
export interface Publisher {
  /** False while events could not reach other nodes (Redis is away): sends are refused rather than silently local. */
  available(): boolean;
  toRoom<E extends EventName>(roomId: number, event: E, ...args: EventArgs<E>): void;
  /** To the room, but not to any tab of this user. */
  toRoomExceptUser<E extends EventName>(roomId: number, userId: number, event: E, ...args: EventArgs<E>): void;
  /** To every open tab of everyone, on any node, but not to this user's (when given): public rooms' changes. */
  toEveryone<E extends EventName>(exceptUserId: number | null, event: E, ...args: EventArgs<E>): void;
  /** To every open tab of one user, on any node. */
  toUser<E extends EventName>(userId: number, event: E, ...args: EventArgs<E>): void;
  /** Closes every connection opened with this session (by token hash), on every node. */
  closeSession(tokenHash: string): void;
  /** Closes every connection of the user, on every node. */
  closeUser(userId: number): void;
  /** Every open tab of the user now receives the room. */
  follow(userId: number, roomId: number): Promise<void>;
  unfollow(userId: number, roomId: number): Promise<void>;
  /** Every tab, on every node, stops receiving the room (it was deleted). */
  closeRoom(roomId: number): Promise<void>;
  /** Tells the other nodes, so the rooms' rosters they keep count this change too. */
  shareRosterChange(change: RosterChange): void;
}
