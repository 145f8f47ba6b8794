import {
  changesQuerySchema,
  changesResponseSchema,
  createRoomBodySchema,
  directBodySchema,
  errorResponseSchema,
  inviteBodySchema,
  memberParamsSchema,
  memberRoleBodySchema,
  memberSchema,
  membersResponseSchema,
  notifyBodySchema,
  okResponseSchema,
  readBodySchema,
  roomInfoResponseSchema,
  roomParamsSchema,
  roomResponseSchema,
  roomsResponseSchema,
  updateRoomBodySchema,
} from "@natter/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { accessRoom } from "../../../domain/access.js";
import type { Domain } from "../../../domain/context.js";
import { openDirect } from "../../../domain/directs.js";
import { changesSince } from "../../../domain/messages.js";
import {
  createRoom,
  inviteMember,
  joinRoom,
  leaveRoom,
  listMembers,
  listRooms,
  markRead,
  removeMember,
  roomInfo,
  setMemberRole,
  setNotifyLevel,
  updateRoom,
} from "../../../domain/rooms.js";
import { currentUser } from "../session.js";

const refusals = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema };

export function roomRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    const tags = ["rooms"];

    app.get("/api/rooms", { schema: { tags, response: { 200: roomsResponseSchema, ...refusals } } }, async (request) => ({
      rooms: await listRooms(domain, currentUser(request)),
    }));

    app.post("/api/rooms", { schema: { tags, body: createRoomBodySchema, response: { 201: roomResponseSchema, ...refusals } } }, async (request, reply) => {
      const room = await createRoom(domain, currentUser(request), request.body);
      return reply.code(201).send({ room });
    });

    app.get("/api/rooms/:name", { schema: { tags, params: roomParamsSchema, response: { 200: roomInfoResponseSchema, ...refusals } } }, async (request) => ({
      room: await roomInfo(domain, currentUser(request), request.params.name),
    }));

    app.patch("/api/rooms/:name", { schema: { tags, params: roomParamsSchema, body: updateRoomBodySchema, response: { 200: roomResponseSchema, ...refusals } } }, async (request) => ({
      room: await updateRoom(domain, currentUser(request), request.params.name, request.body),
    }));

    app.post("/api/rooms/:name/join", { schema: { tags, params: roomParamsSchema, response: { 200: roomInfoResponseSchema, ...refusals } } }, async (request) => {
      const user = currentUser(request);
      const room = await joinRoom(domain, user, request.params.name);
      return { room: await roomInfo(domain, user, room.name) };
    });

    app.post("/api/rooms/:name/leave", { schema: { tags, params: roomParamsSchema, response: { 200: okResponseSchema, ...refusals } } }, async (request) => {
      await leaveRoom(domain, currentUser(request), request.params.name);
      return { ok: true as const };
    });

    app.get("/api/rooms/:name/members", { schema: { tags, params: roomParamsSchema, response: { 200: membersResponseSchema, ...refusals } } }, async (request) => ({
      members: await listMembers(domain, currentUser(request), request.params.name),
    }));

    app.post(
      "/api/rooms/:name/members",
      { schema: { tags, params: roomParamsSchema, body: inviteBodySchema, response: { 201: z.object({ member: memberSchema }), ...refusals } } },
      async (request, reply) => reply.code(201).send({ member: await inviteMember(domain, currentUser(request), request.params.name, request.body.username) }),
    );

    app.delete("/api/rooms/:name/members/:username", { schema: { tags, params: memberParamsSchema, response: { 200: okResponseSchema, ...refusals } } }, async (request) => {
      await removeMember(domain, currentUser(request), request.params.name, request.params.username);
      return { ok: true as const };
    });

    app.patch(
      "/api/rooms/:name/members/:username",
      { schema: { tags, params: memberParamsSchema, body: memberRoleBodySchema, response: { 200: okResponseSchema, ...refusals } } },
      async (request) => {
        await setMemberRole(domain, currentUser(request), request.params.name, request.params.username, request.body.role);
        return { ok: true as const };
      },
    );

    app.put("/api/rooms/:name/read", { schema: { tags, params: roomParamsSchema, body: readBodySchema, response: { 200: readBodySchema, ...refusals } } }, async (request) => ({
      seq: await markRead(domain, currentUser(request), request.params.name, request.body.seq),
    }));

    app.put("/api/rooms/:name/notify", { schema: { tags, params: roomParamsSchema, body: notifyBodySchema, response: { 200: okResponseSchema, ...refusals } } }, async (request) => {
      await setNotifyLevel(domain, currentUser(request), request.params.name, request.body.level);
      return { ok: true as const };
    });

    app.get(
      "/api/rooms/:name/changes",
      { schema: { tags, params: roomParamsSchema, querystring: changesQuerySchema, response: { 200: changesResponseSchema, ...refusals } } },
      async (request) => {
        const room = await accessRoom(domain, currentUser(request).id, request.params.name);
        const changes = await changesSince(domain, room, request.query.sinceRev, room.last_seq);
        return { ...changes, lastRev: room.last_rev };
      },
    );

    app.post("/api/dms", { schema: { tags, body: directBodySchema, response: { 200: roomResponseSchema, ...refusals } } }, async (request) => ({
      room: await openDirect(domain, currentUser(request), request.body.usernames),
    }));
  };
}
