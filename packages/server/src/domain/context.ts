import type { Store } from "../storage/index.js";
import type { BlobStore } from "./blobStore.js";
import type { Presence } from "./presence.js";
import type { Publisher } from "./publisher.js";
import { loadRoster, RoomRosters, SHARED_ROSTER_TTL_MS } from "./rosters.js";
import { localLimits, type Limits } from "./limits.js";
import type { Mailer } from "./notifications/mailer.js";
import { Notices } from "./notifications/notices.js";
import { RoomPurges } from "./roomPurges.js";
import type { SingleSignOn } from "./sso/provider.js";
import type { LinkPreviews } from "./linkPreviews.js";
import { TypingTracker } from "./typing.js";

export interface DomainSettings {
  allowGuests: boolean;
  /** First values of who gets in (domain/accessSettings.ts); the database's win once an admin changes them. */
  registration?: "open" | "invite" | "closed" | undefined;
  allowedEmailDomains?: readonly string[] | undefined;
  guestPowers?: readonly ("join" | "rooms" | "dms")[] | undefined;
  maxMessageLength: number;
  messagesPerSecond: number;
  signupRate: number;
  maxUploadMb: number;
  /** An export uploaded for import waits under DATA_DIR/imports while it is read. */
  maxImportMb: number;
  dataDir: string;
  maxAttachments: number;
  uploadQuotaMb: number;
  pushAllowPrivateEndpoints: boolean;
  emailNotifyDelayMin: number;
  vapidPublicKey?: string | undefined;
  vapidPrivateKey?: string | undefined;
  /** Admins (and moderators) must set two-factor authentication up to log in. */
  requireTwoFactorForStaff?: boolean;
  allowUserTokens: boolean;
  webhookAllowPrivate: boolean;
  webhookRetryBaseMs: number;
  /** Days of history kept where a room sets none (0: all). */
  retentionDays?: number;
  /** What a deleted account leaves: its messages, as from "deleted user", or nothing. */
  deletedAccountMessages?: "keep" | "remove";
  /** Hours a "download my data" archive stays. */
  dataExportHours?: number;
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
  /** Who is told of what, decided after each commit (domain/notifications). */
  notices: Notices;
  /** Set when SMTP_URL is: emails of missed messages and address checks. */
  mailer: Mailer | undefined;
  /** Deleted rooms' rows, purged in batches in the background. */
  purges: RoomPurges;
  /** Set when OIDC_ISSUER is: sign-in through an OpenID provider (domain/sso). */
  sso: SingleSignOn | undefined;
  /** Unless LINK_PREVIEWS=false: the previews of sent messages' first links, fetched in the background. */
  previews: LinkPreviews | undefined;
  /** PUBLIC_URL, else the address the server listens on: the base of every link sent out. */
  publicUrl: () => string;
  now: () => number;
}

export function createDomain(parts: {
  store: Store;
  blobs: BlobStore;
  publisher: Publisher;
  presence: Presence;
  settings: DomainSettings;
  limits?: Limits | undefined;
  notices?: Notices;
  mailer?: Mailer | undefined;
  purges?: RoomPurges;
  sso?: SingleSignOn | undefined;
  previews?: LinkPreviews | undefined;
  publicUrl?: () => string;
  now?: () => number;
}): Domain {
  const now = parts.now ?? Date.now;
  return {
    ...parts,
    typing: new TypingTracker(parts.publisher),
    rosters: new RoomRosters((roomId) => loadRoster(parts, roomId), parts.presence.spansNodes ? SHARED_ROSTER_TTL_MS : Infinity, now),
    limits: parts.limits ?? localLimits(parts.settings, now),
    notices: parts.notices ?? new Notices(),
    mailer: parts.mailer,
    purges: parts.purges ?? new RoomPurges(parts.store, parts.blobs),
    sso: parts.sso,
    previews: parts.previews,
    publicUrl: parts.publicUrl ?? (() => "http://localhost"),
    now,
  };
}
