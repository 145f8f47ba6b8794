import type { Store } from "../storage/index.js";
import type { BlobStore } from "./blobStore.js";
import type { Presence } from "./presence.js";
import type { Publisher } from "./publisher.js";
import { loadRoster, RoomRosters, SHARED_ROSTER_TTL_MS } from "./rosters.js";
import { TokenBuckets, WindowCounter, type ActionLimiter, type FailureCounter } from "./rateLimit.js";
import { TypingTracker } from "./typing.js";

export interface DomainSettings {
  allowGuests: boolean;
  maxMessageLength: number;
  messagesPerSecond: number;
  maxUploadMb: number;
  maxAttachments: number;
  uploadQuotaMb: number;
}

/** Everything an action needs; built once per server and passed to every action. */
export interface Domain {
  store: Store;
  blobs: BlobStore;
  publisher: Publisher;
  presence: Presence;
  typing: TypingTracker;
  rosters: RoomRosters;
  settings: DomainSettings;
  limits: Limits;
  now: () => number;
}

export interface Limits {
  failedLoginsByAccount: FailureCounter;
  failedLoginsByAddress: FailureCounter;
  sends: ActionLimiter;
}

/** How many failed log-ins (per account, per address) within the window lock further tries out. */
export const LOGIN_LIMITS = { perAccount: 10, perAddress: 50, windowMs: 15 * 60_000 } as const;

/** A sender may burst to twice the per-second rate (at least 10) before being slowed to it. */
export function sendBurst(messagesPerSecond: number): number {
  return Math.max(10, messagesPerSecond * 2);
}

/** The limits of one node, in its memory. */
export function localLimits(settings: Pick<DomainSettings, "messagesPerSecond">, now: () => number = Date.now): Limits {
  return {
    failedLoginsByAccount: new WindowCounter(LOGIN_LIMITS.perAccount, LOGIN_LIMITS.windowMs, now),
    failedLoginsByAddress: new WindowCounter(LOGIN_LIMITS.perAddress, LOGIN_LIMITS.windowMs, now),
    sends: new TokenBuckets(settings.messagesPerSecond, sendBurst(settings.messagesPerSecond), now),
  };
}

export function createDomain(parts: { store: Store; blobs: BlobStore; publisher: Publisher; presence: Presence; settings: DomainSettings; limits?: Limits | undefined; now?: () => number }): Domain {
  const now = parts.now ?? Date.now;
  return {
    ...parts,
    typing: new TypingTracker(parts.publisher),
    rosters: new RoomRosters((roomId) => loadRoster(parts, roomId), parts.presence.spansNodes ? SHARED_ROSTER_TTL_MS : Infinity, now),
    limits: parts.limits ?? localLimits(parts.settings, now),
    now,
  };
}
