import type { ClientToServerEvents, ServerToClientEvents, User } from "@natter/protocol";
import type { Server, Socket } from "socket.io";

export interface SocketData {
  user: User;
  tokenHash: string;
  /** The session's end: events after it are refused and the connection closed. */
  expiresAt: number;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- no events between nodes yet
export type InterServerEvents = {};
export type NatterServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type NatterSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
