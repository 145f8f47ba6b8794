import {
  errorResponseSchema,
  meResponseSchema,
  onlineUsersResponseSchema,
  profileResponseSchema,
  serverRoleBodySchema,
  updateMeBodySchema,
  userParamsSchema,
} from "@natter/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Domain } from "../../../domain/context.js";
import { getProfile, setServerRole, updateProfile } from "../../../domain/profiles.js";
import { currentUser } from "../session.js";

const refusals = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema };

export function userRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ["users"];

    app.get("/api/users/online", { schema: { tags, response: { 200: onlineUsersResponseSchema, 401: errorResponseSchema } } }, async (request) => {
      currentUser(request);
      return { users: await domain.presence.online() };
    });

    app.get("/api/users/:username", { schema: { tags, params: userParamsSchema, response: { 200: profileResponseSchema, ...refusals } } }, async (request) => {
      currentUser(request);
      return { user: await getProfile(domain, request.params.username) };
    });

    app.patch("/api/me", { schema: { tags, body: updateMeBodySchema, response: { 200: meResponseSchema, ...refusals } } }, async (request) => ({
      user: await updateProfile(domain, currentUser(request), request.body),
    }));

    app.put(
      "/api/users/:username/role",
      { schema: { tags, params: userParamsSchema, body: serverRoleBodySchema, response: { 200: meResponseSchema, ...refusals } } },
      async (request) => ({ user: await setServerRole(domain, currentUser(request), request.params.username, request.body.role) }),
    );
  };
}
