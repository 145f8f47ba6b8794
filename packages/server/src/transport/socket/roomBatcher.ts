import type { Message } from "@natter/protocol";

/** How long a busy room's messages may wait to share one packet. */
export const BATCH_WINDOW_MS = 5;

interface ActiveRoom {
  pending: Message[];
  timer: NodeJS.Timeout;
}

/**
 * Fewer writes for busy rooms: a room's first message goes out at once; what the room produces in the
 * next few milliseconds goes out together, one packet per socket. A quiet room never waits.
 */
export class RoomBatcher {
  private readonly active = new Map<number, ActiveRoom>();

  constructor(
    private readonly sendOne: (roomId: number, message: Message) => void,
    private readonly sendMany: (roomId: number, messages: Message[]) => void,
    private readonly windowMs = BATCH_WINDOW_MS,
  ) {}

  publish(roomId: number, message: Message): void {
    const room = this.active.get(roomId);
    if (room) return void room.pending.push(message);
    this.sendOne(roomId, message);
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
    return setTimeout(() => this.flush(roomId), this.windowMs);
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

  private flushNow(roomId: number, batch: Message[]): void {
    if (batch.length === 1 && batch[0]) this.sendOne(roomId, batch[0]);
    else if (batch.length > 1) this.sendMany(roomId, batch.sort((a, b) => a.seq - b.seq));
  }
}
