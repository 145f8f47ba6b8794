import { limitsResponseSchema } from "@natter/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Domain } from "../../../domain/context.js";
import { serverLimits } from "../../../domain/serverLimits.js";

/** Public: the limits are no secret (the README lists them) and a client may want them before logging in. */
export function limitRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    app.get("/api/limits", { schema: { tags: ["server"], response: { 200: limitsResponseSchema } } }, async () => ({ limits: serverLimits(domain) }));
  };
}
