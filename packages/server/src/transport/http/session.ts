import type { User } from "@natter/protocol";
import type { FastifyReply, FastifyRequest } from "fastify";
import { authenticate, SESSION_TTL_MS } from "../../domain/accounts.js";
import type { Domain } from "../../domain/context.js";
import { Refusal } from "../../domain/errors.js";

export const SESSION_COOKIE = "natter_session";

declare module "fastify" {
  interface FastifyRequest {
    user: User | null;
    sessionToken: string | null;
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
    request.user = token ? ((await authenticate(domain, token)) ?? null) : null;
  };
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
