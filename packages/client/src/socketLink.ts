import type { Ack, ClientToServerEvents, ServerToClientEvents } from "@natter/protocol";
import type { Socket } from "socket.io-client";
import { NatterError } from "./errors.js";

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
export type ClientEvent = keyof ClientToServerEvents;
export type ServerEvent = keyof ServerToClientEvents;
export type PayloadOf<E extends ClientEvent> = Parameters<ClientToServerEvents[E]>[0];
/** What the server acknowledges an event with: `{ ok: true, ... }` or `{ ok: false, error }`. */
export type AckOf<E extends ClientEvent> = Parameters<NonNullable<Parameters<ClientToServerEvents[E]>[1]>>[0];
export type ResultOf<E extends ClientEvent> = Extract<AckOf<E>, { ok: true }>;

/**
 * The part of a Socket.IO socket the SDK uses. A real socket is adapted by `linkOf`; tests pass an
 * in-memory one, so ordering and reconnects can be played out deterministically.
 */
export interface SocketLink {
  readonly connected: boolean;
  on<E extends ServerEvent>(event: E, handler: ServerToClientEvents[E]): void;
  /** Emits and waits for the ack; rejects when none comes within timeoutMs. */
  request<E extends ClientEvent>(event: E, payload: PayloadOf<E>, timeoutMs: number): Promise<AckOf<E>>;
  /** Emits without waiting for an answer. */
  send<E extends ClientEvent>(event: E, payload: PayloadOf<E>): void;
}

export function linkOf(socket: ClientSocket): SocketLink {
  // Socket.IO's variadic event typing cannot follow a generic event name; the maps above keep callers exact.
  const untyped = socket as unknown as {
    on(event: string, handler: (...args: unknown[]) => void): void;
    emit(event: string, payload: unknown): void;
    timeout(ms: number): { emitWithAck(event: string, payload: unknown): Promise<unknown> };
  };
  return {
    get connected() {
      return socket.connected;
    },
    on: (event, handler) => untyped.on(event, handler as (...args: unknown[]) => void),
    request: <E extends ClientEvent>(event: E, payload: PayloadOf<E>, timeoutMs: number) =>
      untyped.timeout(timeoutMs).emitWithAck(event, payload) as Promise<AckOf<E>>,
    send: (event, payload) => untyped.emit(event, payload),
  };
}

/**
 * Asks the server over the socket and returns the ack's result. A refusal rejects with its NatterError;
 * a request the server never answered (the connection dropped, or it is overloaded) fails as UNAVAILABLE.
 */
export async function ask<E extends ClientEvent>(link: SocketLink | null, event: E, payload: PayloadOf<E>, timeoutMs: number): Promise<ResultOf<E>> {
  if (!link) throw new NatterError({ code: "UNAVAILABLE", message: "Call connect() first" });
  const ack = await link.request(event, payload, timeoutMs).catch((error: unknown) => {
    throw new NatterError({ code: "UNAVAILABLE", message: `No answer from the server: ${error instanceof Error ? error.message : String(error)}` });
  });
  return unwrap(ack) as ResultOf<E>;
}

function unwrap<T extends object>(ack: Ack<T>): T {
  if (!ack.ok) throw new NatterError(ack.error);
  return ack;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Exponential backoff with jitter, so many clients retrying at once spread out. */
export function backoff(attempt: number, firstMs: number): Promise<void> {
  return sleep(Math.min(5_000, firstMs * 2 ** attempt) * (0.5 + Math.random()));
}
