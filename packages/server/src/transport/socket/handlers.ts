import {
  activityPayloadSchema,
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
  type TokenScope,
  type User,
} from "@natter/protocol";
import type { FastifyBaseLogger } from "fastify";
import secureJson from "secure-json-parse";
import type { z } from "zod";
import { accessRoom } from "../../domain/access.js";
import { reportActivity } from "../../domain/availability.js";
import type { Domain } from "../../domain/context.js";
import { deleteMessage, editMessage, react, readHistory, readThread, sendMessage, setTyping } from "../../domain/messages.js";
import { leaveRoom, markRead, openRoom } from "../../domain/rooms.js";
import { Refusal } from "../../domain/errors.js";
import { parseInput } from "../../domain/validate.js";
import { describeError } from "../errors.js";
import { secondsSince, type Instruments } from "../../metrics/instruments.js";
import type { Inflight } from "./inflight.js";
import type { NatterSocket } from "./types.js";

interface HandlerContext {
  domain: Domain;
  inflight: Inflight;
  logger: FastifyBaseLogger;
  /** Settles once presence counts the connection: a tab's first "idle" must not overtake its arrival. */
  counted: Promise<unknown>;
  /** Metrics, when METRICS_PORT is set. */
  instruments?: Instruments;
}

interface Handler {
  /** What an access token needs for the event: reading a room, or changing anything. */
  scope: TokenScope;
  run(domain: Domain, user: User, payload: unknown, connectionId: string, scopes: readonly TokenScope[]): Promise<object>;
}

/** An event's payload is parsed with its protocol schema before its action runs. */
function handle<S extends z.ZodType, R extends object>(
  schema: S,
  action: (domain: Domain, user: User, input: z.output<S>, connectionId: string, scopes: readonly TokenScope[]) => Promise<R>,
  scope: TokenScope = "write",
): Handler {
  return {
    scope,
    run: (domain, user, payload, connectionId, scopes) => action(domain, user, parseInput(schema, refusePoisoned(payload)), connectionId, scopes),
  };
}

/** A key that would poison a prototype is refused, as Fastify refuses it in an HTTP body, rather than dropped unseen. */
function refusePoisoned(payload: unknown): unknown {
  if (typeof payload !== "object" || payload === null) return payload;
  try {
    secureJson.scan(payload, { protoAction: "error", constructorAction: "error" });
  } catch {
    throw new Refusal("BAD_REQUEST", "The payload holds a forbidden key (__proto__ or constructor.prototype)");
  }
  return payload;
}

/** Joining a public room one is not in makes a membership (a write): a read-only token opens only rooms it is in. */
async function openWithin(domain: Domain, user: User, input: z.output<typeof joinPayloadSchema>, scopes: readonly TokenScope[]) {
  if (!scopes.includes("write")) await accessRoom(domain, user.id, input.room);
  return openRoom(domain, user, input);
}

/** Shared by every socket: one table and one listener per socket, rather than ten closures each. */
const handlers = new Map<string, Handler>([
  ["join", handle(joinPayloadSchema, (domain, user, input, _connectionId, scopes) => openWithin(domain, user, input, scopes), "read")],
  ["leave_room", handle(roomPayloadSchema, async (domain, user, input) => (await leaveRoom(domain, user, input.room), {}))],
  ["send_message", handle(sendMessagePayloadSchema, async (domain, user, input) => ({ message: await sendMessage(domain, user, input) }))],
  ["typing", handle(typingPayloadSchema, async (domain, user, input) => (await setTyping(domain, user, input), {}))],
  ["history", handle(historyPayloadSchema, (domain, user, input) => readHistory(domain, user, input), "read")],
  ["edit_message", handle(editMessagePayloadSchema, async (domain, user, input) => ({ message: await editMessage(domain, user, input) }))],
  ["delete_message", handle(messageRefPayloadSchema, async (domain, user, input) => ({ message: await deleteMessage(domain, user, input) }))],
  ["react", handle(reactPayloadSchema, async (domain, user, input) => ({ message: await react(domain, user, input) }))],
  ["thread", handle(messageRefPayloadSchema, (domain, user, input) => readThread(domain, user, input), "read")],
  ["activity", handle(activityPayloadSchema, async (domain, user, input, connectionId) => (await reportActivity(domain, user, connectionId, input.idle), {}))],
  ["mark_read", handle(markReadPayloadSchema, async (domain, user, input) => ({ seq: await markRead(domain, user, input.room, input.seq) }))],
]);

/** Each event: parse with the protocol schema, run one action, acknowledge. The connection survives bad input. */
export function registerHandlers(socket: NatterSocket, context: HandlerContext): void {
  const { instruments } = context;
  if (!instruments) return void socket.onAny((event: unknown, ...args: unknown[]) => answer(socket, context, event, args));
  socket.onAny((event: unknown, ...args: unknown[]) => {
    const startedAt = performance.now();
    const last = args.at(-1);
    // The ack is wrapped to see the result; the answer itself is unchanged.
    if (typeof last === "function") {
      args[args.length - 1] = (result: Ack<object>) => {
        instruments.socketEvent(String(event), result.ok ? "ok" : result.error.code, secondsSince(startedAt));
        (last as (result: Ack<object>) => void)(result);
      };
    }
    answer(socket, context, event, args);
  });
}

function answer(socket: NatterSocket, { domain, inflight, logger, counted }: HandlerContext, event: unknown, args: unknown[]): void {
  // Socket.IO passes the ack last, after however many arguments the client sent.
  const last = args.at(-1);
  const reply = typeof last === "function" ? (last as (result: Ack<object>) => void) : undefined;
  const payload = reply && args.length === 1 ? undefined : args[0];
  const handler = typeof event === "string" ? handlers.get(event) : undefined;
  if (!handler) return reply?.({ ok: false, error: { code: "BAD_REQUEST", message: `Unknown event ${String(event).slice(0, 64)}` } });
  if (!inflight.accepting) return reply?.({ ok: false, error: { code: "UNAVAILABLE", message: "The server is restarting; try again shortly" } });
  if (Date.now() >= socket.data.expiresAt) {
    reply?.({ ok: false, error: { code: "UNAUTHORIZED", message: "Your session has ended; log in again" } });
    return void socket.disconnect(true);
  }
  if (!socket.data.scopes.includes(handler.scope))
    return reply?.({ ok: false, error: { code: "INSUFFICIENT_SCOPE", message: `This token lacks the ${handler.scope} scope` } });
  void inflight.run(async () => {
    try {
      await counted.catch(() => undefined);
      const result = await handler.run(domain, socket.data.user, payload, socket.id, socket.data.scopes);
      reply?.({ ok: true, ...result });
    } catch (error) {
      const { body, expected } = describeError(error);
      if (!expected) logger.error({ err: error, event }, "socket event failed");
      reply?.({ ok: false, error: body });
    }
  });
}
