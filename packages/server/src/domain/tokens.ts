import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** 256 random bits; only their hash is stored, so a leaked database holds no usable session. */
export function newSessionToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

/** Compares two hashes in constant time, so how long a refusal takes says nothing of the secret. */
export function sameHash(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
