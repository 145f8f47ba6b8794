import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import { MAX_FRAME_BYTES } from "@natter/protocol";
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Domain } from "../../domain/context.js";
import { isOriginAllowed, type OriginPolicy } from "../origin.js";
import { answerClientError, answerFrameworkError, installErrorHandling } from "./errorHandler.js";
import { registerOpenApi } from "./openapi.js";
import { authRoutes } from "./routes/auth.js";
import { healthRoutes, type Readiness } from "./routes/health.js";
import { limitRoutes } from "./routes/limits.js";
import { messageRoutes } from "./routes/messages.js";
import { roomRoutes } from "./routes/rooms.js";
import { fileRoutes } from "./routes/files.js";
import { searchRoutes } from "./routes/search.js";
import { userRoutes } from "./routes/users.js";
import { sessionHook } from "./session.js";
import { serveWebApp } from "./webApp.js";

export interface HttpOptions {
  domain: Domain;
  logger: FastifyBaseLogger;
  origins: OriginPolicy;
  readiness: Readiness;
  webRoot?: string;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The HTTP side: REST API, OpenAPI, health, and the web app. Built without listening. */
export async function buildHttpApp(options: HttpOptions): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: options.logger,
    bodyLimit: MAX_FRAME_BYTES,
    trustProxy: options.origins.trustProxy,
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
  });

  // A cross-site page may not spend a visitor's cookie on a state-changing request.
  app.addHook("onRequest", async (request, reply) => {
    if (SAFE_METHODS.has(request.method)) return;
    if (!isOriginAllowed(request.headers, request.protocol === "https", options.origins)) {
      return reply.code(403).send({ error: { code: "FORBIDDEN", message: "Cross-origin request refused" } });
    }
  });
  app.decorateRequest("user", null);
  app.decorateRequest("sessionToken", null);
  // Before any body is read: an upload from nobody is refused without reading it.
  app.addHook("onRequest", sessionHook(options.domain));

  await registerOpenApi(app);
  await app.register(healthRoutes(options.readiness));
  await app.register(limitRoutes(options.domain));
  await app.register(authRoutes(options.domain));
  await app.register(roomRoutes(options.domain));
  await app.register(messageRoutes(options.domain));
  await app.register(userRoutes(options.domain));
  await app.register(searchRoutes(options.domain));
  await app.register(fileRoutes(options.domain));
  await serveWebApp(app, options.webRoot);
  return app;
}
