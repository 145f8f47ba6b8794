import { routes } from "@natter/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Domain } from "../../../domain/context.js";
import { roomDirectory } from "../../../domain/roomDirectory.js";
import { pinMessage, roomPins, savedMessages, saveMessage, unpinMessage, unsaveMessage } from "../../../domain/pins.js";
import { fromTable } from "../fromTable.js";
import { currentUser } from "../session.js";

const refusals = [400, 401, 403, 404, 413, 429] as const;

/** Issue 19's conversation staples: the room directory, pins and saved messages. */
export function stapleRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    app.route({
      ...fromTable(routes.roomDirectory, ["rooms"], [400, 401]),
      handler: async (request) => roomDirectory(domain, currentUser(request), request.query),
    });
    app.route({
      ...fromTable(routes.pins, ["pins"], refusals),
      handler: async (request) => ({ pins: await roomPins(domain, currentUser(request), request.params.name) }),
    });
    app.route({
      ...fromTable(routes.pin, ["pins"], refusals),
      handler: async (request) => ({ pin: await pinMessage(domain, currentUser(request), request.params.name, request.params.id) }),
    });
    app.route({
      ...fromTable(routes.unpin, ["pins"], refusals),
      handler: async (request) => {
        await unpinMessage(domain, currentUser(request), request.params.name, request.params.id);
        return { ok: true as const };
      },
    });
    app.route({
      ...fromTable(routes.saved, ["pins"], refusals),
      handler: async (request) => savedMessages(domain, currentUser(request), request.query),
    });
    app.route({
      ...fromTable(routes.save, ["pins"], refusals),
      handler: async (request) => {
        await saveMessage(domain, currentUser(request), request.params.id);
        return { ok: true as const };
      },
    });
    app.route({
      ...fromTable(routes.unsave, ["pins"], refusals),
      handler: async (request) => {
        await unsaveMessage(domain, currentUser(request), request.params.id);
        return { ok: true as const };
      },
    });
  };
}
