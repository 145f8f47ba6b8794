/**
 * How long a room's messages may wait to share one packet: at least 5 ms, at most 25 ms (the latency budget:
 * no message waits longer than this for company). Within it the window is about 2.5 of the room's mean gaps,
 * so a room gathers two or three messages a packet whatever its rate: a packet costs a socket far more than
 * one more message in it (19 µs against a few), so a room of 100 msg/s pays for a third of the packets.
 */
export const BATCH_WINDOW_MS = { least: 5, most: 25 };
const GAPS_PER_WINDOW = 2.5;

/** The mean gap follows the last few sends; a pause longer than a second counts as one second. */
const GAP_WEIGHT = 0.2;
const LONGEST_GAP_MS = 1000;

export function adaptiveWindowMs(meanGapMs: number): number {
  return Math.min(BATCH_WINDOW_MS.most, Math.max(BATCH_WINDOW_MS.least, GAPS_PER_WINDOW * meanGapMs));
}

interface ActiveRoom<T> {
  pending: T[];
  timer: NodeJS.Timeout;
}

interface Pace {
  lastAt: number;
  meanGapMs: number;
}

/**
 * Fewer writes for busy rooms: a room's first event goes out at once; what the room produces in the
 * next window goes out together, one packet per socket. A quiet room never waits.
 */
export class RoomBatcher<T> {
  private readonly active = new Map<number, ActiveRoom<T>>();
  /** Two numbers for each room that has spoken since the start: few enough to keep. */
  private readonly paces = new Map<number, Pace>();

  constructor(
    private readonly sendOne: (roomId: number, item: T) => void,
    private readonly sendMany: (roomId: number, items: T[]) => void,
    private readonly windowMs: (roomId: number, meanGapMs: number) => number = (_, meanGapMs) => adaptiveWindowMs(meanGapMs),
  ) {}

  publish(roomId: number, item: T): void {
    this.paced(roomId);
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

  private paced(roomId: number): void {
    const at = performance.now();
    const pace = this.paces.get(roomId);
    if (!pace) return void this.paces.set(roomId, { lastAt: at, meanGapMs: LONGEST_GAP_MS });
    pace.meanGapMs += GAP_WEIGHT * (Math.min(LONGEST_GAP_MS, at - pace.lastAt) - pace.meanGapMs);
    pace.lastAt = at;
  }

  private later(roomId: number): NodeJS.Timeout {
    return setTimeout(() => this.flush(roomId), this.windowMs(roomId, this.paces.get(roomId)?.meanGapMs ?? LONGEST_GAP_MS));
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
