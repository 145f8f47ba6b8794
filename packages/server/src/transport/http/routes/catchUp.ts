import { routes } from "@natter/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { listMentions, listThreads, markThreadRead, markUnread } from "../../../domain/catchUp.js";
import type { Domain } from "../../../domain/context.js";
import { fromTable } from "../fromTable.js";
import { currentUser } from "../session.js";

/** The catch-up views (Mentions, Threads) and the read positions they move. */
export function catchUpRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ["catch-up"];
    app.route({
      ...fromTable(routes.mentions, tags, [400, 401]),
      handler: async (request) => listMentions(domain, currentUser(request), request.query),
    });
    app.route({
      ...fromTable(routes.threads, tags, [400, 401]),
      handler: async (request) => listThreads(domain, currentUser(request), request.query),
    });
    app.route({
      ...fromTable(routes.markUnread, tags, [400, 401, 404, 429]),
      handler: async (request) => markUnread(domain, currentUser(request), request.params.name, request.body.seq),
    });
    app.route({
      ...fromTable(routes.markThreadRead, tags, [400, 401, 404, 429]),
      handler: async (request) => ({ seq: await markThreadRead(domain, currentUser(request), request.params.name, request.params.id, request.body.seq) }),
    });
  };
}
