import { nameKey, type OutgoingHook, type User } from "@natter/protocol";
import type { OutgoingHookListing, WebhookDeliveryRow } from "../../storage/index.js";
import { manageRoom } from "../access.js";
import type { Domain } from "../context.js";
import { Refusal } from "../errors.js";
import { spend } from "../limits.js";
import { usernameKey } from "../usernames.js";
import { iso } from "../wire.js";
import { recordAudit } from "../audit.js";
import { refuseUnsafe } from "./safeUrl.js";
import { newSigningSecret } from "./signing.js";

/** The message an outgoing webhook is told of, as the send committed it. */
export interface SentMessage {
  roomId: number;
  roomName: string;
  messageId: number;
  seq: number;
  authorId: number;
  authorName: string;
  text: string;
  mentionIds: readonly number[];
  replyToId: number | null;
}

/** A room's owners and admins set up hooks for their room; only server admins for a bot's mentions. */
export async function createOutgoingHook(
  domain: Domain,
  user: User,
  input: { room?: string | undefined; bot?: string | undefined; url: string; triggerWords: readonly string[] },
  address: string,
): Promise<{ hook: OutgoingHook; secret: string }> {
  let roomId: number | null = null;
  let botId: number | null = null;
  if (input.room !== undefined) roomId = (await manageRoom(domain, user, input.room)).id;
  if (input.bot !== undefined) {
    if (user.role !== "admin") throw new Refusal("FORBIDDEN", "Only server admins set up a bot's webhooks");
    const bot = await domain.store.userByKey(usernameKey(input.bot));
    if (!bot || bot.bot !== 1) throw new Refusal("NOT_FOUND", `No bot named "${input.bot}"`);
    botId = bot.id;
  }
  refuseUnsafe(domain, input.url);
  await spend(domain.limits, "integrations", user.id);
  const secret = newSigningSecret();
  const row = await domain.store.insertOutgoingHook({
    room_id: roomId,
    bot_id: botId,
    url: input.url,
    trigger_words: input.triggerWords.join("\n"),
    secret,
    created_by: user.id,
    created_at: domain.now(),
  });
  hooksKnown.delete(domain);
  await recordAudit(domain, {
    actor: user,
    action: "outgoing_hook.create",
    target: `outgoing_hook:${row.id}`,
    address,
    details: { url: input.url },
  });
  return { hook: toOutgoingHook(row), secret };
}

/** Server admins see every hook; others those they made. */
export async function listOutgoingHooks(domain: Domain, user: User): Promise<OutgoingHook[]> {
  const rows = await domain.store.outgoingHooks(user.role === "admin" ? undefined : user.id);
  return rows.map(toOutgoingHook);
}

/** A new signing secret: the worker reads the secret at each try, so even a queued retry is signed with it. */
export async function rotateOutgoingHook(domain: Domain, user: User, id: number, address: string): Promise<{ hook: OutgoingHook; secret: string }> {
  const hook = await ownHook(domain, user, id);
  await spend(domain.limits, "integrations", user.id);
  const secret = newSigningSecret();
  await domain.store.setOutgoingHookSecret(id, secret);
  await recordAudit(domain, { actor: user, action: "outgoing_hook.rotate", target: `outgoing_hook:${id}`, address, details: {} });
  return { hook: toOutgoingHook(hook), secret };
}

export async function deleteOutgoingHook(domain: Domain, user: User, id: number, address: string): Promise<void> {
  await ownHook(domain, user, id);
  await domain.store.deleteOutgoingHook(id);
  hooksKnown.delete(domain);
  await recordAudit(domain, { actor: user, action: "outgoing_hook.delete", target: `outgoing_hook:${id}`, address, details: {} });
}

/** The newest deliveries first: what was sent, how the receiver answered, what is still to be tried. */
export async function listDeliveries(domain: Domain, user: User, id: number) {
  await ownHook(domain, user, id);
  const rows = await domain.store.deliveriesOf(id, DELIVERY_LOG);
  return rows.map(toDelivery);
}

/** How many deliveries the log shows. */
const DELIVERY_LOG = 100;

/**
 * Queues one delivery per matching hook for a new message, in the database, after the send's commit. A
 * message posted by an integration (it has a card) or by the hook's own bot sets nothing off, so a hook's
 * reply cannot answer itself.
 */
export async function queueOutgoing(domain: Domain, sent: SentMessage): Promise<boolean> {
  if (!(await anyHooks(domain))) return false;
  const hooks = await domain.store.hooksForMessage(sent.roomId, sent.mentionIds);
  const now = domain.now();
  const deliveries = hooks.flatMap((hook) => {
    if (hook.bot_id === sent.authorId) return [];
    const triggerWord = matchTrigger(hook.trigger_words, sent.text);
    if (triggerWord === undefined) return [];
    const body = JSON.stringify({
      event: "message",
      hookId: hook.id,
      room: sent.roomName,
      message: { id: sent.messageId, seq: sent.seq, text: sent.text, threadId: sent.replyToId },
      user: { id: sent.authorId, username: sent.authorName },
      bot: hook.bot_id,
      triggerWord,
      timestamp: iso(now),
    });
    return [{ hook_id: hook.id, message_id: sent.messageId, body, due_at: now, created_at: now }];
  });
  await domain.store.enqueueDeliveries(deliveries);
  return deliveries.length > 0;
}

/** Undefined when the hook's trigger words do not match; null when it has none (every message matches). */
export function matchTrigger(triggerWords: string, text: string): string | null | undefined {
  const words = triggerWords.split("\n").filter(Boolean);
  if (words.length === 0) return null;
  const first = text.trim().split(/\s+/u)[0] ?? "";
  return words.find((word) => nameKey(word) === nameKey(first));
}

/**
 * Whether this server has at least one outgoing hook, asked at most once a second per node: on a server without
 * hooks a send costs no extra query. A hook made on this node counts at once; on another within the second.
 */
const hooksKnown = new WeakMap<Domain, { at: number; answer: Promise<boolean> }>();
const HOOKS_KNOWN_TTL_MS = 1_000;
function anyHooks(domain: Domain): Promise<boolean> {
  const now = domain.now();
  const known = hooksKnown.get(domain);
  if (known && now - known.at < HOOKS_KNOWN_TTL_MS && now >= known.at) return known.answer;
  const answer = domain.store.outgoingHooks(undefined).then((rows) => rows.length > 0);
  hooksKnown.set(domain, { at: now, answer });
  return answer;
}

async function ownHook(domain: Domain, user: User, id: number): Promise<OutgoingHookListing> {
  const hook = await domain.store.outgoingHookById(id);
  if (!hook || (hook.created_by !== user.id && user.role !== "admin")) throw new Refusal("NOT_FOUND", `No outgoing webhook ${id}`);
  return hook;
}

function toOutgoingHook(row: OutgoingHookListing): OutgoingHook {
  return {
    id: row.id,
    room: row.room_name,
    bot: row.bot_id === null || row.bot_name === null ? null : { id: row.bot_id, username: row.bot_name },
    url: row.url,
    triggerWords: row.trigger_words.split("\n").filter(Boolean),
    createdBy: { id: row.created_by, username: row.creator_name },
    createdAt: iso(row.created_at),
  };
}

function toDelivery(row: WebhookDeliveryRow) {
  return {
    id: row.id,
    messageId: row.message_id,
    status: row.status,
    attempts: row.attempts,
    responseStatus: row.response_status,
    error: row.error,
    createdAt: iso(row.created_at),
    nextAttemptAt: row.status === "pending" ? iso(row.due_at) : null,
  };
}
