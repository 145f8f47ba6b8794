import { routes } from "@natter/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Domain } from "../../../domain/context.js";
import { deleteMessage, editMessage, react, readHistory, readThread, sendMessage } from "../../../domain/messages.js";
import { removePreview } from "../../../domain/linkPreviews.js";
import { fromTable } from "../fromTable.js";
import { currentUser } from "../session.js";

const tags = ["messages"];
const refusals = [400, 401, 403, 404, 429] as const;

export function messageRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    app.route({ ...fromTable(routes.history, tags, refusals), handler: async (request) => readHistory(domain, currentUser(request), request.query) });

    app.route({
      ...fromTable(routes.sendMessage, tags, refusals),
      handler: async (request, reply) => {
        const message = await sendMessage(domain, currentUser(request), { room: request.params.name, ...request.body });
        return reply.code(routes.sendMessage.status).send({ message });
      },
    });

    app.route({
      ...fromTable(routes.editMessage, tags, refusals),
      handler: async (request) => ({
        message: await editMessage(domain, currentUser(request), { room: request.params.name, id: request.params.id, text: request.body.text }),
      }),
    });

    app.route({
      ...fromTable(routes.deleteMessage, tags, refusals),
      handler: async (request) => ({
        message: await deleteMessage(domain, currentUser(request), { room: request.params.name, id: request.params.id }, request.ip),
      }),
    });

    app.route({
      ...fromTable(routes.removePreview, tags, refusals),
      handler: async (request) => ({ message: await removePreview(domain, currentUser(request), { room: request.params.name, id: request.params.id }) }),
    });

    app.route({
      ...fromTable(routes.thread, tags, refusals),
      handler: async (request) => readThread(domain, currentUser(request), { room: request.params.name, id: request.params.id }),
    });

    app.route({
      ...fromTable(routes.addReaction, tags, refusals),
      handler: async (request) => ({
        message: await react(domain, currentUser(request), { room: request.params.name, id: request.params.id, emoji: request.params.emoji, on: true }),
      }),
    });

    app.route({
      ...fromTable(routes.removeReaction, tags, refusals),
      handler: async (request) => ({
        message: await react(domain, currentUser(request), { room: request.params.name, id: request.params.id, emoji: request.params.emoji, on: false }),
      }),
    });
  };
}
