import type { UserRef } from "@natter/protocol";

/**
 * Who is online: a user is online while at least one of their connections is open, on any node.
 * The in-process tracker serves one node; a shared one backs many.
 */
export interface Presence {
  /** Whether other nodes change who is online too, so what this node remembers of it goes stale. */
  readonly spansNodes: boolean;
  /** True when this was the user's first open connection. */
  connected(user: UserRef, connectionId: string): Promise<boolean>;
  /** True when this was the user's last open connection. */
  disconnected(user: UserRef, connectionId: string): Promise<boolean>;
  online(): Promise<UserRef[]>;
  /** Whether this one user has an open connection anywhere: a lookup, where `online()` reads everyone. */
  isOnline(userId: number): Promise<boolean>;
  /**
   * A tab's user went idle or came back (a tab opens idle until its node marks it active). True when this
   * changed whether the user is idle in every tab, on every node: that is when they turn away or back.
   */
  setIdle(user: UserRef, connectionId: string, idle: boolean): Promise<boolean>;
  /** Of these users, the online ones idle in every tab. */
  idle(userIds: readonly number[]): Promise<Set<number>>;
  /** Called when a user is found offline without a disconnect, e.g. their node was killed. */
  onExpired(handler: (user: UserRef) => void): void;
  close(): Promise<void>;
}

export class LocalPresence implements Presence {
  readonly spansNodes = false;
  private readonly connections = new Map<number, { user: UserRef; ids: Set<string>; active: Set<string> }>();

  async connected(user: UserRef, connectionId: string): Promise<boolean> {
    const entry = this.connections.get(user.id) ?? { user, ids: new Set<string>(), active: new Set<string>() };
    this.connections.set(user.id, entry);
    entry.ids.add(connectionId);
    return entry.ids.size === 1;
  }

  async setIdle(user: UserRef, connectionId: string, idle: boolean): Promise<boolean> {
    const entry = this.connections.get(user.id);
    if (!entry?.ids.has(connectionId)) return false;
    const wasActive = entry.active.size > 0;
    if (idle) entry.active.delete(connectionId);
    else entry.active.add(connectionId);
    return wasActive !== entry.active.size > 0;
  }

  async idle(userIds: readonly number[]): Promise<Set<number>> {
    return new Set(userIds.filter((id) => this.connections.get(id)?.active.size === 0));
  }

  async disconnected(user: UserRef, connectionId: string): Promise<boolean> {
    const entry = this.connections.get(user.id);
    entry?.active.delete(connectionId);
    if (!entry?.ids.delete(connectionId)) return false;
    if (entry.ids.size > 0) return false;
    this.connections.delete(user.id);
    return true;
  }

  async online(): Promise<UserRef[]> {
    return [...this.connections.values()].map((entry) => entry.user).sort((a, b) => a.username.localeCompare(b.username));
  }

  async isOnline(userId: number): Promise<boolean> {
    return this.connections.has(userId);
  }

  /** Users of one process never expire: they are there until they disconnect. */
  onExpired(): void {}

  /** This node's users, for a shared tracker to advertise. */
  users(): UserRef[] {
    return [...this.connections.values()].map((entry) => entry.user);
  }

  /** This node's users with a tab in use, whose activity a shared tracker advertises. */
  activeUsers(): UserRef[] {
    return [...this.connections.values()].filter((entry) => entry.active.size > 0).map((entry) => entry.user);
  }

  async close(): Promise<void> {
    this.connections.clear();
  }
}
