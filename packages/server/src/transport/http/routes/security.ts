import { routes } from "@natter/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Domain } from "../../../domain/context.js";
import { Refusal } from "../../../domain/errors.js";
import { forgotPassword, resetPassword } from "../../../domain/passwordResets.js";
import { endOtherSessions, endSession, listSessions } from "../../../domain/sessions.js";
import { hashToken } from "../../../domain/tokens.js";
import { enrollWithTicket, finishLogin } from "../../../domain/twoFactor/loginTickets.js";
import { confirmTwoFactor, disableTwoFactor, startTwoFactor, twoFactorStatus } from "../../../domain/twoFactor/secondFactor.js";
import { fromTable } from "../fromTable.js";
import { currentUser, setSessionCookie } from "../session.js";

const tags = ["security"];

/** Issue 17: the second step of log-in, two-factor settings, password reset and the sessions page. */
export function securityRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    app.route({
      ...fromTable(routes.loginCode, tags, [400, 401, 429]),
      handler: async (request, reply) => {
        const session = await finishLogin(domain, request.body.ticket, request.body.code, request.ip);
        setSessionCookie(reply, request, session.token);
        return session;
      },
    });

    app.route({
      ...fromTable(routes.loginEnroll, tags, [400, 401, 429]),
      handler: async (request) => enrollWithTicket(domain, request.body.ticket),
    });

    app.route({
      ...fromTable(routes.forgotPassword, tags, [400, 429]),
      handler: async (request) => {
        await forgotPassword(domain, request.body.email, request.body.language, request.ip);
        return { ok: true as const };
      },
    });

    app.route({
      ...fromTable(routes.resetPassword, tags, [400, 429]),
      handler: async (request) => {
        await resetPassword(domain, request.body.token, request.body.password, request.ip);
        return { ok: true as const };
      },
    });

    app.route({ ...fromTable(routes.twoFactor, tags, [401]), handler: async (request) => twoFactorStatus(domain, currentUser(request)) });

    app.route({ ...fromTable(routes.startTwoFactor, tags, [400, 401, 429]), handler: async (request) => startTwoFactor(domain, currentUser(request)) });

    app.route({
      ...fromTable(routes.confirmTwoFactor, tags, [400, 401, 429]),
      handler: async (request) => confirmTwoFactor(domain, currentUser(request), request.body.code, request.ip),
    });

    app.route({
      ...fromTable(routes.disableTwoFactor, tags, [400, 401, 403, 429]),
      handler: async (request) => disableTwoFactor(domain, currentUser(request), request.body.code, request.ip),
    });

    app.route({
      ...fromTable(routes.sessions, tags, [401]),
      handler: async (request) => ({ sessions: await listSessions(domain, currentUser(request), currentTokenHash(request.sessionToken)) }),
    });

    app.route({
      ...fromTable(routes.endSession, tags, [401, 404, 429]),
      handler: async (request) => {
        await endSession(domain, currentUser(request), request.params.id);
        return { ok: true as const };
      },
    });

    app.route({
      ...fromTable(routes.endOtherSessions, tags, [401, 429]),
      handler: async (request) => {
        const user = currentUser(request);
        const current = currentTokenHash(request.sessionToken);
        if (!current) throw new Refusal("UNAUTHORIZED", "Log in first");
        return { ended: await endOtherSessions(domain, user, current) };
      },
    });
  };
}

function currentTokenHash(token: string | null): string | null {
  return token === null ? null : hashToken(token);
}
