import { createHash, randomBytes } from "node:crypto";

/** 256 random bits; only their hash is stored, so a leaked database holds no usable session. */
export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}
