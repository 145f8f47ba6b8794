import type { User, UserRef } from "@natter/protocol";
import type { RoomRow } from "../storage/index.js";
import type { Domain } from "./context.js";
import { toUserRef } from "./wire.js";

/** A tab opened: returns the rooms it should receive, and tells them if the user just came online. */
export async function connectUser(domain: Domain, user: User, connectionId: string): Promise<RoomRow[]> {
  const [rooms, cameOnline] = await Promise.all([domain.store.roomsOfUser(user.id), domain.presence.connected(toUserRef(user), connectionId)]);
  if (cameOnline) announcePresence(domain, user, rooms, true);
  return rooms;
}

/** A tab closed: when it was the last one, the user is offline and stops typing everywhere. */
export async function disconnectUser(domain: Domain, user: User, connectionId: string): Promise<void> {
  const wentOffline = await domain.presence.disconnected(toUserRef(user), connectionId);
  if (!wentOffline) return;
  domain.typing.stopEverywhere(user.id);
  announcePresence(domain, user, await domain.store.roomsOfUser(user.id), false);
}

/** The user's node vanished without saying goodbye: tell their rooms they are gone. */
export async function announceExpired(domain: Domain, user: UserRef): Promise<void> {
  domain.typing.stopEverywhere(user.id);
  announcePresence(domain, user, await domain.store.roomsOfUser(user.id), false);
}

function announcePresence(domain: Domain, user: UserRef, rooms: RoomRow[], online: boolean): void {
  for (const room of rooms) {
    domain.rosters.changed(room.id, toUserRef(user), online);
    domain.publisher.toRoom(room.id, "presence", { room: room.name, user: toUserRef(user), online });
  }
}
