import { PUSH_SUBSCRIPTIONS_MAX, type PushSubscriptionBody, type User } from "@natter/protocol";
import webpush from "web-push";
import { isPrivateAddress, literalAddress } from "../../notify/privateAddress.js";
import type { Domain } from "../context.js";
import { Refusal } from "../errors.js";
import { spend } from "../limits.js";

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
}

/** The VAPID keys: from the settings, else made by the first node that asks and kept in the database. */
export async function vapidKeys(domain: Domain): Promise<VapidKeys> {
  const { vapidPublicKey, vapidPrivateKey } = domain.settings;
  if (vapidPublicKey && vapidPrivateKey) return { publicKey: vapidPublicKey, privateKey: vapidPrivateKey };
  const stored = await domain.store.serverKey("vapid", () => JSON.stringify(webpush.generateVAPIDKeys()));
  return JSON.parse(stored) as VapidKeys;
}

/** The browser's subscription, for this user; its language is what their pushes and emails are written in. */
export async function subscribePush(domain: Domain, user: User, body: PushSubscriptionBody): Promise<void> {
  checkEndpoint(body.endpoint, domain.settings.pushAllowPrivateEndpoints);
  checkKey(body.keys.p256dh, 65, "keys.p256dh must be an uncompressed P-256 public key (65 bytes, base64url)");
  checkKey(body.keys.auth, 16, "keys.auth must be 16 bytes, base64url");
  await spend(domain.limits, "notificationSettings", user.id);
  const saved = await domain.store.savePushSubscription(
    { userId: user.id, endpoint: body.endpoint, p256dh: body.keys.p256dh, auth: body.keys.auth, createdAt: domain.now() },
    PUSH_SUBSCRIPTIONS_MAX,
  );
  if (!saved) throw new Refusal("TOO_MANY_SUBSCRIPTIONS", `At most ${PUSH_SUBSCRIPTIONS_MAX} push subscriptions per user; remove one first`);
  domain.notices.forgetReachable();
  if (body.language) await domain.store.updateUser(user.id, { language: body.language });
}

/** Idempotent, as a browser that unsubscribes may tell every server it knows, twice. Only one's own goes. */
export async function unsubscribePush(domain: Domain, user: User, endpoint: string): Promise<void> {
  await domain.store.deletePushSubscription(user.id, endpoint);
}

/**
 * Endpoints are https; plain http and private or loopback hosts only with PUSH_ALLOW_PRIVATE_ENDPOINTS. A host
 * name is checked again when it is resolved, at each send (notify/pushSender.ts).
 */
export function checkEndpoint(endpoint: string, allowPrivate: boolean): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new Refusal("BAD_SUBSCRIPTION", "endpoint is not a URL");
  }
  if (url.protocol !== "https:" && !(allowPrivate && url.protocol === "http:")) throw new Refusal("BAD_SUBSCRIPTION", "endpoint must be an https: URL");
  const address = literalAddress(url.hostname);
  const local = url.hostname === "localhost" || (address !== undefined && isPrivateAddress(address));
  if (local && !allowPrivate) throw new Refusal("BAD_SUBSCRIPTION", "endpoint is on a private or loopback address");
  if (url.username || url.password) throw new Refusal("BAD_SUBSCRIPTION", "endpoint must not carry credentials");
  return url;
}

function checkKey(value: string, bytes: number, message: string): void {
  const decoded = /^[A-Za-z0-9_-]+={0,2}$/.test(value) ? Buffer.from(value, "base64url") : Buffer.alloc(0);
  if (decoded.length !== bytes || (bytes === 65 && decoded[0] !== 4)) throw new Refusal("BAD_SUBSCRIPTION", message);
}
