import { routes } from "@natter/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { banFromRoom, listBans, unbanFromRoom } from "../../../domain/bans.js";
import type { Domain } from "../../../domain/context.js";
import { reportMessage } from "../../../domain/reports.js";
import { deleteRoom } from "../../../domain/roomDeletion.js";
import { fromTable } from "../fromTable.js";
import { currentUser } from "../session.js";

const tags = ["moderation"];
const refusals = [400, 401, 403, 404, 409, 429] as const;

/** Members' and moderators' routes of issue 15: deleting a room, bans, reporting a message. */
export function moderationRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    app.route({
      ...fromTable(routes.deleteRoom, tags, refusals),
      handler: async (request) => {
        await deleteRoom(domain, currentUser(request), request.params.name, request.ip);
        return { ok: true as const };
      },
    });

    app.route({
      ...fromTable(routes.bans, tags, refusals),
      handler: async (request) => ({ bans: await listBans(domain, currentUser(request), request.params.name) }),
    });

    app.route({
      ...fromTable(routes.ban, tags, refusals),
      handler: async (request, reply) =>
        reply.code(routes.ban.status).send({ ban: await banFromRoom(domain, currentUser(request), request.params.name, request.body.username, request.ip) }),
    });

    app.route({
      ...fromTable(routes.unban, tags, refusals),
      handler: async (request) => {
        await unbanFromRoom(domain, currentUser(request), request.params.name, request.params.username, request.ip);
        return { ok: true as const };
      },
    });

    app.route({
      ...fromTable(routes.report, tags, refusals),
      handler: async (request, reply) =>
        reply
          .code(routes.report.status)
          .send({ report: await reportMessage(domain, currentUser(request), request.params.id, request.body.reason, request.ip) }),
    });
  };
}
