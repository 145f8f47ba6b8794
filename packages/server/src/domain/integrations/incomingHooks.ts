import { slackPayloadSchema, type IncomingHook, type User } from "@natter/protocol";
import { randomUUID } from "node:crypto";
import type { IncomingHookListing } from "../../storage/index.js";
import { manageRoom } from "../access.js";
import type { Domain } from "../context.js";
import { Refusal } from "../errors.js";
import { spend } from "../limits.js";
import { sendMessage } from "../messages.js";
import { hashToken, newSessionToken, sameHash } from "../tokens.js";
import { iso, toUser } from "../wire.js";
import { recordAudit } from "../audit.js";
import { slackMessage } from "./slackCard.js";

/**
 * Incoming webhooks: a secret URL that posts Slack's payload into one room. The post is attributed to whoever
 * made the hook (as Mattermost does), drawn under the hook's name and emoji; only the secret's hash is kept.
 */
export async function createIncomingHook(
  domain: Domain,
  user: User,
  roomName: string,
  input: { name: string; emoji: string },
  address: string,
): Promise<{ hook: IncomingHook; url: string }> {
  const room = await manageRoom(domain, user, roomName);
  // The hook posts as its maker, who must be able to post there.
  if (!(await domain.store.isMember(room.id, user.id))) throw new Refusal("FORBIDDEN", `Join "${room.name}" before adding a webhook to it`);
  await spend(domain.limits, "integrations", user.id);
  const secret = newSessionToken();
  const row = await domain.store.insertIncomingHook({
    room_id: room.id,
    name: input.name,
    emoji: input.emoji,
    secret_hash: hashToken(secret),
    created_by: user.id,
    created_at: domain.now(),
  });
  await recordAudit(domain, {
    actor: user,
    action: "incoming_hook.create",
    target: `incoming_hook:${row.id}`,
    address,
    details: { room: room.name, name: input.name },
  });
  return { hook: toIncomingHook(row), url: hookUrl(domain, row.id, secret) };
}

export async function listIncomingHooks(domain: Domain, user: User, roomName: string): Promise<IncomingHook[]> {
  const room = await manageRoom(domain, user, roomName);
  return (await domain.store.incomingHooksOf(room.id)).map(toIncomingHook);
}

/** A new secret; the old URL stops working at once. */
export async function rotateIncomingHook(
  domain: Domain,
  user: User,
  roomName: string,
  id: number,
  address: string,
): Promise<{ hook: IncomingHook; url: string }> {
  const hook = await roomHook(domain, user, roomName, id);
  await spend(domain.limits, "integrations", user.id);
  const secret = newSessionToken();
  await domain.store.setIncomingHookSecret(hook.id, hashToken(secret));
  await recordAudit(domain, {
    actor: user,
    action: "incoming_hook.rotate",
    target: `incoming_hook:${id}`,
    address,
    details: { room: hook.room_name },
  });
  return { hook: toIncomingHook(hook), url: hookUrl(domain, hook.id, secret) };
}

export async function deleteIncomingHook(domain: Domain, user: User, roomName: string, id: number, address: string): Promise<void> {
  const hook = await roomHook(domain, user, roomName, id);
  await domain.store.deleteIncomingHook(hook.id);
  await recordAudit(domain, {
    actor: user,
    action: "incoming_hook.delete",
    target: `incoming_hook:${id}`,
    address,
    details: { room: hook.room_name },
  });
}

/**
 * A post to the secret URL. An unknown hook and a wrong secret answer alike (NOT_FOUND), so the URL's id
 * reveals nothing; each hook has its own rate budget; every post is audited with its address.
 */
export async function postToHook(domain: Domain, id: number, secret: string, payload: unknown, address: string): Promise<void> {
  const hook = await domain.store.incomingHookById(id);
  if (!hook || !sameHash(hook.secret_hash, hashToken(secret))) throw new Refusal("NOT_FOUND", "No such webhook");
  await spend(domain.limits, "hookPosts", hook.id);
  const parsed = slackPayloadSchema.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Refusal("INVALID_PAYLOAD", `Not a Slack webhook payload: ${issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "invalid"}`);
  }
  const { text, card } = slackMessage(parsed.data, "webhook", { username: parsed.data.username ?? hook.name, iconEmoji: parsed.data.icon_emoji ?? hook.emoji });
  const author = await domain.store.userById(hook.created_by);
  if (!author) throw new Refusal("NOT_FOUND", "No such webhook");
  const message = await sendMessage(domain, toUser(author), { room: hook.room_name, text, clientMsgId: `hook-${hook.id}-${randomUUID()}`, card });
  await domain.store.touchIncomingHook(hook.id, domain.now());
  await recordAudit(domain, {
    actor: { id: hook.created_by, username: hook.creator_name },
    action: "incoming_hook.post",
    target: `incoming_hook:${hook.id}`,
    address,
    details: { room: hook.room_name, messageId: message.id },
  });
}

async function roomHook(domain: Domain, user: User, roomName: string, id: number): Promise<IncomingHookListing> {
  const room = await manageRoom(domain, user, roomName);
  const hook = await domain.store.incomingHookById(id);
  if (!hook || hook.room_id !== room.id) throw new Refusal("NOT_FOUND", `No webhook ${id} in "${room.name}"`);
  return hook;
}

function hookUrl(domain: Domain, id: number, secret: string): string {
  return `${domain.publicUrl()}/hooks/${id}/${secret}`;
}

function toIncomingHook(row: IncomingHookListing): IncomingHook {
  return {
    id: row.id,
    room: row.room_name,
    name: row.name,
    emoji: row.emoji,
    createdBy: { id: row.created_by, username: row.creator_name },
    createdAt: iso(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : iso(row.last_used_at),
  };
}
