import { errorResponseSchema, searchQuerySchema, searchResponseSchema } from "@natter/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Domain } from "../../../domain/context.js";
import { searchMessages } from "../../../domain/search.js";
import { currentUser } from "../session.js";

export function searchRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      "/api/search",
      { schema: { tags: ["search"], querystring: searchQuerySchema, response: { 200: searchResponseSchema, 400: errorResponseSchema, 401: errorResponseSchema, 404: errorResponseSchema } } },
      async (request) => searchMessages(domain, currentUser(request), request.query),
    );
  };
}
