import { routes } from "@natter/protocol";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { Readable } from "node:stream";
import { accessSettings, changeAccessSettings } from "../../../domain/accessSettings.js";
import { requireAdmin } from "../../../domain/adminAccess.js";
import { auditLines } from "../../../domain/auditExport.js";
import type { Domain } from "../../../domain/context.js";
import { createInvite, listInvites, revokeInvite } from "../../../domain/invites.js";
import { overview } from "../../../domain/overview.js";
import { createResetLink } from "../../../domain/passwordResets.js";
import { listPeople, personNamed, updatePerson } from "../../../domain/people.js";
import { fromTable } from "../fromTable.js";
import { adminsOnly } from "../hiddenRoutes.js";

const tags = ["admin"];
const refusals = [400, 404, 409, 429] as const;

/** The console's routes for who gets in and the people (settings, invites, people, reset links, overview, export). */
export function peopleRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    app.route({
      ...fromTable(routes.adminSettings, tags, [429]),
      ...adminsOnly,
      handler: async (request) => {
        await requireAdmin(domain, request.user);
        return accessSettings(domain);
      },
    });

    app.route({
      ...fromTable(routes.updateAdminSettings, tags, [400, 429]),
      ...adminsOnly,
      handler: async (request) => changeAccessSettings(domain, await requireAdmin(domain, request.user), request.body, request.ip),
    });

    app.route({
      ...fromTable(routes.createInvite, tags, [400, 429]),
      ...adminsOnly,
      handler: async (request, reply) => {
        const admin = await requireAdmin(domain, request.user);
        return reply.code(routes.createInvite.status).send(await createInvite(domain, admin, request.body, request.ip));
      },
    });

    app.route({
      ...fromTable(routes.invites, tags, [429]),
      ...adminsOnly,
      handler: async (request) => {
        await requireAdmin(domain, request.user);
        return { invites: await listInvites(domain) };
      },
    });

    app.route({
      ...fromTable(routes.revokeInvite, tags, refusals),
      ...adminsOnly,
      handler: async (request) => {
        await revokeInvite(domain, await requireAdmin(domain, request.user), request.params.id, request.ip);
        return { ok: true as const };
      },
    });

    app.route({
      ...fromTable(routes.adminUsers, tags, [400, 429]),
      ...adminsOnly,
      handler: async (request) => {
        await requireAdmin(domain, request.user);
        return listPeople(domain, request.query);
      },
    });

    app.route({
      ...fromTable(routes.updateAdminUser, tags, refusals),
      ...adminsOnly,
      handler: async (request) => ({
        user: await updatePerson(domain, await requireAdmin(domain, request.user), request.params.username, request.body, request.ip),
      }),
    });

    app.route({
      ...fromTable(routes.resetLink, tags, [400, 403, 404, 429]),
      ...adminsOnly,
      handler: async (request, reply) => {
        const admin = await requireAdmin(domain, request.user);
        const link = await createResetLink(domain, admin, await personNamed(domain, request.params.username), request.ip);
        return reply.code(routes.resetLink.status).send(link);
      },
    });

    app.route({
      ...fromTable(routes.overview, tags, [429]),
      ...adminsOnly,
      handler: async (request) => {
        await requireAdmin(domain, request.user);
        return overview(domain);
      },
    });

    app.route({
      ...fromTable(routes.auditExport, tags, [400, 429]),
      ...adminsOnly,
      handler: async (request, reply) => {
        const admin = await requireAdmin(domain, request.user);
        return sendLines(
          reply,
          `natter-audit-${new Date(domain.now()).toISOString().slice(0, 10)}.jsonl`,
          auditLines(domain, admin, request.query, request.ip),
        );
      },
    });
  };
}

/** JSON lines, streamed as they are read, as a download. */
function sendLines(reply: FastifyReply, filename: string, lines: AsyncGenerator<string>): FastifyReply {
  return reply
    .header("content-type", "application/x-ndjson; charset=utf-8")
    .header("content-disposition", `attachment; filename="${filename}"`)
    .header("cache-control", "no-store")
    .send(Readable.from(lines));
}
