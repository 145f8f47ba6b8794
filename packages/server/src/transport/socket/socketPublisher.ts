import type { Message, PresenceEvent } from "@natter/protocol";
import type { EventArgs, EventName, Publisher } from "../../domain/publisher.js";
import { roomChannel, sessionChannel, userChannel } from "./channels.js";
import { RoomBatcher } from "./roomBatcher.js";

/**
 * Presence waits longer than messages: when many people connect at once (a node restart), each member
 * of a big room gets one packet of who came online per window instead of one per person.
 */
const PRESENCE_WINDOW_MS = 200;
import type { NatterServer } from "./types.js";

/** Publishing through Socket.IO: its adapter (in memory or Redis) carries events to every node. */
export class SocketPublisher implements Publisher {
  private readonly messages: RoomBatcher<Message>;
  private readonly presence: RoomBatcher<PresenceEvent>;

  constructor(
    private readonly io: NatterServer,
    readonly available: () => boolean = () => true,
  ) {
    this.messages = new RoomBatcher<Message>(
      (roomId, message) => this.io.to(roomChannel(roomId)).emit("message", message),
      (roomId, messages) => this.io.to(roomChannel(roomId)).emit("messages", messages.sort((a, b) => a.seq - b.seq)),
    );
    this.presence = new RoomBatcher<PresenceEvent>(
      (roomId, change) => this.io.to(roomChannel(roomId)).emit("presence", change),
      (roomId, changes) => this.io.to(roomChannel(roomId)).emit("presences", changes),
      PRESENCE_WINDOW_MS,
    );
  }

  toRoom<E extends EventName>(roomId: number, event: E, ...args: EventArgs<E>): void {
    if (event === "message") return this.messages.publish(roomId, ...(args as EventArgs<"message">));
    if (event === "presence") return this.presence.publish(roomId, ...(args as EventArgs<"presence">));
    this.io.to(roomChannel(roomId)).emit(event, ...args);
  }

  /** Sends what is still gathered; called on shutdown. */
  flush(): void {
    this.messages.close();
    this.presence.close();
  }

  toRoomExceptUser<E extends EventName>(roomId: number, userId: number, event: E, ...args: EventArgs<E>): void {
    this.io.to(roomChannel(roomId)).except(userChannel(userId)).emit(event, ...args);
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

  async follow(userId: number, roomId: number): Promise<void> {
    await this.io.in(userChannel(userId)).socketsJoin(roomChannel(roomId));
  }

  async unfollow(userId: number, roomId: number): Promise<void> {
    await this.io.in(userChannel(userId)).socketsLeave(roomChannel(roomId));
  }
}
