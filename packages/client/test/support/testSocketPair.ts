import type { ServerToClientEvents } from "@natter/protocol";
import type { AckOf, ClientEvent, PayloadOf, ServerEvent, SocketLink } from "../../src/socketLink.js";

type Answer<E extends ClientEvent> = (payload: PayloadOf<E>) => AckOf<E>;
type Listener = (...args: unknown[]) => void;

/**
 * An in-memory socket and the server end of it (after tldraw's TestSocketPair). Nothing travels until the
 * test calls `flush()`, and then frames arrive one by one in the order they were sent, both ways: the test
 * chooses every interleaving instead of racing a real network, and never waits on a clock.
 */
export class TestSocketPair {
  /** What the client asked, in order. */
  readonly requests: { event: ClientEvent; payload: unknown }[] = [];
  private readonly inFlight: (() => void)[] = [];
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly answers = new Map<string, (payload: unknown) => unknown>();
  private readonly waiting = new Set<(error: Error) => void>();
  private up = true;

  readonly client: SocketLink;

  constructor() {
    const isUp = () => this.up;
    this.client = {
      get connected() {
        return isUp();
      },
      on: (event, handler) => {
        const set = this.listeners.get(event) ?? new Set();
        set.add(handler as Listener);
        this.listeners.set(event, set);
      },
      request: <E extends ClientEvent>(event: E, payload: PayloadOf<E>) =>
        new Promise<AckOf<E>>((resolve, reject) => {
          if (!this.up) return reject(new Error("disconnected"));
          this.requests.push({ event, payload });
          this.waiting.add(reject);
          this.inFlight.push(() => {
            const answer = this.answers.get(event);
            if (!answer) throw new Error(`The test server has no answer for ${event}`);
            const ack = answer(payload) as AckOf<E>;
            this.inFlight.push(() => {
              this.waiting.delete(reject);
              resolve(ack);
            });
          });
        }),
      send: (event, payload) => {
        if (this.up) this.requests.push({ event, payload });
      },
    };
  }

  /** How the server end answers an event. */
  answer<E extends ClientEvent>(event: E, answer: Answer<E>): void {
    this.answers.set(event, answer as (payload: unknown) => unknown);
  }

  /** The server emits an event; it arrives at the next flush, after what was sent before it. */
  push<E extends ServerEvent>(event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
    if (!this.up) return;
    this.inFlight.push(() => {
      for (const listener of this.listeners.get(event) ?? []) listener(...args);
    });
  }

  /** Delivers every frame in flight, and whatever the client sends in answer, until nothing moves. */
  async flush(): Promise<void> {
    for (;;) {
      await settled();
      const next = this.inFlight.shift();
      if (!next) return;
      next();
    }
  }

  /** The connection drops: frames in flight are lost, and requests waiting for an ack fail as a timeout would. */
  drop(): void {
    this.up = false;
    this.inFlight.length = 0;
    for (const reject of this.waiting) reject(new Error("disconnected"));
    this.waiting.clear();
  }

  reconnect(): void {
    this.up = true;
  }
}

/** Lets every promise chain already started run to its next wait: one turn of the event loop, not a timer. */
function settled(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
