import { Encoder, PacketType } from "socket.io-parser";
import { describe, expect, it } from "vitest";
import { Sender } from "ws";
import { eventFrame } from "../../src/transport/socket/roomFrames.js";

/** What Socket.IO's broadcast writes for the same event: its parser's packet inside a frame built by `ws`. */
function socketIoFrame(eventAndArgs: unknown[]): Buffer {
  const [packet] = new Encoder().encode({ type: PacketType.EVENT, nsp: "/", data: eventAndArgs }) as string[];
  const frame = (Sender as unknown as { frame(data: Buffer, options: object): Buffer[] }).frame(Buffer.from(`4${packet ?? ""}`), {
    readOnly: false,
    mask: false,
    rsv1: false,
    opcode: 1,
    fin: true,
  });
  return Buffer.concat(frame);
}

describe("a room's messages written as one ready frame", () => {
  const message = { id: 7, room: "general", seq: 3, body: 'héllo 👋 "quoted"', author: { id: 1, username: "alice" } };

  it("is byte for byte what Socket.IO's broadcast writes, for short, medium and long messages", () => {
    for (const body of ["hi", "x".repeat(300), "y".repeat(70_000)]) {
      const event = [
        "messages",
        [
          { ...message, body },
          { ...message, seq: 4 },
        ],
      ];
      expect(eventFrame(event).equals(socketIoFrame(event))).toBe(true);
    }
  });

  it("counts the length in bytes, not characters, when the text is not ASCII", () => {
    const event = ["message", { ...message, body: "ü".repeat(100) }];
    expect(eventFrame(event).equals(socketIoFrame(event))).toBe(true);
  });
});
