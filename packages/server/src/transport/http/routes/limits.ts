import { routes } from "@natter/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Domain } from "../../../domain/context.js";
import { serverLimits } from "../../../domain/serverLimits.js";
import { fromTable } from "../fromTable.js";

/** Public: the limits are no secret (the README lists them) and a client may want them before logging in. */
export function limitRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    app.route({ ...fromTable(routes.limits, ["server"]), handler: async () => ({ limits: serverLimits(domain) }) });
  };
}
