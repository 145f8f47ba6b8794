import { routes } from "@natter/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Domain } from "../../../domain/context.js";
import { roomDirectory } from "../../../domain/directory.js";
import { fromTable } from "../fromTable.js";
import { currentUser } from "../session.js";

/** Issue 19's conversation staples: the room directory. */
export function stapleRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    app.route({
      ...fromTable(routes.roomDirectory, ["rooms"], [400, 401]),
      handler: async (request) => roomDirectory(domain, currentUser(request), request.query),
    });
  };
}
