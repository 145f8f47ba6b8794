import { routes } from "@natter/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { requireAdmin } from "../../../domain/adminAccess.js";
import { auditPage } from "../../../domain/audit.js";
import type { Domain } from "../../../domain/context.js";
import { fromTable } from "../fromTable.js";
import { adminsOnly } from "../hiddenRoutes.js";

const tags = ["admin"];

/** The admin console's routes; each is hidden from everyone but admins (see hiddenRoutes.ts). */
export function adminRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    app.route({
      ...fromTable(routes.audit, tags, [400, 429]),
      ...adminsOnly,
      handler: async (request) => {
        await requireAdmin(domain, request.user);
        return auditPage(domain, request.query);
      },
    });
  };
}
