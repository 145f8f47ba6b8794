import type { Ack, ClientToServerEvents, JoinResult, Message, PresenceEvent, RoomGoneEvent, ServerToClientEvents } from "@natter/protocol";
import { describe, expectTypeOf, it } from "vitest";

type PayloadOf<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[0];
type AckOf<E extends keyof ClientToServerEvents> = Parameters<NonNullable<Parameters<ClientToServerEvents[E]>[1]>>[0];

describe("the client-to-server event map", () => {
  it("a send needs a room, text and clientMsgId, and is acknowledged with the stored message", () => {
    expectTypeOf<{ room: string; text: string; clientMsgId: string }>().toExtend<PayloadOf<"send_message">>();
    // @ts-expect-error without a clientMsgId a retry could be stored twice, so it is not a send
    expectTypeOf<{ room: string; text: string }>().toExtend<PayloadOf<"send_message">>();
    expectTypeOf<AckOf<"send_message">>().toEqualTypeOf<Ack<{ message: Message }>>();
  });

  it("a join may carry where the client left off, and is answered with a JoinResult", () => {
    expectTypeOf<{ room: string; after: number; sinceRev: number }>().toExtend<PayloadOf<"join">>();
    // @ts-expect-error a seq is a number, not a string
    expectTypeOf<{ room: string; after: string }>().toExtend<PayloadOf<"join">>();
    expectTypeOf<AckOf<"join">>().toEqualTypeOf<Ack<JoinResult>>();
  });

  it("a reaction names the message by id and the emoji, with on saying add or remove", () => {
    expectTypeOf<{ room: string; id: number; emoji: string; on: boolean }>().toExtend<PayloadOf<"react">>();
    // @ts-expect-error the message is named by its id, not its seq
    expectTypeOf<{ room: string; seq: number; emoji: string; on: boolean }>().toExtend<PayloadOf<"react">>();
  });

  it("a refusal carries a catalogued code", () => {
    expectTypeOf<{ ok: false; error: { code: "NOT_FOUND"; message: string } }>().toExtend<AckOf<"thread">>();
    // @ts-expect-error TEAPOT is not in the error catalogue
    expectTypeOf<{ ok: false; error: { code: "TEAPOT"; message: string } }>().toExtend<AckOf<"thread">>();
  });
});

describe("the server-to-client event map", () => {
  it("message and message_updated carry a whole Message, messages a batch of them", () => {
    expectTypeOf<ServerToClientEvents["message"]>().parameter(0).toEqualTypeOf<Message>();
    expectTypeOf<ServerToClientEvents["message_updated"]>().parameter(0).toEqualTypeOf<Message>();
    expectTypeOf<ServerToClientEvents["messages"]>().parameter(0).toEqualTypeOf<Message[]>();
  });

  it("presence says who, where, whether online, and the room's count after it", () => {
    expectTypeOf<ServerToClientEvents["presence"]>().parameter(0).toEqualTypeOf<PresenceEvent>();
    // @ts-expect-error a presence event without onlineCount would leave the room's count stale
    expectTypeOf<{ room: string; user: { id: number; username: string }; online: boolean }>().toExtend<PresenceEvent>();
  });

  it("room_removed gives one of four reasons", () => {
    expectTypeOf<RoomGoneEvent["reason"]>().toEqualTypeOf<"removed" | "left" | "archived" | "banned">();
  });
});
