import { routes } from "@natter/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { changePassword, joinAsGuest, login, register } from "../../../domain/accounts.js";
import type { Domain } from "../../../domain/context.js";
import { upgradeGuest } from "../../../domain/guests.js";
import { completeSetup } from "../../../domain/setup.js";
import { ssoLogout } from "../../../domain/sso/signIn.js";
import { fromTable } from "../fromTable.js";
import { clearSessionCookie, currentUser, setSessionCookie, userAgentOf } from "../session.js";

const tags = ["auth"];
const refusals = [400, 401, 403, 409, 429] as const;

export function authRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    app.route({
      ...fromTable(routes.register, tags, refusals),
      handler: async (request, reply) => {
        const session = await register(domain, request.body, request.ip, userAgentOf(request));
        setSessionCookie(reply, request, session.token);
        return reply.code(routes.register.status).send(session);
      },
    });

    app.route({
      ...fromTable(routes.setup, tags, refusals),
      handler: async (request, reply) => {
        const session = await completeSetup(domain, request.body, request.ip);
        setSessionCookie(reply, request, session.token);
        return reply.code(routes.setup.status).send(session);
      },
    });

    app.route({
      ...fromTable(routes.login, tags, refusals),
      handler: async (request, reply) => {
        const answer = await login(domain, request.body, request.ip, userAgentOf(request));
        // With two-factor authentication the password only earns the ticket of the second step, no cookie.
        if ("token" in answer) setSessionCookie(reply, request, answer.token);
        return answer;
      },
    });

    app.route({
      ...fromTable(routes.guest, tags, refusals),
      handler: async (request, reply) => {
        const session = await joinAsGuest(domain, request.body, request.ip, userAgentOf(request));
        setSessionCookie(reply, request, session.token);
        return reply.code(routes.guest.status).send(session);
      },
    });

    app.route({
      ...fromTable(routes.logout, tags, [401]),
      handler: async (request, reply) => {
        currentUser(request);
        const endSessionUrl = request.sessionToken ? await ssoLogout(domain, request.sessionToken) : undefined;
        clearSessionCookie(reply);
        return endSessionUrl ? { ok: true as const, endSessionUrl } : { ok: true as const };
      },
    });

    app.route({
      ...fromTable(routes.changePassword, tags, refusals),
      handler: async (request, reply) => {
        const session = await changePassword(domain, currentUser(request), request.body, { address: request.ip, userAgent: userAgentOf(request) });
        setSessionCookie(reply, request, session.token);
        return session;
      },
    });

    app.route({ ...fromTable(routes.me, tags, [401]), handler: async (request) => ({ user: currentUser(request) }) });

    app.route({
      ...fromTable(routes.upgradeGuest, tags, refusals),
      handler: async (request, reply) => {
        const session = await upgradeGuest(domain, currentUser(request), request.body, request.ip);
        setSessionCookie(reply, request, session.token);
        return session;
      },
    });
  };
}
