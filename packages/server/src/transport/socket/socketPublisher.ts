import type { EventArgs, EventName, Publisher } from "../../domain/publisher.js";
import { roomChannel, sessionChannel, userChannel } from "./channels.js";
import { RoomBatcher } from "./roomBatcher.js";
import type { NatterServer } from "./types.js";

/** Publishing through Socket.IO: its adapter (in memory or Redis) carries events to every node. */
export class SocketPublisher implements Publisher {
  private readonly batcher: RoomBatcher;

  constructor(
    private readonly io: NatterServer,
    readonly available: () => boolean = () => true,
  ) {
    this.batcher = new RoomBatcher(
      (roomId, message) => this.io.to(roomChannel(roomId)).emit("message", message),
      (roomId, messages) => this.io.to(roomChannel(roomId)).emit("messages", messages),
    );
  }

  toRoom<E extends EventName>(roomId: number, event: E, ...args: EventArgs<E>): void {
    if (event === "message") return this.batcher.publish(roomId, ...(args as EventArgs<"message">));
    this.io.to(roomChannel(roomId)).emit(event, ...args);
  }

  /** Sends what is still gathered; called on shutdown. */
  flush(): void {
    this.batcher.close();
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
