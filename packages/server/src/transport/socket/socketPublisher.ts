import { ONLINE_PAGE, type MembershipChange, type Message, type PresenceEvent } from "@natter/protocol";
import type { EventArgs, EventName, Publisher, RosterChange } from "../../domain/publisher.js";
import { roomChannel, sessionChannel, userChannel } from "./channels.js";
import { RoomBatcher } from "./roomBatcher.js";
import { writeToRoom } from "./roomFrames.js";
import type { NatterServer } from "./types.js";

/**
 * Presence waits longer than messages: when many people connect at once (a node restart), each member
 * of a big room gets one packet of who came online per window instead of one per person. The window
 * grows with the room, so a node writes at most about PRESENCE_PACKETS_PER_SECOND per room: a room of
 * N online members would otherwise cost N writes per window while N people arrive, N² in all.
 */
const PRESENCE_WINDOW_MS = { least: 200, most: 5_000 };
const PRESENCE_PACKETS_PER_SECOND = 2_000;

/**
 * Joins and leaves are gathered on a smaller budget: past a page of sockets they are only a count, and while a
 * crowd trickles in (a loaded server, a slow network), a count sent at presence's pace cost a third of the server's
 * CPU (bench/profile.ts crowd): the packets follow the clock, not the joins.
 */
const MEMBERSHIP_PACKETS_PER_SECOND = 500;

/**
 * A room past a page of sockets is told only how many are online, and a count can wait a second: at presence's
 * pace, every room of a few hundred cost its members a packet each 200 ms whenever anyone in it came or went, so a
 * server's rooms together, not its arrivals, set the cost of staying online (bench `users`: CPU per arrival grew
 * with the people already online).
 */
const COUNT_WINDOW_LEAST_MS = 1_000;

export function presenceWindowMs(socketsInRoom: number, packetsPerSecond = PRESENCE_PACKETS_PER_SECOND): number {
  const spread = (1000 * socketsInRoom) / packetsPerSecond;
  return Math.min(PRESENCE_WINDOW_MS.most, Math.max(PRESENCE_WINDOW_MS.least, spread));
}

/** Presence's window: names on presence's budget while the room is small, counts on the smaller one past it. */
export function onlineWindowMs(socketsInRoom: number): number {
  if (socketsInRoom <= ONLINE_PAGE) return presenceWindowMs(socketsInRoom);
  return Math.max(COUNT_WINDOW_LEAST_MS, presenceWindowMs(socketsInRoom, MEMBERSHIP_PACKETS_PER_SECOND));
}

/**
 * Publishing through Socket.IO: its adapter (in memory or Redis) carries events to every node. A lone node writes
 * its rooms' messages itself, one ready frame for all sockets (roomFrames.ts); with other nodes they go through
 * the adapter, the only part that knows who else is listening.
 */
export class SocketPublisher implements Publisher {
  private readonly messages: RoomBatcher<Message>;
  private readonly presence: RoomBatcher<PresenceEvent>;
  private readonly memberships: RoomBatcher<MembershipChange>;

  constructor(
    private readonly io: NatterServer,
    readonly available: () => boolean = () => true,
    private readonly nodes: "one" | "many" = "one",
  ) {
    this.messages = new RoomBatcher<Message>(
      (roomId, message) => this.writeMessages(roomId, "message", message),
      (roomId, messages) =>
        this.writeMessages(
          roomId,
          "messages",
          messages.sort((a, b) => a.seq - b.seq),
        ),
    );
    this.presence = new RoomBatcher<PresenceEvent>(
      (roomId, change) => this.announcePresence(roomId, [change]),
      (roomId, changes) => this.announcePresence(roomId, changes),
      (roomId) => this.presenceWindow(roomId),
    );
    // Joins and leaves are gathered like presence: a crowd joining a room of N costs N² packets otherwise.
    this.memberships = new RoomBatcher<MembershipChange>(
      (roomId, change) => this.announceMemberships(roomId, [change]),
      (roomId, changes) => this.announceMemberships(roomId, changes),
      (roomId) => presenceWindowMs(this.socketsIn(roomId), MEMBERSHIP_PACKETS_PER_SECOND),
    );
  }

