import type { Message, PresenceEvent } from "@natter/protocol";
import { describe, expectTypeOf, it } from "vitest";
import type { NatterClient } from "../src/index.js";
import type { SocketLink } from "../src/socketLink.js";

// Type tests are compiled, never run: these stand in for a client and a socket.
const client = null as unknown as NatterClient;
const link = null as unknown as SocketLink;

describe("the SDK's typed events", () => {
  it("hands each NatterClient listener its event's payload", () => {
    client.on("message", (message) => expectTypeOf(message).toEqualTypeOf<Message>());
    client.on("presence", (event) => expectTypeOf(event).toEqualTypeOf<PresenceEvent>());
    // @ts-expect-error a message listener gets a Message, not a presence event
    client.on("message", (event: PresenceEvent) => event.onlineCount);
    // @ts-expect-error there is no such event
    client.on("mesage", () => undefined);
  });

  it("lets a request over the socket carry only its event's payload, and types its ack", async () => {
    const ack = await link.request("send_message", { room: "general", text: "hi", clientMsgId: "c-1" }, 1_000);
    if (ack.ok) expectTypeOf(ack.message).toEqualTypeOf<Message>();
    // @ts-expect-error mark_read takes a seq, not a message id
    await link.request("mark_read", { room: "general", id: 3 }, 1_000);
    // @ts-expect-error the server sends message events; a client cannot listen for one it never gets
    link.on("send_message", () => undefined);
  });
});
