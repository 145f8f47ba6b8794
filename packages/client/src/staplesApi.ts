import { routes, type DirectoryQuery, type DirectoryRoom, type Pin, type SavedQuery, type SavedResponse } from "@natter/protocol";
import { call, type HttpOptions } from "./http.js";

/**
 * Issue 19's conversation staples (`client.staples.…`): the room directory, a room's pins (any member pins and
 * unpins; `pin_changed` tells the room) and one's own saved messages.
 */
export class StaplesApi {
  constructor(private readonly http: HttpOptions) {}

  /** Public rooms one may join (and those one is in), by part of the name or topic, the most recently active first. */
  async directory(query: DirectoryQuery = {}): Promise<DirectoryRoom[]> {
    return (await call(this.http, routes.roomDirectory, { query })).rooms;
  }

  /** The room's pinned messages, newest pin first. */
  async pins(room: string): Promise<Pin[]> {
    return (await call(this.http, routes.pins, { params: { name: room } })).pins;
  }

  /** Pins the message (pinning it again keeps the first pin); QUOTA_EXCEEDED past the room's limit. */
  async pin(room: string, messageId: number): Promise<Pin> {
    return (await call(this.http, routes.pin, { params: { name: room, id: messageId } })).pin;
  }

  async unpin(room: string, messageId: number): Promise<void> {
    await call(this.http, routes.unpin, { params: { name: room, id: messageId } });
  }

  /** Your saved messages, newest saved first; page on with `before: nextBefore`. */
  async saved(query: SavedQuery = {}): Promise<SavedResponse> {
    return call(this.http, routes.saved, { query });
  }

  /** Saves a message of one of your rooms for later; nobody else sees it. */
  async save(messageId: number): Promise<void> {
    await call(this.http, routes.save, { params: { id: messageId } });
  }

  async unsave(messageId: number): Promise<void> {
    await call(this.http, routes.unsave, { params: { id: messageId } });
  }
}
