import { WebSocketServer, type WebSocket } from "ws";

/**
 * The plain-`ws` baseline: rooms in memory, each broadcast serialised once and written to every member.
 * Protocol (JSON text frames): join {t,room} → joined; send {t,room,id,text} → message {t,room,text} to the room, ack {t,id}.
 */
const port = Number(process.env.PORT ?? 0);
const rooms = new Map<string, Set<WebSocket>>();
const server = new WebSocketServer({ port, perMessageDeflate: false });

server.on("connection", (socket) => {
  const joined = new Set<string>();
  socket.on("message", (data) => {
    const packet = JSON.parse(String(data)) as { t: string; room: string; id?: number; text?: string };
    if (packet.t === "join") {
      const members = rooms.get(packet.room) ?? new Set<WebSocket>();
      members.add(socket);
      rooms.set(packet.room, members);
      joined.add(packet.room);
      socket.send(JSON.stringify({ t: "joined", room: packet.room }));
    } else if (packet.t === "send") {
      const frame = JSON.stringify({ t: "message", room: packet.room, text: packet.text });
      for (const member of rooms.get(packet.room) ?? []) member.send(frame);
      socket.send(JSON.stringify({ t: "ack", id: packet.id }));
    }
  });
  socket.on("close", () => {
    for (const room of joined) rooms.get(room)?.delete(socket);
  });
});

server.on("listening", () => {
  const address = server.address();
  const listening = typeof address === "object" && address ? address.port : port;
  process.stdout.write(`listening ${listening}\n`);
});
