import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import { MAX_FRAME_BYTES } from "@natter/protocol";
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from "fastify";
import { isUtf8 } from "node:buffer";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Domain } from "../../domain/context.js";
import { isOriginAllowed, type OriginPolicy } from "../origin.js";
import { answerClientError, answerFrameworkError, installErrorHandling, refuse } from "./errorHandler.js";
import { registerOpenApi } from "./openapi.js";
import { authRoutes } from "./routes/auth.js";
import { hookRoutes } from "./routes/hooks.js";
import { integrationRoutes } from "./routes/integrations.js";
import { healthRoutes, type Readiness } from "./routes/health.js";
import { importRoutes } from "./routes/imports.js";
import { limitRoutes } from "./routes/limits.js";
import { messageRoutes } from "./routes/messages.js";
import { notificationRoutes } from "./routes/notifications.js";
import { emailRoutes } from "./routes/email.js";
import { securityRoutes } from "./routes/security.js";
import { roomRoutes } from "./routes/rooms.js";
import { fileRoutes } from "./routes/files.js";
import { customEmojiRoutes } from "./routes/customEmoji.js";
import { lifecycleRoutes } from "./routes/lifecycle.js";
import { avatarRoutes } from "./routes/avatars.js";
import { directoryRoutes } from "./routes/directory.js";
import { catchUpRoutes } from "./routes/catchUp.js";
import { searchRoutes } from "./routes/search.js";
import { stapleRoutes } from "./routes/staples.js";
import { ssoRoutes } from "./routes/sso.js";
import { userRoutes } from "./routes/users.js";
import { scopeHook, sessionHook } from "./session.js";
import { adminRoutes } from "./routes/admin.js";
import { adminModerationRoutes } from "./routes/adminModeration.js";
import { moderationRoutes } from "./routes/moderation.js";
import { peopleRoutes } from "./routes/people.js";
import { serveWebApp } from "./webApp.js";

export interface HttpOptions {
  domain: Domain;
  logger: FastifyBaseLogger;
  origins: OriginPolicy;
  readiness: Readiness;
  webRoot?: string;
  /** Metrics: hooks added before any route, so every route is counted. */
  instrument?: (app: FastifyInstance) => void;
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
  options.instrument?.(app);
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
        // Sent only to requests that came over TLS (below): over plain HTTP on a LAN address it would make the
        // browser fetch the scripts over https, from a server that does not speak it, and show a blank page.
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
  });

  app.addHook("onSend", async (request, reply) => {
    const policy = reply.getHeader("content-security-policy");
    if (request.protocol === "https" && typeof policy === "string") reply.header("content-security-policy", `${policy};upgrade-insecure-requests`);
  });
  refuseInvalidUtf8(app);

  // A cross-site page may not spend a visitor's cookie on a state-changing request.
  app.addHook("onRequest", async (request, reply) => {
    if (SAFE_METHODS.has(request.method)) return;
    if (!isOriginAllowed(request.headers, request.protocol === "https", options.origins)) {
      return refuse(reply, "FORBIDDEN", "Cross-origin request refused");
    }
  });
  app.decorateRequest("user", null);
  app.decorateRequest("sessionToken", null);
  app.decorateRequest("scopes", null);
  // Before any body is read: an upload from nobody is refused without reading it.
  app.addHook("onRequest", sessionHook(options.domain));
  app.addHook("onRequest", scopeHook);

  await registerOpenApi(app);
  await app.register(healthRoutes(options.readiness));
  await app.register(limitRoutes(options.domain));
  await app.register(authRoutes(options.domain));
  await app.register(ssoRoutes(options.domain));
  await app.register(roomRoutes(options.domain));
  await app.register(messageRoutes(options.domain));
  await app.register(userRoutes(options.domain));
  await app.register(searchRoutes(options.domain));
  await app.register(stapleRoutes(options.domain));
  await app.register(catchUpRoutes(options.domain));
  await app.register(fileRoutes(options.domain));
  await app.register(customEmojiRoutes(options.domain));
  await app.register(notificationRoutes(options.domain));
  await app.register(emailRoutes(options.domain));
  await app.register(integrationRoutes(options.domain));
  await app.register(hookRoutes(options.domain));
  await app.register(adminRoutes(options.domain));
  await app.register(moderationRoutes(options.domain));
  await app.register(adminModerationRoutes(options.domain));
  await app.register(peopleRoutes(options.domain));
  await app.register(securityRoutes(options.domain));
  await app.register(importRoutes(options.domain));
  await app.register(lifecycleRoutes(options.domain));
  await app.register(avatarRoutes(options.domain));
  await app.register(directoryRoutes(options.domain));
  await serveWebApp(app, options.webRoot);
  return app;
}

/**
 * JSON bodies must be UTF-8: Node would quietly turn bad bytes into U+FFFD and store text the sender never wrote.
 * Prototype poisoning stays refused by Fastify's own parser, which runs after the check.
 */
function refuseInvalidUtf8(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (request, body, done) => {
    if (typeof body !== "string" && !isUtf8(body)) return done(Object.assign(new Error("The request body is not valid UTF-8"), { statusCode: 400 }), undefined);
    parseJson(request, body.toString(), done);
  });
}
