import { routes } from "@natter/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Domain } from "../../../domain/context.js";
import { searchMessages } from "../../../domain/search.js";
import { fromTable } from "../fromTable.js";
import { currentUser } from "../session.js";

export function searchRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    app.route({
      ...fromTable(routes.search, ["search"], [400, 401, 404]),
      handler: async (request) => searchMessages(domain, currentUser(request), request.query),
    });
  };
}
