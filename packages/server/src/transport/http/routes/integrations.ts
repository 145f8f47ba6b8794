import { routes } from "@natter/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Domain } from "../../../domain/context.js";
import { createBot, createToken, listBots, listTokens, revokeToken } from "../../../domain/integrations/apiTokens.js";
import { createCommand, deleteCommand, listCommands, runCommand } from "../../../domain/integrations/commands.js";
import { createOutgoingHook, deleteOutgoingHook, listDeliveries, listOutgoingHooks, rotateOutgoingHook } from "../../../domain/integrations/outgoingHooks.js";
import { fromTable } from "../fromTable.js";
import { currentUser } from "../session.js";

const tags = ["integrations"];
const refusals = [400, 401, 403, 404, 409, 429] as const;
const ok = { ok: true } as const;

/** Tokens and bots, outgoing webhooks and slash commands (incoming webhooks are in hooks.ts, beside their URL). */
export function integrationRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    app.route({ ...fromTable(routes.tokens, tags, refusals), handler: async (request) => ({ tokens: await listTokens(domain, currentUser(request)) }) });
    app.route({
      ...fromTable(routes.createToken, tags, refusals),
      handler: async (request, reply) => {
        const created = await createToken(domain, { user: currentUser(request), scopes: request.scopes ?? [] }, request.body, request.ip);
        return reply.code(routes.createToken.status).send(created);
      },
    });
    app.route({
      ...fromTable(routes.revokeToken, tags, refusals),
      handler: async (request) => (await revokeToken(domain, currentUser(request), request.params.id, request.ip), ok),
    });

    app.route({ ...fromTable(routes.bots, tags, refusals), handler: async (request) => ({ bots: await listBots(domain, currentUser(request)) }) });
    app.route({
      ...fromTable(routes.createBot, tags, refusals),
      handler: async (request, reply) =>
        reply.code(routes.createBot.status).send({ bot: await createBot(domain, currentUser(request), request.body, request.ip) }),
    });

    app.route({
      ...fromTable(routes.outgoingHooks, tags, refusals),
      handler: async (request) => ({ hooks: await listOutgoingHooks(domain, currentUser(request)) }),
    });
    app.route({
      ...fromTable(routes.createOutgoingHook, tags, refusals),
      handler: async (request, reply) =>
        reply.code(routes.createOutgoingHook.status).send(await createOutgoingHook(domain, currentUser(request), request.body, request.ip)),
    });
    app.route({
      ...fromTable(routes.rotateOutgoingHook, tags, refusals),
      handler: async (request) => rotateOutgoingHook(domain, currentUser(request), request.params.id, request.ip),
    });
    app.route({
      ...fromTable(routes.deleteOutgoingHook, tags, refusals),
      handler: async (request) => (await deleteOutgoingHook(domain, currentUser(request), request.params.id, request.ip), ok),
    });
    app.route({
      ...fromTable(routes.hookDeliveries, tags, refusals),
      handler: async (request) => ({ deliveries: await listDeliveries(domain, currentUser(request), request.params.id) }),
    });

    app.route({ ...fromTable(routes.commands, tags, refusals), handler: async (request) => ({ commands: await listCommands(domain, currentUser(request)) }) });
    app.route({
      ...fromTable(routes.createCommand, tags, refusals),
      handler: async (request, reply) =>
        reply.code(routes.createCommand.status).send(await createCommand(domain, currentUser(request), request.body, request.ip)),
    });
    app.route({
      ...fromTable(routes.deleteCommand, tags, refusals),
      handler: async (request) => (await deleteCommand(domain, currentUser(request), request.params.id, request.ip), ok),
    });
    app.route({
      ...fromTable(routes.runCommand, tags, refusals),
      handler: async (request) => runCommand(domain, currentUser(request), request.params.name, request.body),
    });
  };
}
