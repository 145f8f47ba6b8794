/** Messages between the coordinator (bench/run.ts) and its load-generating processes (bench/load/worker.ts). */
export type ServerKind = "natter" | "socketio" | "ws";

export interface Target {
  kind: ServerKind;
  port: number;
}

export interface ClientSpec {
  token?: string;
  /** Signs up as this guest (POST /api/auth/guest) just before connecting, as a newcomer does; Natter only. */
  guest?: string;
  rooms: string[];
  /** Probes parse every frame to time and check each message; the others only count them. */
  probe: boolean;
  /** Every room the person is in, when more than `rooms` (the server subscribes a socket to all of them): what a probe expects. */
  member?: string[];
  /** Where the person posts in a chat (see ChatSpec), with relative weights. */
  postsIn?: { room: string; weight: number }[];
}

/**
 * People chatting (the users scenario): each action is a Poisson process over the worker's people, at a rate per
 * person per minute; an event picks a person at random, which is the same as every person acting independently.
 */
export interface ChatSpec {
  durationMs: number;
  tag: string;
  perMinute: { send: number; react: number; read: number; history: number; reconnect: number };
  /** How long a person is "typing" before the message goes. */
  typingMs: number;
  /** The newest message of each room when the chat starts, so reactions and read marks have something to point at. */
  newest: Record<string, { id: number; seq: number }>;
}

export interface SenderSpec {
  /** Index into this worker's clients. */
  client: number;
  room: string;
  /** Messages per second; 0 sends in a closed loop, `window` sends in flight at a time. */
  rate: number;
  window: number;
  /** How a paced sender spaces its sends (see Arrivals). */
  arrivals: Arrivals;
}

/**
 * "poisson": each sender starts at a random phase and waits an exponential gap before each send, as people
 * do, independently of each other. "lockstep": every sender owes its next send on the same tick, so a room's
 * senders fire together: the old pacing, kept as a named case because it flatters batching.
 */
export type Arrivals = "poisson" | "lockstep";

export type Command =
  | { type: "connect"; target: Target; clients: ClientSpec[]; concurrency: number }
  | { type: "reset" }
  | { type: "send"; senders: SenderSpec[]; durationMs: number; tag: string }
  | { type: "chat"; chat: ChatSpec }
  | { type: "report" }
  | { type: "close" };

export interface ProbeReport {
  room: string;
  unique: number;
  duplicates: number;
}

export type Reply =
  | { type: "connected"; ready: number; failed: number; firstError?: string; ms: number }
  | { type: "reset" }
  | { type: "sent"; sentByRoom: Record<string, number>; acked: number; ackErrors: number; firstAckError?: string; ackLatenciesMs: number[] }
  | { type: "report"; delivered: number; frames: number; probes: ProbeReport[]; lastLatencyMs: Record<string, number>; closed: number }
  | {
      type: "chatted";
      sentByRoom: Record<string, number>;
      actions: Record<string, number>;
      ackErrors: number;
      firstAckError?: string;
      ackLatenciesMs: number[];
    }
  | { type: "closed" };

/** The text of every benchmark message: a marker the counters look for, the message key, and the send time. */
export const MARKER = "bm|";

export function messageText(key: string, sentAt: number): string {
  return `${MARKER}${key}|${sentAt.toFixed(3)}|the quick brown fox jumps over the lazy dog`;
}

export function now(): number {
  return performance.timeOrigin + performance.now();
}
