import { DM_PREFIX, MAX_DM_PEOPLE, type RoomSummary, type User } from "@natter/protocol";
import { createHash } from "node:crypto";
import type { Domain } from "./context.js";
import { Refusal } from "./errors.js";
import { requireGuestMay } from "./guests.js";
import { spend } from "./limits.js";
import { addMember, summaryFor } from "./rooms.js";
import { usernameKey } from "./usernames.js";

/**
 * Opens the direct conversation between the user and these people (up to 8 in all). The same people
 * always get the same conversation, whoever starts it and in whatever order.
 */
export async function openDirect(domain: Domain, user: User, usernames: readonly string[]): Promise<RoomSummary> {
  // Keys are for comparing only: a missing person is named as they were asked for.
  const asked = new Map(usernames.map((name) => [usernameKey(name), name]));
  asked.delete(usernameKey(user.username));
  const keys = [...asked.keys()];
  if (keys.length === 0) throw new Refusal("BAD_REQUEST", "Name at least one other person");
  if (keys.length + 1 > MAX_DM_PEOPLE) throw new Refusal("BAD_REQUEST", `A direct conversation has at most ${MAX_DM_PEOPLE} people`);
  await spend(domain.limits, "roomChanges", user.id);
  const others = await domain.store.usersByKeys(keys);
  if (others.length !== keys.length) {
    const missing = keys.filter((key) => !others.some((o) => o.username_key === key));
    throw new Refusal("NOT_FOUND", `No user named "${missing.map((key) => asked.get(key) ?? key).join('", "')}"`);
  }
  const people = [user.id, ...others.map((o) => o.id)].sort((a, b) => a - b);
  const dmKey = people.join(",");
  const name = directRoomName(dmKey);
  const existing = await domain.store.roomByDmKey(dmKey);
  // A guest may answer a conversation someone else began, not begin one.
  if (user.kind === "guest" && !(existing && (await domain.store.hasMessageFromOthers(existing.id, user.id))))
    await requireGuestMay(domain, user, "directMessages");
  const room =
    existing ??
    (await domain.store.createRoom({ name, nameKey: name, topic: "", createdBy: user.id, createdAt: domain.now(), kind: "dm", dmKey })) ??
    (await domain.store.roomByDmKey(dmKey));
  if (!room) throw new Refusal("INTERNAL", "The conversation could not be opened");
  for (const id of people) {
    if (await addMember(domain, room.id, id)) {
      await domain.publisher.follow(id, room.id);
      if (id !== user.id) domain.publisher.toUser(id, "room_added", await summaryFor(domain, id, room));
    }
  }
  return summaryFor(domain, user.id, room);
}

/** A direct conversation's room name, from the sorted ids of its people (its dm_key). */
export function directRoomName(dmKey: string): string {
  return `${DM_PREFIX}${createHash("sha256").update(dmKey).digest("hex").slice(0, 16)}`;
}
