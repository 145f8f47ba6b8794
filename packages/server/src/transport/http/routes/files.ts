import { routes } from "@natter/protocol";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Domain } from "../../../domain/context.js";
import { checkUploadSize, maxUploadBytes, openFile, uploadFile, type OpenedFile } from "../../../domain/files.js";
import { fromTable } from "../fromTable.js";
import { currentUser } from "../session.js";

const tags = ["files"];

/**
 * Uploads are the request body itself (any Content-Type, which is ignored: the bytes decide), so the
 * declared length is the file's size and an oversized file is refused before a byte of it is read.
 */
export function fileRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: maxUploadBytes(domain) }, (_request, body, done) => done(null, body));

    app.route({
      ...fromTable(routes.upload, tags, [400, 401, 404, 413, 415]),
      onRequest: async (request) => {
        currentUser(request);
        checkUploadSize(domain, Number(request.headers["content-length"] ?? 0));
      },
      handler: async (request, reply) => {
        const data = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const file = await uploadFile(domain, currentUser(request), { name: request.query.name, data });
        return reply.code(routes.upload.status).send({ file });
      },
    });

    app.route({
      ...fromTable(routes.file, tags, [404]),
      handler: async (request, reply) => sendFile(reply, await openFile(domain, currentUser(request), request.params.id, "original")),
    });

    app.route({
      ...fromTable(routes.thumbnail, tags, [404]),
      handler: async (request, reply) => sendFile(reply, await openFile(domain, currentUser(request), request.params.id, "thumbnail")),
    });
  };
}

/** Only raster images show inline; everything else downloads. A file can never run script here. */
function sendFile(reply: FastifyReply, opened: OpenedFile): FastifyReply {
  const disposition = opened.inline ? "inline" : "attachment";
  return reply
    .header("content-type", opened.type)
    .header("content-disposition", `${disposition}; filename*=UTF-8''${encodeURIComponent(opened.file.name)}`)
    .header("x-content-type-options", "nosniff")
    .header("content-security-policy", "default-src 'none'; sandbox")
    .header("cache-control", "private, max-age=86400")
    .send(opened.stream);
}
