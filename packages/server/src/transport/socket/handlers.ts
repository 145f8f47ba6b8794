import {
  editMessagePayloadSchema,
  historyPayloadSchema,
  joinPayloadSchema,
  markReadPayloadSchema,
  messageRefPayloadSchema,
  reactPayloadSchema,
  roomPayloadSchema,
  sendMessagePayloadSchema,
  typingPayloadSchema,
  type Ack,
} from "@natter/protocol";
import type { FastifyBaseLogger } from "fastify";
import type { z } from "zod";
import type { Domain } from "../../domain/context.js";
import { deleteMessage, editMessage, react, readHistory, readThread, sendMessage, setTyping } from "../../domain/messages.js";
import { leaveRoom, markRead, openRoom } from "../../domain/rooms.js";
import { parseInput } from "../../domain/validate.js";
import { describeError } from "../errors.js";
import type { Inflight } from "./inflight.js";
import type { NatterSocket } from "./types.js";

interface HandlerContext {
  domain: Domain;
  inflight: Inflight;
  logger: FastifyBaseLogger;
}

/** Each event: parse with the protocol schema, run one action, acknowledge. The connection survives bad input. */
export function registerHandlers(socket: NatterSocket, context: HandlerContext): void {
  const { domain } = context;
  const user = socket.data.user;
  const on = handlerFactory(socket, context);

  on("join", joinPayloadSchema, (input) => openRoom(domain, user, input));
  on("leave_room", roomPayloadSchema, async (input) => (await leaveRoom(domain, user, input.room), {}));
  on("send_message", sendMessagePayloadSchema, async (input) => ({ message: await sendMessage(domain, user, input) }));
  on("typing", typingPayloadSchema, async (input) => (await setTyping(domain, user, input), {}));
  on("history", historyPayloadSchema, (input) => readHistory(domain, user, input));
  on("edit_message", editMessagePayloadSchema, async (input) => ({ message: await editMessage(domain, user, input) }));
  on("delete_message", messageRefPayloadSchema, async (input) => ({ message: await deleteMessage(domain, user, input) }));
  on("react", reactPayloadSchema, async (input) => ({ message: await react(domain, user, input) }));
  on("thread", messageRefPayloadSchema, (input) => readThread(domain, user, input));
  on("mark_read", markReadPayloadSchema, async (input) => ({ seq: await markRead(domain, user, input.room, input.seq) }));
}

function handlerFactory(socket: NatterSocket, { inflight, logger }: HandlerContext) {
  return <S extends z.ZodType, R extends object>(event: string, schema: S, action: (input: z.output<S>) => Promise<R>): void => {
    const listener = (payload: unknown, ack: unknown): void => {
      const reply = typeof ack === "function" ? (ack as (result: Ack<R>) => void) : undefined;
      if (Date.now() >= socket.data.expiresAt) {
        reply?.({ ok: false, error: { code: "UNAUTHORIZED", message: "Your session has ended; log in again" } });
        return void socket.disconnect(true);
      }
      void inflight.run(async () => {
        try {
          const result = await action(parseInput(schema, payload));
          reply?.({ ok: true, ...result });
        } catch (error) {
          const { body, expected } = describeError(error);
          if (!expected) logger.error({ err: error, event }, "socket event failed");
          reply?.({ ok: false, error: body });
        }
      });
    };
    // The event map is enforced on the wire by the schema, not by this registration.
    (socket as unknown as { on(event: string, listener: (...args: unknown[]) => void): void }).on(event, listener);
  };
}
