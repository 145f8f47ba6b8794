import type { FastifyBaseLogger } from "fastify";
import type { NatterServer, NatterSocket } from "./types.js";

const SWEEP_INTERVAL_MS = 1000;

/** The part of Engine.IO's connection we read: packets waiting because the peer is not reading. */
interface EngineConnectionView {
  writeBuffer?: { data?: unknown }[];
  transport?: { socket?: { bufferedAmount?: unknown; terminate?: unknown } };
  close(discard?: boolean): void;
}

/**
 * A client that stops reading would make the server hold every message for it forever. Past the cap
 * it is disconnected; when it comes back it catches up from the database by seq, so it loses nothing.
 */
export function watchSlowConsumers(io: NatterServer, maxBacklogBytes: number, logger: FastifyBaseLogger): () => void {
  const timer = setInterval(() => {
    for (const socket of io.of("/").sockets.values()) {
      const backlog = backlogBytes(socket);
      if (backlog <= maxBacklogBytes) continue;
      logger.warn({ user: socket.data.user?.username, backlog }, "disconnecting a client that stopped reading");
      cutOff(socket);
    }
  }, SWEEP_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** Bytes queued for one client: in Engine.IO's buffer and in the websocket's. */
export function backlogBytes(socket: NatterSocket): number {
  const connection = socket.conn as unknown as EngineConnectionView;
  let bytes = 0;
  for (const packet of connection.writeBuffer ?? []) {
    if (typeof packet.data === "string") bytes += packet.data.length;
    else if (packet.data instanceof Uint8Array) bytes += packet.data.byteLength;
  }
  const buffered = connection.transport?.socket?.bufferedAmount;
  return bytes + (typeof buffered === "number" ? buffered : 0);
}

/** Closes at once: a polite close would wait for the peer to read what it is not reading. */
function cutOff(socket: NatterSocket): void {
  socket.disconnect(true);
  terminate(socket.conn as unknown as EngineConnectionView);
}

/** At shutdown, after clients were told to reconnect: whoever has not gone yet is cut off. */
export function terminateConnections(io: NatterServer): void {
  for (const connection of Object.values((io.engine as unknown as { clients: Record<string, unknown> }).clients)) {
    terminate(connection as EngineConnectionView);
  }
}

function terminate(connection: EngineConnectionView): void {
  const websocket = connection.transport?.socket;
  connection.close(true);
  if (websocket && typeof websocket.terminate === "function") websocket.terminate.call(websocket);
}
