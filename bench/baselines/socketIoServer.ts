import { Server } from "socket.io";

/** The stock Socket.IO baseline: `join` puts the socket in a room, `send_message` is `io.to(room).emit("message")`. */
const port = Number(process.env.PORT ?? 0);
const io = new Server({ serveClient: false, transports: ["websocket"] });

io.on("connection", (socket) => {
  socket.on("join", (payload: { room: string }, ack?: (answer: unknown) => void) => {
    void socket.join(payload.room);
    ack?.({ ok: true });
  });
  socket.on("send_message", (payload: { room: string; text: string }, ack?: (answer: unknown) => void) => {
    io.to(payload.room).emit("message", { room: payload.room, text: payload.text });
    ack?.({ ok: true });
  });
});

io.listen(port);
io.httpServer.on("listening", () => {
  const address = io.httpServer.address();
  const listening = typeof address === "object" && address ? address.port : port;
  process.stdout.write(`listening ${listening}\n`);
});
