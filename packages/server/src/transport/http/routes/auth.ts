import {
  authResponseSchema,
  changePasswordBodySchema,
  errorResponseSchema,
  guestBodySchema,
  loginBodySchema,
  meResponseSchema,
  okResponseSchema,
  registerBodySchema,
} from "@natter/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { changePassword, joinAsGuest, login, logout, register } from "../../../domain/accounts.js";
import type { Domain } from "../../../domain/context.js";
import { clearSessionCookie, currentUser, setSessionCookie } from "../session.js";

const refusals = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 409: errorResponseSchema, 429: errorResponseSchema };

export function authRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ["auth"];

    app.post("/api/auth/register", { schema: { tags, body: registerBodySchema, response: { 201: authResponseSchema, ...refusals } } }, async (request, reply) => {
      const session = await register(domain, request.body, request.ip);
      setSessionCookie(reply, request, session.token);
      return reply.code(201).send(session);
    });

    app.post("/api/auth/login", { schema: { tags, body: loginBodySchema, response: { 200: authResponseSchema, ...refusals } } }, async (request, reply) => {
      const session = await login(domain, request.body, request.ip);
      setSessionCookie(reply, request, session.token);
      return session;
    });

    app.post("/api/auth/guest", { schema: { tags, body: guestBodySchema, response: { 201: authResponseSchema, ...refusals } } }, async (request, reply) => {
      const session = await joinAsGuest(domain, request.body, request.ip);
      setSessionCookie(reply, request, session.token);
      return reply.code(201).send(session);
    });

    app.post("/api/auth/logout", { schema: { tags, response: { 200: okResponseSchema, 401: errorResponseSchema } } }, async (request, reply) => {
      currentUser(request);
      if (request.sessionToken) await logout(domain, request.sessionToken);
      clearSessionCookie(reply);
      return { ok: true as const };
    });

    app.post("/api/me/password", { schema: { tags, body: changePasswordBodySchema, response: { 200: authResponseSchema, ...refusals } } }, async (request, reply) => {
      const session = await changePassword(domain, currentUser(request), request.body);
      setSessionCookie(reply, request, session.token);
      return session;
    });

    app.get("/api/me", { schema: { tags, response: { 200: meResponseSchema, 401: errorResponseSchema } } }, async (request) => ({ user: currentUser(request) }));
  };
}
