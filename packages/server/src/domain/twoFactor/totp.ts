import { generateSecret, generateURI, generateSync, verifySync } from "otplib";
import QRCode from "qrcode";

/** RFC 6238 as every authenticator app speaks it: SHA-1, 6 digits, 30 s steps. */
const PERIOD_S = 30;
/** A code of the step before or after is taken too: phone clocks drift, and people type slowly. */
const TOLERANCE_S = PERIOD_S;

export function newTotpSecret(): string {
  return generateSecret();
}

/** What the QR code holds, and what an app shows as the account. */
export function totpUri(secret: string, username: string, issuer: string): string {
  return generateURI({ issuer, label: username, secret });
}

export async function qrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
}

/** The time step a 6-digit code is good for at `nowMs`, or undefined when it is not a current code. */
export function matchingStep(secret: string, code: string, nowMs: number): number | undefined {
  if (!/^\d{6}$/.test(code)) return undefined;
  const result = verifySync({ secret, token: code, epoch: Math.floor(nowMs / 1000), epochTolerance: TOLERANCE_S });
  return result.valid && "timeStep" in result ? result.timeStep : undefined;
}

/** The code an app would show at `nowMs` (tests, and nothing else, need it). */
export function currentCode(secret: string, nowMs: number): string {
  return generateSync({ secret, epoch: Math.floor(nowMs / 1000) });
}
