import type { IncomingHttpHeaders } from "node:http";

export interface OriginPolicy {
  allowedOrigins: readonly string[];
  /** Behind a load balancer, X-Forwarded-Host/-Proto name the origin browsers see. */
  trustProxy: boolean;
}

/**
 * Browsers send Origin on cross-site requests and on every WebSocket; a page elsewhere must not use a
 * visitor's cookie here. Programs send no Origin (and no Sec-Fetch-Site) and authenticate with tokens.
 */
export function isOriginAllowed(headers: IncomingHttpHeaders, encrypted: boolean, policy: OriginPolicy): boolean {
  const origin = headers.origin;
  if (!origin) {
    const site = headers["sec-fetch-site"];
    return site === undefined || site === "same-origin" || site === "none";
  }
  if (policy.allowedOrigins.includes(origin)) return true;
  const host = (policy.trustProxy && first(headers["x-forwarded-host"])) || headers.host;
  const scheme = (policy.trustProxy && first(headers["x-forwarded-proto"])) || (encrypted ? "https" : "http");
  return host !== undefined && origin === `${scheme}://${host}`;
}

function first(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text?.split(",")[0]?.trim() || undefined;
}
