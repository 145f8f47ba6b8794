import { routes } from "@natter/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Domain } from "../../../domain/context.js";
import { openReports, resolveReport } from "../../../domain/reports.js";
import { consoleRooms } from "../../../domain/roomDeletion.js";
import { fromTable } from "../fromTable.js";
import { adminsOnly, staffOnly } from "../hiddenRoutes.js";

const tags = ["admin"];

/** The console's Reports (admins and moderators) and Rooms (admins) tabs; hidden from everyone else. */
export function adminModerationRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    app.route({
      ...fromTable(routes.reports, tags, [400, 429]),
      ...staffOnly,
      handler: async (request) => openReports(domain, request.user, request.query),
    });

    app.route({
      ...fromTable(routes.resolveReport, tags, [400, 403, 404, 429]),
      ...staffOnly,
      handler: async (request) => ({ report: await resolveReport(domain, request.user, request.params.id, request.body.action, request.ip) }),
    });

    app.route({
      ...fromTable(routes.adminRooms, tags, [400, 429]),
      ...adminsOnly,
      handler: async (request) => consoleRooms(domain, request.user, request.query),
    });
  };
}
