import { ONLINE_PAGE, type UserRef } from "@natter/protocol";
import type { Store } from "../storage/index.js";
import type { Presence } from "./presence.js";

/**
 * How long a roster loaded from presence shared by several nodes is trusted. Other nodes share their changes,
 * so this only bounds how long one lost while Redis was away can linger; reloading reads everyone online, so
 * it is as long as a presence claim lives.
 */
export const SHARED_ROSTER_TTL_MS = 30_000;

export interface OnlineMembers {
  /** Up to ONLINE_PAGE of them. */
  page: UserRef[];
  count: number;
}

interface Roster {
  users: Map<number, UserRef> | undefined;
  loading: Promise<Map<number, UserRef>> | undefined;
  /** Changes seen while loading: the load may have read presence before or after them, so they are applied after it. */
  pending: { user: UserRef; online: boolean }[];
  loadedAt: number;
}

/**
 * Who of each room's members is online, kept per room and updated as people come and go, so that a join
 * costs a lookup rather than a scan of everyone online (which made N joins cost N²).
 */
export class RoomRosters {
  private readonly rooms = new Map<number, Roster>();

  constructor(
    private readonly load: (roomId: number) => Promise<UserRef[]>,
    private readonly staleAfterMs: number,
    private readonly now: () => number,
  ) {}

  async online(roomId: number): Promise<OnlineMembers> {
    const users = await this.users(roomId);
    const page: UserRef[] = [];
    for (const user of users.values()) {
      if (page.length === ONLINE_PAGE) break;
      page.push(user);
    }
    return { page, count: users.size };
  }

  async count(roomId: number): Promise<number> {
    return (await this.users(roomId)).size;
  }

  async isOnline(roomId: number, userId: number): Promise<boolean> {
    return (await this.users(roomId)).has(userId);
  }

  /** A member of the room came online or went offline. */
  changed(roomId: number, user: UserRef, online: boolean): void {
    const roster = this.rooms.get(roomId);
    if (!roster) return;
    if (roster.users) apply(roster.users, user, online);
    else roster.pending.push({ user, online });
  }

  /**
   * A member joined: the roster gains them if they are online, instead of being read afresh (which reads
   * everyone online, so a crowd joining one by one cost N²). Asked after the membership is stored, so a
   * disconnect racing the join either sees the membership and removes them, or is seen here.
   */
  async memberAdded(roomId: number, user: UserRef, isOnline: (userId: number) => Promise<boolean>): Promise<void> {
    if (!this.rooms.has(roomId)) return;
    this.changed(roomId, user, await isOnline(user.id));
  }

  /** A member left or was removed: whether or not they were online, they are not an online member now. */
  memberRemoved(roomId: number, user: UserRef): void {
    this.changed(roomId, user, false);
  }

  /** The room's membership changed wholesale (deleted, or a member's account closed): read afresh when next asked for. */
  forget(roomId: number): void {
    this.rooms.delete(roomId);
  }

  private users(roomId: number): Promise<Map<number, UserRef>> {
    const roster = this.rooms.get(roomId);
    if (roster?.loading) return roster.loading;
    if (roster?.users && this.now() - roster.loadedAt < this.staleAfterMs) return Promise.resolve(roster.users);
    return this.reload(roomId);
  }

  private reload(roomId: number): Promise<Map<number, UserRef>> {
    const roster: Roster = { users: undefined, loading: undefined, pending: [], loadedAt: this.now() };
    const isCurrent = () => this.rooms.get(roomId) === roster;
    roster.loading = this.load(roomId).then(
      (loaded) => {
        const users = new Map(loaded.map((user) => [user.id, user]));
        for (const change of roster.pending) apply(users, change.user, change.online);
        if (isCurrent()) Object.assign(roster, { users, loading: undefined, pending: [] });
        return users;
      },
      (error: unknown) => {
        if (isCurrent()) this.rooms.delete(roomId);
        throw error;
      },
    );
    this.rooms.set(roomId, roster);
    return roster.loading;
  }
}

function apply(users: Map<number, UserRef>, user: UserRef, online: boolean): void {
  if (online) users.set(user.id, user);
  else users.delete(user.id);
}

/** The room's members who are online, read afresh from presence and the store. */
export async function loadRoster(parts: { store: Store; presence: Presence }, roomId: number): Promise<UserRef[]> {
  const online = await parts.presence.online();
  const members = new Set(
    await parts.store.membersAmong(
      roomId,
      online.map((u) => u.id),
    ),
  );
  return online.filter((u) => members.has(u.id));
}
