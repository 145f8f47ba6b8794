import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import type { Store } from "../../storage/index.js";

/**
 * TOTP secrets are kept encrypted (AES-256-GCM) under a key of the server's, kept apart from the users table
 * in server_keys: a leaked users table or a copy of it in a log holds no usable secret. A dump of the whole
 * database holds the key too; what protects the secret then is that it is never sent out after setup.
 */
const KEY_NAME = "two-factor-key";

async function key(store: Store): Promise<Buffer> {
  return Buffer.from(await store.serverKey(KEY_NAME, () => randomBytes(32).toString("base64url")), "base64url");
}

export async function seal(store: Store, secret: string): Promise<string> {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", await key(store), iv);
  const sealed = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return ["v1", iv.toString("base64url"), sealed.toString("base64url"), cipher.getAuthTag().toString("base64url")].join(".");
}

export async function unseal(store: Store, box: string): Promise<string> {
  const [version, iv, sealed, tag] = box.split(".");
  if (version !== "v1" || !iv || !sealed || !tag) throw new Error("not a sealed two-factor secret");
  const decipher = createDecipheriv("aes-256-gcm", await key(store), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(sealed, "base64url")), decipher.final()]).toString("utf8");
}
