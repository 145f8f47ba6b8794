import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { noRouteMessage, refuse } from "./errorHandler.js";

/** The built web app sits next to the server package in the workspace. */
export const WEB_DIST = fileURLToPath(new URL("../../../../web/dist/", import.meta.url));

/** Serves the React app; any unknown non-API path gets index.html so client routes survive a reload. */
export async function serveWebApp(app: FastifyInstance, root = WEB_DIST): Promise<void> {
  const built = existsSync(`${root}/index.html`);
  if (built) await app.register(fastifyStatic, { root, wildcard: false, index: ["index.html"], maxAge: "1h", immutable: false });
  app.setNotFoundHandler((request, reply) => {
    const isPage = request.method === "GET" && !request.url.startsWith("/api/") && !request.url.startsWith("/socket.io/");
    if (isPage && built) return reply.header("cache-control", "no-cache").sendFile("index.html");
    if (isPage) return reply.code(503).type("text/plain").send("The web app is not built: run `npm run build`.");
    return refuse(reply, "NOT_FOUND", noRouteMessage(request));
  });
}
