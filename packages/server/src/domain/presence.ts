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
  /** Called when a user is found offline without a disconnect, e.g. their node was killed. */
  onExpired(handler: (user: UserRef) => void): void;
  close(): Promise<void>;
}

export class LocalPresence implements Presence {
  readonly spansNodes = false;
  private readonly connections = new Map<number, { user: UserRef; ids: Set<string> }>();

  async connected(user: UserRef, connectionId: string): Promise<boolean> {
    const entry = this.connections.get(user.id) ?? { user, ids: new Set<string>() };
    this.connections.set(user.id, entry);
    entry.ids.add(connectionId);
    return entry.ids.size === 1;
  }

  async disconnected(user: UserRef, connectionId: string): Promise<boolean> {
    const entry = this.connections.get(user.id);
    if (!entry?.ids.delete(connectionId)) return false;
    if (entry.ids.size > 0) return false;
    this.connections.delete(user.id);
    return true;
  }

  async online(): Promise<UserRef[]> {
    return [...this.connections.values()].map((entry) => entry.user).sort((a, b) => a.username.localeCompare(b.username));
  }

  /** Users of one process never expire: they are there until they disconnect. */
  onExpired(): void {}

  /** This node's users, for a shared tracker to advertise. */
  users(): UserRef[] {
    return [...this.connections.values()].map((entry) => entry.user);
  }

  async close(): Promise<void> {
    this.connections.clear();
  }
}
