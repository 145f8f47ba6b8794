import { createHmac, randomBytes } from "node:crypto";

/**
 * Slack's v0 scheme with Natter's names: `X-Natter-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`
 * and `X-Natter-Timestamp` in seconds, so a receiver can refuse a replayed request by its age.
 */
export function signatureHeaders(secret: string, body: string, nowMs: number): Record<string, string> {
  const timestamp = String(Math.floor(nowMs / 1000));
  return { "x-natter-timestamp": timestamp, "x-natter-signature": `sha256=${sign(secret, timestamp, body)}` };
}

export function sign(secret: string, timestamp: string, body: string): string {
  return createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
}

/** 256 bits, shown once to whoever set the hook or command up. */
export function newSigningSecret(): string {
  return randomBytes(32).toString("hex");
}
