import type { UserRef } from "@natter/protocol";
import type { Publisher } from "./publisher.js";

/** How long "X is typing…" lasts without a refresh. */
export const TYPING_TTL_MS = 5_000;
/**
 * Refreshes within this long of the last announcement only extend it: a client repeating "typing" as fast as it
 * can reaches the room once per this period. Clients show a notice for 6 s, so the notice never lapses.
 */
export const TYPING_ANNOUNCE_EVERY_MS = 2_000;

interface Typist {
  roomName: string;
  user: UserRef;
  timer: NodeJS.Timeout;
  announcedAt: number;
}

/** Who is typing where; announces starts and refreshes, and the end on expiry, send or disconnect. */
export class TypingTracker {
  private readonly typists = new Map<string, Typist>();

  constructor(
    private readonly publisher: Publisher,
    private readonly ttlMs = TYPING_TTL_MS,
  ) {}

  start(roomId: number, roomName: string, typist: UserRef): void {
    // Callers may pass a whole User; only the UserRef goes on the wire.
    const user: UserRef = { id: typist.id, username: typist.username };
    const key = `${roomId}:${user.id}`;
    const current = this.typists.get(key);
    if (current) clearTimeout(current.timer);
    const timer = setTimeout(() => this.stop(roomId, user.id), this.ttlMs);
    timer.unref();
    const now = Date.now();
    const announce = !current || current.roomName !== roomName || now - current.announcedAt >= TYPING_ANNOUNCE_EVERY_MS;
    this.typists.set(key, { roomName, user, timer, announcedAt: announce ? now : (current?.announcedAt ?? now) });
    if (announce) this.publisher.toRoomExceptUser(roomId, user.id, "typing", { room: roomName, user, typing: true });
  }

  stop(roomId: number, userId: number): void {
    const key = `${roomId}:${userId}`;
    const typist = this.typists.get(key);
    if (!typist) return;
    clearTimeout(typist.timer);
    this.typists.delete(key);
    this.publisher.toRoomExceptUser(roomId, userId, "typing", { room: typist.roomName, user: typist.user, typing: false });
  }

  stopEverywhere(userId: number): void {
    for (const key of [...this.typists.keys()]) {
      const [roomId, typistId] = key.split(":").map(Number);
      if (typistId === userId && roomId !== undefined) this.stop(roomId, userId);
    }
  }

  close(): void {
    for (const typist of this.typists.values()) clearTimeout(typist.timer);
    this.typists.clear();
  }
}
