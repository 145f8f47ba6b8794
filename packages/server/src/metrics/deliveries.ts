import type { NatterServer } from "../transport/socket/types.js";

/**
 * Counts each message written to a socket of this node, whichever node published it: Socket.IO tells a
 * socket's outgoing listeners of broadcasts too, after the adapter (in memory or Redis) chose the socket.
 * A batched `messages` packet counts each message in it.
 */
export function watchDeliveries(io: NatterServer, delivered: (n: number) => void): void {
  const listener = (event: string, payload: unknown) => {
    if (event === "message") delivered(1);
    else if (event === "messages" && Array.isArray(payload)) delivered(payload.length);
  };
  io.on("connection", (socket) => socket.onAnyOutgoing(listener));
}
