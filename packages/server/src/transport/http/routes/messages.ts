import {
  editMessageBodySchema,
  errorResponseSchema,
  historyQuerySchema,
  historyResponseSchema,
  messageParamsSchema,
  messageResponseSchema,
  reactionParamsSchema,
  roomParamsSchema,
  sendMessageBodySchema,
  threadResponseSchema,
} from "@natter/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Domain } from "../../../domain/context.js";
import { deleteMessage, editMessage, react, readHistory, readThread, sendMessage } from "../../../domain/messages.js";
import { currentUser } from "../session.js";

const refusals = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema, 429: errorResponseSchema };

export function messageRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ["messages"];

    app.get("/api/messages", { schema: { tags, querystring: historyQuerySchema, response: { 200: historyResponseSchema, ...refusals } } }, async (request) =>
      readHistory(domain, currentUser(request), request.query),
    );

    app.post(
      "/api/rooms/:name/messages",
      { schema: { tags, params: roomParamsSchema, body: sendMessageBodySchema, response: { 201: messageResponseSchema, ...refusals } } },
      async (request, reply) => {
        const message = await sendMessage(domain, currentUser(request), { room: request.params.name, ...request.body });
        return reply.code(201).send({ message });
      },
    );

    app.patch(
      "/api/rooms/:name/messages/:id",
      { schema: { tags, params: messageParamsSchema, body: editMessageBodySchema, response: { 200: messageResponseSchema, ...refusals } } },
      async (request) => ({ message: await editMessage(domain, currentUser(request), { room: request.params.name, id: request.params.id, text: request.body.text }) }),
    );

    app.delete("/api/rooms/:name/messages/:id", { schema: { tags, params: messageParamsSchema, response: { 200: messageResponseSchema, ...refusals } } }, async (request) => ({
      message: await deleteMessage(domain, currentUser(request), { room: request.params.name, id: request.params.id }),
    }));

    app.get("/api/rooms/:name/messages/:id/thread", { schema: { tags, params: messageParamsSchema, response: { 200: threadResponseSchema, ...refusals } } }, async (request) =>
      readThread(domain, currentUser(request), { room: request.params.name, id: request.params.id }),
    );

    app.put(
      "/api/rooms/:name/messages/:id/reactions/:emoji",
      { schema: { tags, params: reactionParamsSchema, response: { 200: messageResponseSchema, ...refusals } } },
      async (request) => ({ message: await react(domain, currentUser(request), { room: request.params.name, id: request.params.id, emoji: request.params.emoji, on: true }) }),
    );

    app.delete(
      "/api/rooms/:name/messages/:id/reactions/:emoji",
      { schema: { tags, params: reactionParamsSchema, response: { 200: messageResponseSchema, ...refusals } } },
      async (request) => ({ message: await react(domain, currentUser(request), { room: request.params.name, id: request.params.id, emoji: request.params.emoji, on: false }) }),
    );
  };
}
