import type { EventArgs, EventName } from "../../domain/publisher.js";
import type { NatterServer, NatterSocket } from "./types.js";

/**
 * A room's messages written as one ready websocket frame to each of this node's sockets in it. Socket.IO's
 * broadcast encodes once too, but then spends more per socket than the write itself: a packet object and
 * four events in Engine.IO, a write callback, and the frame's header and body as two chunks (a corked writev).
 * Here a socket costs one `write` of a shared buffer, as a plain `ws` server's does.
 */

/** The part of Engine.IO's connection read to know a frame may skip its queue (see readySender). */
interface EngineConnectionView {
  readyState?: string;
  upgrading?: boolean;
  writeBuffer?: unknown[];
  transport?: { name?: string; socket?: WebSocketView };
}

interface WebSocketView {
  readyState?: number;
  _sender?: { sendFrame?: (list: Buffer[], callback?: () => void) => void };
}

interface FrameSender {
  sendFrame(list: Buffer[], callback?: () => void): void;
}

const WEBSOCKET_OPEN = 1;

/** Writes `event` to every socket of this node in `channel`, in order with what each was sent before. */
export function writeToRoom<E extends EventName>(io: NatterServer, channel: string, event: E, ...args: EventArgs<E>): void {
  const namespace = io.of("/");
  const ids = namespace.adapter.rooms.get(channel);
  if (!ids) return;
  let frame: Buffer | undefined;
  for (const id of ids) {
    const socket = namespace.sockets.get(id);
    if (!socket) continue;
    const sender = readySender(socket);
    if (!sender) {
      (socket.emit as (event: E, ...args: EventArgs<E>) => boolean)(event, ...args);
      continue;
    }
    frame ??= eventFrame([event, ...args]);
    sender.sendFrame([frame]);
    // What Socket.IO's own emit tells: the delivery metrics listen here.
    for (const listener of socket.listenersAnyOutgoing()) listener(event, ...args);
  }
}

/**
 * The socket's websocket, when nothing waits in Engine.IO's queue: what was sent before is then already in the
 * websocket's, so a frame written there keeps its order. Otherwise (long polling, an upgrade under way, a queue
 * waiting for the peer) the socket takes Socket.IO's usual path.
 */
function readySender(socket: NatterSocket): FrameSender | undefined {
  const connection = socket.conn as unknown as EngineConnectionView;
  if (connection.readyState !== "open" || connection.upgrading || (connection.writeBuffer?.length ?? 1) > 0) return undefined;
  const transport = connection.transport;
  if (transport?.name !== "websocket" || transport.socket?.readyState !== WEBSOCKET_OPEN) return undefined;
  const sender = transport.socket._sender;
  return typeof sender?.sendFrame === "function" ? (sender as FrameSender) : undefined;
}

/**
 * The websocket frame of a Socket.IO event in the main namespace: a text frame (RFC 6455, unmasked as a server's
 * are) holding Engine.IO's message type `4`, Socket.IO's event type `2`, then `[event, ...args]` as JSON. No ack
 * id and no binary attachments, so no walk over the payload looking for any: Natter's events carry none.
 */
export function eventFrame(eventAndArgs: readonly unknown[]): Buffer {
  const text = `42${JSON.stringify(eventAndArgs)}`;
  const length = Buffer.byteLength(text);
  const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 0x81; // final fragment, text
  if (headerLength === 2) frame[1] = length;
  else if (headerLength === 4) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(0, 2);
    frame.writeUInt32BE(length, 6);
  }
  frame.write(text, headerLength, "utf8");
  return frame;
}
