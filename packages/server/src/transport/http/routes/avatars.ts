import { AVATAR_MAX_BYTES, routes } from "@natter/protocol";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Readable } from "node:stream";
import { checkAvatarSize, openAvatar, removeAvatar, setAvatar } from "../../../domain/avatars.js";
import type { Domain } from "../../../domain/context.js";
import { fromTable } from "../fromTable.js";
import { currentUser } from "../session.js";

const tags = ["people"];

/**
 * A person's picture: the upload is the request body (any Content-Type: the bytes decide), refused from its
 * declared length when too big. Each picture's address carries its version, so it is cached for good.
 */
export function avatarRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: AVATAR_MAX_BYTES }, (_request, body, done) => done(null, body));

    app.route({
      ...fromTable(routes.setAvatar, tags, [400, 401, 413, 415, 429]),
      onRequest: async (request) => {
        currentUser(request);
        checkAvatarSize(Number(request.headers["content-length"] ?? 0));
      },
      handler: async (request) => {
        const data = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        return { user: await setAvatar(domain, currentUser(request), data, request.query) };
      },
    });

    app.route({
      ...fromTable(routes.removeAvatar, tags, [401, 404]),
      handler: async (request) => ({ user: await removeAvatar(domain, currentUser(request)) }),
    });

    app.route({
      ...fromTable(routes.avatar, tags, [401, 404]),
      handler: async (request, reply) => {
        currentUser(request);
        return sendPicture(reply, await openAvatar(domain, request.params.id, request.params.version));
      },
    });
  };
}

function sendPicture(reply: FastifyReply, stream: Readable): FastifyReply {
  return reply
    .header("content-type", "image/webp")
    .header("x-content-type-options", "nosniff")
    .header("content-security-policy", "default-src 'none'; sandbox")
    .header("cache-control", "private, max-age=31536000, immutable")
    .send(stream);
}
