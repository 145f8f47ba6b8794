import { routes } from "@natter/protocol";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
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
import { fromTable } from "../fromTable.js";
import { currentUser } from "../session.js";

const tags = ["rooms"];
const refusals = [400, 401, 403, 404, 409] as const;

export function roomRoutes(domain: Domain): FastifyPluginAsyncZod {
  return async (app) => {
    app.route({ ...fromTable(routes.rooms, tags, refusals), handler: async (request) => ({ rooms: await listRooms(domain, currentUser(request)) }) });

    app.route({
      ...fromTable(routes.createRoom, tags, refusals),
      handler: async (request, reply) => reply.code(routes.createRoom.status).send({ room: await createRoom(domain, currentUser(request), request.body) }),
    });

    app.route({
      ...fromTable(routes.roomInfo, tags, refusals),
      handler: async (request) => ({ room: await roomInfo(domain, currentUser(request), request.params.name) }),
    });

    app.route({
      ...fromTable(routes.updateRoom, tags, refusals),
      handler: async (request) => ({ room: await updateRoom(domain, currentUser(request), request.params.name, request.body, request.ip) }),
    });

    app.route({
      ...fromTable(routes.joinRoom, tags, refusals),
      handler: async (request) => {
        const user = currentUser(request);
        const room = await joinRoom(domain, user, request.params.name);
        return { room: await roomInfo(domain, user, room.name) };
      },
    });

    app.route({
      ...fromTable(routes.leaveRoom, tags, refusals),
      handler: async (request) => {
        await leaveRoom(domain, currentUser(request), request.params.name);
        return { ok: true as const };
      },
    });

    app.route({
      ...fromTable(routes.members, tags, refusals),
      handler: async (request) => ({ members: await listMembers(domain, currentUser(request), request.params.name) }),
    });

    app.route({
      ...fromTable(routes.invite, tags, refusals),
      handler: async (request, reply) =>
        reply.code(routes.invite.status).send({ member: await inviteMember(domain, currentUser(request), request.params.name, request.body.username) }),
    });

    app.route({
      ...fromTable(routes.removeMember, tags, refusals),
      handler: async (request) => {
        await removeMember(domain, currentUser(request), request.params.name, request.params.username, request.ip);
        return { ok: true as const };
      },
    });

    app.route({
      ...fromTable(routes.setMemberRole, tags, refusals),
      handler: async (request) => {
        await setMemberRole(domain, currentUser(request), request.params.name, request.params.username, request.body.role);
        return { ok: true as const };
      },
    });

    app.route({
      ...fromTable(routes.markRead, tags, refusals),
      handler: async (request) => ({ seq: await markRead(domain, currentUser(request), request.params.name, request.body.seq) }),
    });

    app.route({
      ...fromTable(routes.setNotify, tags, refusals),
      handler: async (request) => {
        await setNotifyLevel(domain, currentUser(request), request.params.name, request.body.level);
        return { ok: true as const };
      },
    });

    app.route({
      ...fromTable(routes.changes, tags, refusals),
      handler: async (request) => {
        const room = await accessRoom(domain, currentUser(request).id, request.params.name);
        const changes = await changesSince(domain, room, request.query.sinceRev, room.last_seq);
        return { ...changes, lastRev: room.last_rev };
      },
    });

    app.route({
      ...fromTable(routes.openDirect, tags, refusals),
      handler: async (request) => ({ room: await openDirect(domain, currentUser(request), request.body.usernames) }),
    });
  };
}
