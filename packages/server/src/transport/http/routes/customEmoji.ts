import { CUSTOM_EMOJI_MAX_BYTES, routes } from "@natter/protocol";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Readable } from "node:stream";
import type { Domain } from "../../../domain/context.js";
import { addCustomEmoji, deleteCustomEmoji, listCustomEmoji, openCustomEmoji } from "../../../domain/customEmoji.js";
import { Refusal } from "../../../domain/errors.js";
import { fromTable } from "../fromTable.js";
import { adminsOnly } from "../hiddenRoutes.js";
import { currentUser } from "../session.js";

const tags = ["emoji"];

/** Custom emoji: everyone lists and draws them; admins add (the body is the image, as for uploads) and delete. */
export function customEmojiRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: CUSTOM_EMOJI_MAX_BYTES }, (_request, body, done) => done(null, body));

    app.route({
      ...fromTable(routes.customEmoji, tags, [401]),
      handler: async (request) => {
        currentUser(request);
        return { emoji: await listCustomEmoji(domain) };
      },
    });

    app.route({
      ...fromTable(routes.customEmojiImage, tags, [400, 401, 404]),
      handler: async (request, reply) => {
        currentUser(request);
        return sendImage(reply, await openCustomEmoji(domain, request.params.name));
      },
    });

    app.route({
      ...fromTable(routes.addCustomEmoji, tags, [400, 404, 409, 413, 415, 429]),
      ...adminsOnly,
      preValidation: async (request) => {
        if (Number(request.headers["content-length"] ?? 0) > CUSTOM_EMOJI_MAX_BYTES) throw new Refusal("PAYLOAD_TOO_LARGE", "A custom emoji is at most 256 KB");
      },
      handler: async (request, reply) => {
        const data = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const emoji = await addCustomEmoji(domain, request.user, { name: request.query.name, data }, request.ip);
        return reply.code(routes.addCustomEmoji.status).send({ emoji });
      },
    });

    app.route({
      ...fromTable(routes.deleteCustomEmoji, tags, [400, 404, 429]),
      ...adminsOnly,
      handler: async (request) => ({ emoji: await deleteCustomEmoji(domain, request.user, request.params.name, request.ip) }),
    });
  };
}

/** Always WebP we made ourselves; still sandboxed and never sniffed, like every stored file. */
function sendImage(reply: FastifyReply, image: { stream: Readable; type: string }): FastifyReply {
  return reply
    .header("content-type", image.type)
    .header("x-content-type-options", "nosniff")
    .header("content-security-policy", "default-src 'none'; sandbox")
    .header("cache-control", "private, max-age=86400")
    .send(image.stream);
}
