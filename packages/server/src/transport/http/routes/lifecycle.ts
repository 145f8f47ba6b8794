import { routes } from "@natter/protocol";
import type { FastifyReply } from "fastify";
import type { Readable } from "node:stream";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Domain } from "../../../domain/context.js";
import { dataExportOf, deleteAccount, openDataExport, requestDataExport, toDataExport } from "../../../domain/lifecycle/ownData.js";
import { setRoomRetention } from "../../../domain/lifecycle/retention.js";
import { fromTable } from "../fromTable.js";
import { clearSessionCookie, currentUser } from "../session.js";

const tags = ["data"];

/** Retention of a room (server admins), and a person's own data: their archive and the end of their account. */
export function lifecycleRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    app.route({
      ...fromTable(routes.setRoomRetention, tags, [400, 401, 403, 404]),
      handler: async (request) => ({ retention: await setRoomRetention(domain, currentUser(request), request.params.name, request.body.days) }),
    });

    app.route({
      ...fromTable(routes.requestDataExport, tags, [401, 429]),
      handler: async (request, reply) => reply.code(routes.requestDataExport.status).send({ export: await requestDataExport(domain, currentUser(request)) }),
    });

    app.route({
      ...fromTable(routes.dataExport, tags, [400, 401, 404]),
      handler: async (request) => ({ export: toDataExport(await dataExportOf(domain, currentUser(request), request.params.id)) }),
    });

    app.route({
      ...fromTable(routes.downloadDataExport, tags, [400, 401, 404, 409]),
      handler: async (request, reply) => sendZip(reply, await openDataExport(domain, currentUser(request), request.params.id)),
    });

    app.route({
      ...fromTable(routes.deleteAccount, tags, [400, 401, 403, 429]),
      handler: async (request, reply) => {
        await deleteAccount(domain, currentUser(request), request.body.password);
        clearSessionCookie(reply);
        return { ok: true as const };
      },
    });
  };
}

function sendZip(reply: FastifyReply, archive: { stream: Readable; size: number | null }): FastifyReply {
  if (archive.size !== null) reply.header("content-length", archive.size);
  return reply
    .header("content-type", "application/zip")
    .header("content-disposition", 'attachment; filename="natter-my-data.zip"')
    .header("cache-control", "private, no-store")
    .send(archive.stream);
}
