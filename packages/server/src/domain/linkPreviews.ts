import { isWebLink, linkPreviewSchema, webLinkSchema, type LinkPreview, type Message, type User } from "@natter/protocol";
import { LinkifyIt } from "linkify-it";
import type { RoomRow } from "../storage/index.js";
import { accessMembership } from "./access.js";
import type { Domain } from "./context.js";
import { Refusal } from "./errors.js";
import { hydrateMessage } from "./hydrate.js";
import { spend } from "./limits.js";

/** Fetches a page's preview; null when the page gives none. Throws when it cannot be reached (no preview either). */
export type PreviewFetcher = (url: string) => Promise<LinkPreview | null>;

/** A found preview is kept a day; a page that gave none is asked again after an hour. */
const FOUND_TTL_MS = 24 * 60 * 60_000;
const MISSED_TTL_MS = 60 * 60_000;
/** Pages fetched at once by one node, and links waiting past those: a burst of links drops the excess, never the sends. */
const CONCURRENT_FETCHES = 4;
const MAX_WAITING = 1_000;

/** The links markdown-it's linkify draws in the web app, written with http(s)://: bare names like example.com are not fetched. */
const linkify = new LinkifyIt({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });

/** The message's first http(s) link, if it is one a card can name (at most 2,000 characters, as the protocol's links). */
export function firstLink(text: string): string | undefined {
  const url = (linkify.match(text) ?? []).map((match) => match.url).find(isWebLink);
  return url !== undefined && webLinkSchema.safeParse(url).success ? url : undefined;
}

/**
 * The previews of one node: each sent message's first link is fetched here, after the send answered, a few at
 * a time. The cache (link_previews) is shared by every node; a URL being fetched on this node is fetched once.
 */
export class LinkPreviews {
  private readonly waiting: (() => Promise<void>)[] = [];
  private readonly running = new Set<Promise<void>>();
  private readonly fetching = new Map<string, Promise<LinkPreview | null>>();
  private closed = false;

  constructor(
    readonly fetch: PreviewFetcher,
    private readonly report: (error: unknown) => void = () => undefined,
  ) {}

  add(job: () => Promise<void>): void {
    if (this.closed || this.waiting.length >= MAX_WAITING) return;
    this.waiting.push(job);
    this.next();
  }

  /** One fetch per URL at a time on this node: a link pasted in many rooms at once is asked for once. */
  once(url: string, fetch: () => Promise<LinkPreview | null>): Promise<LinkPreview | null> {
    const pending = this.fetching.get(url) ?? fetch().finally(() => this.fetching.delete(url));
    this.fetching.set(url, pending);
    return pending;
  }

  /** Drops what waits and lets the fetches in hand finish (3 s at most). */
  async close(): Promise<void> {
    this.closed = true;
    this.waiting.length = 0;
    await Promise.all([...this.running]);
  }

  private next(): void {
    while (this.running.size < CONCURRENT_FETCHES) {
      const job = this.waiting.shift();
      if (!job) return;
      const run = job()
        .catch(this.report)
        .finally(() => {
          this.running.delete(run);
          this.next();
        });
      this.running.add(run);
    }
  }
}

/** After a send: the first link's preview, fetched off the send's path, arrives as a message update in every tab. */
export function queuePreview(domain: Domain, room: RoomRow, message: { id: number; text: string }): void {
  const previews = domain.previews;
  const url = previews && firstLink(message.text);
  if (!previews || !url) return;
  previews.add(() => attachPreview(domain, previews, room, message.id, url));
}

/** The author takes the preview off their message; it stays off (a fetch still under way does not bring it back). */
export async function removePreview(domain: Domain, user: User, input: { room: string; id: number }): Promise<Message> {
  const { room } = await accessMembership(domain, user.id, input.room);
  const message = await domain.store.messageById(room.id, input.id);
  if (!message) throw new Refusal("NOT_FOUND", `No message ${input.id} in this room`);
  if (message.author_id !== user.id) throw new Refusal("FORBIDDEN", "Only the author can remove a message's preview");
  await spend(domain.limits, "edits", user.id);
  return setPreview(domain, room, input.id, "");
}

async function attachPreview(domain: Domain, previews: LinkPreviews, room: RoomRow, messageId: number, url: string): Promise<void> {
  const preview = await previewOf(domain, previews, url);
  if (!preview) return;
  const message = await domain.store.messageById(room.id, messageId);
  // Edited meanwhile to another link (or none): this card is no longer the message's.
  if (!message || message.preview !== null || message.deleted_at !== null || firstLink(message.text) !== url) return;
  await setPreview(domain, room, messageId, JSON.stringify(preview));
}

async function previewOf(domain: Domain, previews: LinkPreviews, url: string): Promise<LinkPreview | null> {
  const cached = await domain.store.cachedPreview(url, domain.now());
  if (cached) return cached.preview === null ? null : linkPreviewSchema.parse(JSON.parse(cached.preview));
  return previews.once(url, async () => {
    const preview = await previews.fetch(url).catch(() => null);
    const ttl = preview ? FOUND_TTL_MS : MISSED_TTL_MS;
    const now = domain.now();
    await domain.store.cachePreview(url, preview && JSON.stringify(preview), now + ttl, now);
    return preview;
  });
}

async function setPreview(domain: Domain, room: RoomRow, messageId: number, preview: string): Promise<Message> {
  await domain.store.changeMessage(room.id, messageId, { kind: "preview", preview });
  const row = await domain.store.messageById(room.id, messageId);
  if (!row) throw new Refusal("NOT_FOUND", `No message ${messageId} in this room`);
  const message = await hydrateMessage(domain, room.name, row);
  domain.publisher.toRoom(room.id, "message_updated", message);
  return message;
}
