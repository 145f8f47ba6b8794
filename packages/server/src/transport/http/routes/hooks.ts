import { routes } from "@natter/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import secureJson from "secure-json-parse";
import type { Domain } from "../../../domain/context.js";
import { Refusal } from "../../../domain/errors.js";
import { respondToCommand } from "../../../domain/integrations/commands.js";
import { createIncomingHook, deleteIncomingHook, listIncomingHooks, postToHook, rotateIncomingHook } from "../../../domain/integrations/incomingHooks.js";
import { fromTable } from "../fromTable.js";
import { currentUser } from "../session.js";

const tags = ["integrations"];
const refusals = [400, 401, 403, 404, 429] as const;

/** Incoming webhooks: managed by a room's owners and admins, posted to at their secret URL; and commands' response URLs. */
export function hookRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    // Slack's senders may post `payload=<json>` form-encoded; the hook reads the field itself.
    app.addContentTypeParser("application/x-www-form-urlencoded", { parseAs: "string" }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(typeof body === "string" ? body : body.toString("utf8"))));
    });

    app.route({
      ...fromTable(routes.incomingHooks, tags, refusals),
      handler: async (request) => ({ hooks: await listIncomingHooks(domain, currentUser(request), request.params.name) }),
    });
    app.route({
      ...fromTable(routes.createIncomingHook, tags, refusals),
      handler: async (request, reply) =>
        reply
          .code(routes.createIncomingHook.status)
          .send(await createIncomingHook(domain, currentUser(request), request.params.name, request.body, request.ip)),
    });
    app.route({
      ...fromTable(routes.rotateIncomingHook, tags, refusals),
      handler: async (request) => rotateIncomingHook(domain, currentUser(request), request.params.name, request.params.id, request.ip),
    });
    app.route({
      ...fromTable(routes.deleteIncomingHook, tags, refusals),
      handler: async (request) => (
        await deleteIncomingHook(domain, currentUser(request), request.params.name, request.params.id, request.ip),
        { ok: true as const }
      ),
    });

    app.route({
      // Answered as text, so its refusals (400, 404, 429: `{ error }` as everywhere) are not listed as JSON replies.
      ...fromTable(routes.postToHook, tags),
      handler: async (request, reply) => {
        await postToHook(domain, request.params.id, request.params.secret, slackBody(request.body), request.ip);
        // Slack answers the two letters as text, and tools check for them.
        return reply.type("text/plain; charset=utf-8").send("ok");
      },
    });
    app.route({
      ...fromTable(routes.commandResponse, tags, refusals),
      handler: async (request) => (await respondToCommand(domain, request.params.id, request.params.secret, request.body), { ok: true as const }),
    });
  };
}

/** JSON as it came, or the JSON in a form's `payload` field. */
function slackBody(body: unknown): unknown {
  if (typeof body !== "object" || body === null || !("payload" in body) || Object.keys(body).length !== 1) return body;
  const payload = (body as { payload: unknown }).payload;
  if (typeof payload !== "string") return body;
  try {
    return secureJson.parse(payload, undefined, { protoAction: "error", constructorAction: "error" });
  } catch {
    throw new Refusal("INVALID_PAYLOAD", "The payload field is not JSON");
  }
}
