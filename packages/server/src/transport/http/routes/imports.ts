import { routes } from "@natter/protocol";
import type { FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Readable } from "node:stream";
import type { Domain } from "../../../domain/context.js";
import { Refusal } from "../../../domain/errors.js";
import { importJob, maxImportBytes, startImport } from "../../../importers/importJobs.js";
import { fromTable } from "../fromTable.js";

const tags = ["admin"];

/**
 * Slack imports for admins. Anyone else, signed in or not, gets exactly an unknown route's answer, before a
 * byte of an upload is read. The export is the request body (any Content-Type), streamed to disk.
 */
export function importRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser("*", (_request, payload, done) => done(null, payload));

    app.route({
      ...fromTable(routes.startImport, tags, [400, 404, 409, 413, 429]),
      onRequest: async (request) => {
        hiddenFromNonAdmins(request);
        if (Number(request.headers["content-length"] ?? 0) > maxImportBytes(domain)) {
          throw new Refusal("PAYLOAD_TOO_LARGE", `Exports are at most ${domain.settings.maxImportMb} MB (MAX_IMPORT_MB)`);
        }
      },
      handler: async (request, reply) => {
        const upload = (request.body ?? request.raw) as Readable;
        const job = await startImport(domain, request.user, upload, { dryRun: request.query.dryRun === "true" });
        return reply.code(routes.startImport.status).send({ job });
      },
    });

    app.route({
      ...fromTable(routes.importJob, tags, [404, 429]),
      onRequest: async (request) => hiddenFromNonAdmins(request),
      handler: async (request) => ({ job: await importJob(domain, request.user, request.params.id) }),
    });
  };
}

/** The same answer as the not-found handler's (webApp.ts) for a path that has no route. */
function hiddenFromNonAdmins(request: FastifyRequest): void {
  if (request.user?.role !== "admin") throw new Refusal("NOT_FOUND", `No route ${request.method} ${request.url.split("?")[0]}`);
}
