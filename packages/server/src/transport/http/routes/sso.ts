import { routes, SSO_ERROR_PARAM } from "@natter/protocol";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { accessSettings } from "../../../domain/accessSettings.js";
import type { Domain } from "../../../domain/context.js";
import { Refusal } from "../../../domain/errors.js";
import { beginSsoSignIn, finishSsoSignIn, SSO_SIGN_IN_TTL_MS } from "../../../domain/sso/signIn.js";
import { fromTable } from "../fromTable.js";
import { setSessionCookie } from "../session.js";

const tags = ["auth"];

/** Binds a sign-in to the browser that started it; holds a random value whose hash finds the sign-in's state. */
const BINDING_COOKIE = "natter_sso";
const BINDING_PATH = "/api/auth/sso";

/**
 * Single sign-on's two legs. Both are browser navigations, so a refusal is not JSON but a redirect to the app
 * with its code (`/?sso_error=CODE`), which the log-in screen words in the reader's language.
 */
export function ssoRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    app.route({
      ...fromTable(routes.signInMethods, tags),
      // The console's settings, read where they live, so a change shows on the next log-in page of every node.
      handler: async () => {
        const { registration, guests } = await accessSettings(domain);
        const only = domain.sso?.only === true;
        return {
          password: !only,
          guests: guests && !only,
          registration: only ? ("closed" as const) : registration,
          sso: domain.sso ? { name: domain.sso.provider.name } : null,
        };
      },
    });

    app.route({
      ...fromTable(routes.ssoStart, tags),
      handler: async (request, reply) => {
        // Each answer is for this browser and this moment: never kept by a cache.
        reply.header("cache-control", "no-store");
        try {
          const { binding, url } = await beginSsoSignIn(domain, request.ip);
          reply.setCookie(BINDING_COOKIE, binding, {
            httpOnly: true,
            // Lax: the provider's redirect back is a top-level GET from another site, which must bring the cookie.
            sameSite: "lax",
            secure: request.protocol === "https",
            path: BINDING_PATH,
            maxAge: SSO_SIGN_IN_TTL_MS / 1000,
          });
          return reply.redirect(url, 302);
        } catch (error) {
          return backToApp(reply, error);
        }
      },
    });

    app.route({
      ...fromTable(routes.ssoCallback, tags, [400]),
      handler: async (request, reply) => {
        reply.header("cache-control", "no-store");
        reply.clearCookie(BINDING_COOKIE, { path: BINDING_PATH });
        try {
          const session = await finishSsoSignIn(domain, request.cookies[BINDING_COOKIE], rawQuery(request), request.ip);
          setSessionCookie(reply, request, session.token);
          return reply.redirect("/", 302);
        } catch (error) {
          return backToApp(reply, error);
        }
      },
    });
  };
}

/** The query string exactly as the provider sent it: openid-client reads the answer's parameters from it. */
function rawQuery(request: FastifyRequest): string {
  const at = request.url.indexOf("?");
  return at < 0 ? "" : request.url.slice(at + 1);
}

function backToApp(reply: FastifyReply, error: unknown): FastifyReply {
  if (!(error instanceof Refusal)) throw error;
  reply.log.info({ code: error.code, reason: error.message }, "single sign-on refused");
  return reply.redirect(`/?${SSO_ERROR_PARAM}=${encodeURIComponent(error.code)}`, 302);
}
