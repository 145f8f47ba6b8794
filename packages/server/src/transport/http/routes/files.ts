import { errorResponseSchema, fileParamsSchema, uploadQuerySchema, uploadResponseSchema } from "@natter/protocol";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Domain } from "../../../domain/context.js";
import { checkUploadSize, maxUploadBytes, openFile, uploadFile, type OpenedFile } from "../../../domain/files.js";
import { currentUser } from "../session.js";

const refusals = { 400: errorResponseSchema, 401: errorResponseSchema, 404: errorResponseSchema, 413: errorResponseSchema, 415: errorResponseSchema };

/**
 * Uploads are the request body itself (any Content-Type, which is ignored: the bytes decide), so the
 * declared length is the file's size and an oversized file is refused before a byte of it is read.
 */
export function fileRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    app.removeAllContentTypeParsers();
    app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: maxUploadBytes(domain) }, (_request, body, done) => done(null, body));

    app.post(
      "/api/uploads",
      {
        schema: { tags: ["files"], querystring: uploadQuerySchema, response: { 201: uploadResponseSchema, ...refusals } },
        onRequest: async (request) => {
          currentUser(request);
          checkUploadSize(domain, Number(request.headers["content-length"] ?? 0));
        },
      },
      async (request, reply) => {
        const data = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const file = await uploadFile(domain, currentUser(request), { name: request.query.name, data });
        return reply.code(201).send({ file });
      },
    );

    app.get("/api/files/:id/:name", { schema: { tags: ["files"], params: fileParamsSchema, response: { 404: errorResponseSchema } } }, async (request, reply) =>
      sendFile(reply, await openFile(domain, currentUser(request), request.params.id, "original")),
    );

    app.get("/api/thumbnails/:id", { schema: { tags: ["files"], params: z.object({ id: fileParamsSchema.shape.id }), response: { 404: errorResponseSchema } } }, async (request, reply) =>
      sendFile(reply, await openFile(domain, currentUser(request), request.params.id, "thumbnail")),
    );
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
