type Handler<A extends unknown[]> = (...args: A) => void;
type HandlerSets<Events extends { [K in keyof Events]: unknown[] }> = { [K in keyof Events]?: Set<Handler<Events[K]>> };

/** A minimal typed event emitter that works the same in browsers and Node. */
export class Emitter<Events extends { [K in keyof Events]: unknown[] }> {
  private readonly handlers: HandlerSets<Events> = {};

  on<K extends keyof Events>(event: K, handler: Handler<Events[K]>): () => void {
    const set: Set<Handler<Events[K]>> = this.handlers[event] ?? new Set();
    this.handlers[event] = set;
    set.add(handler);
    return () => void set.delete(handler);
  }

  protected emit<K extends keyof Events>(event: K, ...args: Events[K]): void {
    for (const handler of this.handlers[event] ?? []) handler(...args);
  }
}
