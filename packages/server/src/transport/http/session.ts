import type { TokenScope, User } from "@natter/protocol";
import type { FastifyReply, FastifyRequest } from "fastify";
import { authenticateSession, SESSION_TTL_MS } from "../../domain/accounts.js";
import type { Domain } from "../../domain/context.js";
import { Refusal } from "../../domain/errors.js";

export const SESSION_COOKIE = "natter_session";

declare module "fastify" {
  interface FastifyRequest {
    user: User | null;
    sessionToken: string | null;
    /** What the request's credential may do: every scope for a session, an access token's own; null with no credential. */
    scopes: readonly TokenScope[] | null;
  }
}

/** The bearer token wins over the cookie: programs are explicit, browsers are ambient. */
export function tokenFrom(authorization: string | undefined, cookies: Record<string, string | undefined>): string | null {
  const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
  return bearer ?? cookies[SESSION_COOKIE] ?? null;
}

export function sessionHook(domain: Domain) {
  return async (request: FastifyRequest): Promise<void> => {
    const token = tokenFrom(request.headers.authorization, request.cookies);
    request.sessionToken = token;
    const found = token ? await authenticateSession(domain, token) : undefined;
    request.user = found?.user ?? null;
    request.scopes = found?.scopes ?? null;
  };
}

const READS = new Set(["GET", "HEAD"]);

/** An access token reads with `read` and changes anything with `write`; a session may do both. */
export async function scopeHook(request: FastifyRequest): Promise<void> {
  if (!request.user) return;
  const needed: TokenScope = READS.has(request.method) ? "read" : "write";
  if (!request.scopes?.includes(needed)) throw new Refusal("INSUFFICIENT_SCOPE", `This token lacks the ${needed} scope`);
}

export function currentUser(request: FastifyRequest): User {
  if (!request.user) throw new Refusal("UNAUTHORIZED", "Log in first");
  return request.user;
}

export function setSessionCookie(reply: FastifyReply, request: FastifyRequest, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "lax",
    secure: request.protocol === "https",
    path: "/",
    maxAge: SESSION_TTL_MS / 1000,
  });
}

/** For the sessions page: what the client says it is. */
export function userAgentOf(request: FastifyRequest): string {
  return request.headers["user-agent"] ?? "";
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: "/" });
}
