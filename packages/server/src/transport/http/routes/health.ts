import { httpStatusOf } from "@natter/protocol";
import type { FastifyPluginAsync } from "fastify";

export interface Readiness {
  /** Resolves when every dependency answers; rejects with what does not. */
  check(): Promise<void>;
}

export function healthRoutes(readiness: Readiness): FastifyPluginAsync {
  return async (app) => {
    app.get("/healthz", { schema: { hide: true } }, async () => ({ ok: true }));
    app.get("/readyz", { schema: { hide: true } }, async (_request, reply) => {
      try {
        await readiness.check();
        return { ok: true };
      } catch (error) {
        return reply
          .code(httpStatusOf("UNAVAILABLE"))
          .send({ ok: false, error: { code: "UNAVAILABLE", message: error instanceof Error ? error.message : "not ready" } });
      }
    });
  };
}