  private writeMessages<E extends "message" | "messages">(roomId: number, event: E, ...args: EventArgs<E>): void {
    if (this.nodes === "one") writeToRoom(this.io, roomChannel(roomId), event, ...args);
    else this.io.to(roomChannel(roomId)).emit(event, ...args);
  }

  private presenceWindow(roomId: number): number {
    return onlineWindowMs(this.socketsIn(roomId));
  }

  private socketsIn(roomId: number): number {
    return this.io.of("/").adapter.rooms.get(roomChannel(roomId))?.size ?? 0;
  }

  toRoom<E extends EventName>(roomId: number, event: E, ...args: EventArgs<E>): void {
    if (event === "message") return this.messages.publish(roomId, ...(args as EventArgs<"message">));
    if (event === "presence") return this.presence.publish(roomId, ...(args as EventArgs<"presence">));
    if (event === "user_joined" || event === "user_left") {
      const [change] = args as EventArgs<"user_joined">;
      return this.memberships.publish(roomId, { ...change, joined: event === "user_joined" });
    }
    this.io.to(roomChannel(roomId)).emit(event, ...args);
  }

  /**
   * Names while a room has at most a page of people online; past it, only the count. Naming each
   * arrival to every member costs N² for N arrivals, and a crowd's names are more than anyone reads.
   */
  private announcePresence(roomId: number, changes: PresenceEvent[]): void {
    const latest = changes.at(-1);
    if (!latest) return;
    const room = this.io.to(roomChannel(roomId));
    if (latest.onlineCount > ONLINE_PAGE) room.emit("online_count", { room: latest.room, onlineCount: latest.onlineCount });
    else if (changes.length === 1) room.emit("presence", latest);
    else room.emit("presences", changes);
  }

  /**
   * Names while the room is small; past a page of sockets on this node, only the member count (when the change
   * carries one): a crowd's names are more than anyone reads.
   */
  private announceMemberships(roomId: number, changes: MembershipChange[]): void {
    const latest = changes.at(-1);
    if (!latest) return;
    const room = this.io.to(roomChannel(roomId));
    const counted = changes.findLast((change) => change.memberCount !== undefined)?.memberCount;
    if (counted !== undefined && this.socketsIn(roomId) > ONLINE_PAGE) room.emit("member_count", { room: latest.room, memberCount: counted });
    else if (changes.length > 1) room.emit("memberships", changes);
    else {
      const { joined, ...event } = latest;
      room.emit(joined ? "user_joined" : "user_left", event);
    }
  }

  /** Sends what is still gathered; called on shutdown. */
  flush(): void {
    this.messages.close();
    this.presence.close();
    this.memberships.close();
  }

  toRoomExceptUser<E extends EventName>(roomId: number, userId: number, event: E, ...args: EventArgs<E>): void {
    this.io
      .to(roomChannel(roomId))
      .except(userChannel(userId))
      .emit(event, ...args);
  }

  toEveryone<E extends EventName>(exceptUserId: number | null, event: E, ...args: EventArgs<E>): void {
    if (exceptUserId === null) this.io.emit(event, ...args);
    else this.io.except(userChannel(exceptUserId)).emit(event, ...args);
  }

  toUser<E extends EventName>(userId: number, event: E, ...args: EventArgs<E>): void {
    this.io.to(userChannel(userId)).emit(event, ...args);
  }

  closeSession(tokenHash: string): void {
    this.io.in(sessionChannel(tokenHash)).disconnectSockets(true);
  }

  closeUser(userId: number): void {
    this.io.in(userChannel(userId)).disconnectSockets(true);
  }

  shareRosterChange(change: RosterChange): void {
    this.io.serverSideEmit("roster_changed", change);
  }

  /** What the other nodes shared with shareRosterChange. */
  onRosterChange(handler: (change: RosterChange) => void): void {
    this.io.on("roster_changed", handler);
  }

  async follow(userId: number, roomId: number): Promise<void> {
    await this.io.in(userChannel(userId)).socketsJoin(roomChannel(roomId));
  }

  async unfollow(userId: number, roomId: number): Promise<void> {
    await this.io.in(userChannel(userId)).socketsLeave(roomChannel(roomId));
  }

  async closeRoom(roomId: number): Promise<void> {
    await this.io.in(roomChannel(roomId)).socketsLeave(roomChannel(roomId));
  }
}
