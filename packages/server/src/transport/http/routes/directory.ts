import { routes } from "@natter/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Domain } from "../../../domain/context.js";
import { listDirectory, peopleById } from "../../../domain/directory.js";
import { fromTable } from "../fromTable.js";
import { currentUser } from "../session.js";

const tags = ["people"];

/** The people directory and the picker's search; the lookup of the people behind ids already on screen. */
export function directoryRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    app.route({
      ...fromTable(routes.people, tags, [400, 401, 429]),
      handler: async (request) => listDirectory(domain, currentUser(request), request.query),
    });

    app.route({
      ...fromTable(routes.peopleById, tags, [400, 401, 429]),
      handler: async (request) => ({ people: await peopleById(domain, currentUser(request), request.query.ids) }),
    });
  };
}
