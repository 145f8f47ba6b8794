import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { httpStatusOf, type ErrorCode } from "@natter/protocol";
import { HiddenRoute } from "../../domain/adminAccess.js";
import { invalidField } from "../../domain/validate.js";
import { describeError } from "../errors.js";

/** Every refusal is `{ error: { code, message } }` with the status its code implies; nothing else leaks. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issue = error.validation[0];
      const refusal = invalidField(
        issue && { ...issue.params, code: issue.keyword, message: issue.message ?? "invalid", path: issue.instancePath.split("/").filter(Boolean) },
        inputOf(request, error.validationContext),
        error.validationContext ?? "request",
      );
      return reply.code(httpStatusOf("BAD_REQUEST")).send({ error: refusal.toBody() });
    }
    if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      return refuse(reply, "PAYLOAD_TOO_LARGE", "The request body is too large");
    }
    if (typeof error.statusCode === "number" && error.statusCode >= 400 && error.statusCode < 500) {
      return reply.code(error.statusCode).send({ error: { code: error.statusCode === 413 ? "PAYLOAD_TOO_LARGE" : "BAD_REQUEST", message: error.message } });
    }
    if (error instanceof HiddenRoute) return refuse(reply, "NOT_FOUND", noRouteMessage(request));
    const { body, expected } = describeError(error);
    if (!expected) request.log.error({ err: error }, "request failed");
    if (body.retryAfterMs !== undefined) void reply.header("retry-after", String(Math.ceil(body.retryAfterMs / 1000)));
    return reply.code(httpStatusOf(body.code)).send({ error: body });
  });
}

/** The part of the request a validation error is about, to tell a field left out from a field sent wrong. */
function inputOf(request: FastifyRequest, context: string | undefined): unknown {
  if (context === "body") return request.body;
  if (context === "querystring") return request.query;
  if (context === "params") return request.params;
  if (context === "headers") return request.headers;
  return undefined;
}

/** The words of a request no route answers, and of an admin route asked by anyone else. */
export function noRouteMessage(request: FastifyRequest): string {
  return `No route ${request.method} ${request.url.split("?")[0] ?? ""}`;
}

/** A refusal with the status the error catalogue gives its code. */
export function refuse(reply: FastifyReply, code: ErrorCode, message: string): FastifyReply {
  return reply.code(httpStatusOf(code)).send({ error: { code, message } });
}

/** What Fastify refuses before routing (a malformed or over-long path part): the same `{ error: { code, message } }`. */
export function answerFrameworkError(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const message = error.code === "FST_ERR_MAX_PARAM_LENGTH" ? "A part of the address is too long" : "The address is malformed";
  void refuse(reply, "BAD_REQUEST", message);
}

/** What Node's HTTP parser refuses (headers or address too long, garbage) is answered in the protocol's shape too. */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === "ECONNRESET" || socket.destroyed) return;
  const tooLarge = error.code === "HPE_HEADER_OVERFLOW";
  const status = tooLarge ? 431 : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
  const body = JSON.stringify({
    error: tooLarge
      ? { code: "PAYLOAD_TOO_LARGE", message: "The request's headers or address are too long" }
      : { code: "BAD_REQUEST", message: "Malformed HTTP request" },
  });
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ""}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  socket.destroy(error);
}
