/** How long a busy room's messages may wait to share one packet. */
export const BATCH_WINDOW_MS = 5;

interface ActiveRoom<T> {
  pending: T[];
  timer: NodeJS.Timeout;
}

/**
 * Fewer writes for busy rooms: a room's first event goes out at once; what the room produces in the
 * next window goes out together, one packet per socket. A quiet room never waits.
 */
export class RoomBatcher<T> {
  private readonly active = new Map<number, ActiveRoom<T>>();

  constructor(
    private readonly sendOne: (roomId: number, item: T) => void,
    private readonly sendMany: (roomId: number, items: T[]) => void,
    private readonly windowMs: (roomId: number) => number = () => BATCH_WINDOW_MS,
  ) {}

  publish(roomId: number, item: T): void {
    const room = this.active.get(roomId);
    if (room) return void room.pending.push(item);
    this.sendOne(roomId, item);
    this.active.set(roomId, { pending: [], timer: this.later(roomId) });
  }

  close(): void {
    for (const [roomId, room] of this.active) {
      clearTimeout(room.timer);
      this.flushNow(roomId, room.pending);
    }
    this.active.clear();
  }

  private later(roomId: number): NodeJS.Timeout {
    return setTimeout(() => this.flush(roomId), this.windowMs(roomId));
  }

  private flush(roomId: number): void {
    const room = this.active.get(roomId);
    if (!room) return;
    if (room.pending.length === 0) return void this.active.delete(roomId);
    const batch = room.pending;
    room.pending = [];
    room.timer = this.later(roomId);
    this.flushNow(roomId, batch);
  }

  private flushNow(roomId: number, batch: T[]): void {
    if (batch.length === 1 && batch[0]) this.sendOne(roomId, batch[0]);
    else if (batch.length > 1) this.sendMany(roomId, batch);
  }
}
