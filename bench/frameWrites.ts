import type { Message } from "@natter/protocol";
import { fork } from "node:child_process";
import { createServer } from "node:http";
import { loadavg } from "node:os";
import { Server } from "socket.io";
import { io as connect, type Socket as ClientSocket } from "socket.io-client";
import { writeToRoom } from "../packages/server/dist/transport/socket/roomFrames.js";
import type { NatterServer } from "../packages/server/dist/transport/socket/types.js";
import { pinProcess } from "./lib/cpus.js";

/**
 * `npx tsx bench/frameWrites.ts [members] [batches]`: the server CPU of writing one room's batches to its members,
 * Socket.IO's broadcast against Natter's ready frame (roomFrames.ts) and plain `ws`'s send, alternated in one process. Counted in CPU
 * time, not wall time, and with the batching fixed, so it holds on a busy machine where the fan-out case's
 * batching (and so its frames per delivery) moves with the load.
 */
const [membersArg = "500", batchesArg = "400"] = process.argv.slice(2).filter((arg) => arg !== "clients");
const members = Number(membersArg);

if (process.argv.includes("clients")) await runClients();
else await runServer();

async function runServer(): Promise<void> {
  const http = createServer();
  const io: NatterServer = new Server(http, { serveClient: false, transports: ["websocket"] });
  io.on("connection", (socket) => void socket.join("room:1"));
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const address = http.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const clients = fork(new URL(import.meta.url).pathname, ["clients", String(members)], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, PORT: String(port) },
  });
  pinProcess("server", process.pid);
  pinProcess("generator", clients.pid ?? 0);
  const received = () =>
    new Promise<number>((resolve) => {
      clients.once("message", (count) => resolve(Number(count)));
      clients.send("count");
    });
  while ((io.of("/").adapter.rooms.get("room:1")?.size ?? 0) < members) await new Promise((resolve) => setTimeout(resolve, 100));

  const batch = Array.from({ length: 3 }, (_, i) => sampleMessage(i));
  const modes = {
    "Socket.IO broadcast": () => io.to("room:1").emit("messages", batch),
    "ready frame": () => writeToRoom(io, "room:1", "messages", batch),
    // What the plain `ws` baseline does for each message: one string, sent to each member's websocket.
    "ws send": () => {
      const text = `42${JSON.stringify(["messages", batch])}`;
      for (const socket of io.of("/").sockets.values())
        (socket.conn as unknown as { transport: { socket: { send(data: string): void } } }).transport.socket.send(text);
    },
  };
  let expected = 0;
  console.log(`${members} members, ${batchesArg} batches of 3 messages per run, load ${loadavg()[0]?.toFixed(1)}`);
  for (let round = 0; round < 3; round++) {
    for (const [name, write] of Object.entries(modes)) {
      const before = process.cpuUsage();
      for (let i = 0; i < Number(batchesArg); i++) {
        write();
        expected += members;
        // A pause after each batch, so writes drain as they do between a room's batches.
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      while ((await received()) < expected) await new Promise((resolve) => setTimeout(resolve, 20));
      const used = process.cpuUsage(before);
      const frames = members * Number(batchesArg);
      console.log(
        `round ${round} ${name.padEnd(20)} ${((used.user + used.system) / frames).toFixed(2)} µs of CPU per frame (user ${(used.user / frames).toFixed(2)}, system ${(used.system / frames).toFixed(2)}), load ${loadavg()[0]?.toFixed(1)}`,
      );
    }
  }
  clients.kill();
  await io.close();
}

/** A message as a send produces it (about 400 bytes of JSON). */
function sampleMessage(i: number): Message {
  return {
    id: 1000 + i,
    room: "general",
    seq: 500 + i,
    author: { id: 42, username: "alice" },
    text: "Shall we move the design review to Thursday afternoon? I have the mock-ups ready.",
    clientMsgId: `0b7c5a52-4b1e-4f3a-9c57-3e5c3f7c8d0${i}`,
    createdAt: new Date(1_764_900_000_000 + i).toISOString(),
    rev: 500 + i,
    editedAt: null,
    deleted: false,
    replyTo: null,
    inRoom: true,
    replyCount: 0,
    reactions: [],
    attachments: [],
    mentions: [],
    mentionsRoom: false,
  };
}

async function runClients(): Promise<void> {
  let count = 0;
  const sockets: ClientSocket[] = [];
  for (let i = 0; i < members; i++) {
    const socket = connect(`http://127.0.0.1:${process.env.PORT}`, { transports: ["websocket"], forceNew: true });
    socket.on("messages", (messages: unknown[]) => void (count += messages.length > 0 ? 1 : 0));
    sockets.push(socket);
  }
  process.on("message", () => process.send?.(count));
}
