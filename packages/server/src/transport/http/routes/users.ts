import { routes } from "@natter/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { setAvailability } from "../../../domain/availability.js";
import type { Domain } from "../../../domain/context.js";
import { getProfile, setServerRole, updateProfile } from "../../../domain/profiles.js";
import { fromTable } from "../fromTable.js";
import { currentUser } from "../session.js";

const tags = ["users"];
const refusals = [400, 401, 403, 404, 409] as const;

export function userRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    app.route({
      ...fromTable(routes.onlineUsers, tags, [401]),
      handler: async (request) => {
        currentUser(request);
        return { users: await domain.presence.online() };
      },
    });

    app.route({
      ...fromTable(routes.profile, tags, refusals),
      handler: async (request) => {
        currentUser(request);
        return { user: await getProfile(domain, request.params.username) };
      },
    });

    app.route({
      ...fromTable(routes.updateMe, tags, refusals),
      handler: async (request) => ({ user: await updateProfile(domain, currentUser(request), request.body) }),
    });

    app.route({
      ...fromTable(routes.setAvailability, tags, [400, 401, 404, 429]),
      handler: async (request) => ({ availability: await setAvailability(domain, currentUser(request), request.body) }),
    });

    app.route({
      ...fromTable(routes.setServerRole, tags, refusals),
      handler: async (request) => ({ user: await setServerRole(domain, currentUser(request), request.params.username, request.body.role) }),
    });
  };
}
