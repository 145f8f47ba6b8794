import { routes } from "@natter/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Domain } from "../../../domain/context.js";
import { subscribePush, unsubscribePush, vapidKeys } from "../../../domain/notifications/push.js";
import { notificationSettings, setKeywords } from "../../../domain/notifications/preferences.js";
import { fromTable } from "../fromTable.js";
import { currentUser } from "../session.js";

const tags = ["notifications"];
const refusals = [400, 401, 404, 429] as const;

export function notificationRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    app.route({
      ...fromTable(routes.pushKey, tags),
      handler: async () => ({ publicKey: (await vapidKeys(domain)).publicKey }),
    });

    app.route({
      ...fromTable(routes.subscribePush, tags, refusals),
      handler: async (request, reply) => {
        await subscribePush(domain, currentUser(request), request.body);
        return reply.status(201).send({ ok: true as const });
      },
    });

    app.route({
      ...fromTable(routes.unsubscribePush, tags, refusals),
      handler: async (request) => {
        await unsubscribePush(domain, currentUser(request), request.body.endpoint);
        return { ok: true as const };
      },
    });

    app.route({
      ...fromTable(routes.notificationSettings, tags, [401]),
      handler: async (request) => notificationSettings(domain, currentUser(request)),
    });

    app.route({
      ...fromTable(routes.setKeywords, tags, refusals),
      handler: async (request) => setKeywords(domain, currentUser(request), request.body.keywords),
    });
  };
}
