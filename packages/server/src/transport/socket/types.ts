import type { ClientToServerEvents, ServerToClientEvents, TokenScope, User } from "@natter/protocol";
import type { Server, Socket } from "socket.io";
import type { RosterChange } from "../../domain/publisher.js";

export interface SocketData {
  user: User;
  tokenHash: string;
  /** The session's end: events after it are refused and the connection closed. */
  expiresAt: number;
  /** Every scope for a session; an access token's own (its events are refused past them). */
  scopes: readonly TokenScope[];
  /** Opened with an access token rather than a session. */
  viaToken: boolean;
}

export interface InterServerEvents {
  roster_changed: (change: RosterChange) => void;
}
export type NatterServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type NatterSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
