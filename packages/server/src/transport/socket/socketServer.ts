import { handshakeAuthSchema, MAX_FRAME_BYTES, PROTOCOL_VERSION } from "@natter/protocol";
import type { FastifyBaseLogger } from "fastify";
import type { IncomingMessage } from "node:http";
import { Server } from "socket.io";
import { authenticateSession } from "../../domain/accounts.js";
import { isApiToken } from "../../domain/integrations/apiTokens.js";
import { hashToken } from "../../domain/tokens.js";
import { connectUser, disconnectUser } from "../../domain/connections.js";
import type { Domain } from "../../domain/context.js";
import { Refusal } from "../../domain/errors.js";
import { describeError } from "../errors.js";
import { SESSION_COOKIE } from "../http/session.js";
import { isOriginAllowed, type OriginPolicy } from "../origin.js";
import { roomChannel, sessionChannel, userChannel } from "./channels.js";
import { ConnectionsPerAddress } from "./connectionsPerAddress.js";
import type { Instruments } from "../../metrics/instruments.js";
import { registerHandlers } from "./handlers.js";
import { Inflight } from "./inflight.js";
import type { NatterServer, NatterSocket } from "./types.js";

export interface SocketOptions {
  origins: OriginPolicy;
  logger: FastifyBaseLogger;
  /** Open connections one address may hold (0: no cap). */
  maxConnectionsPerAddress?: number;
}

/** Created before the HTTP server exists; `attach` it once Fastify has built its server. */
export function createSocketServer(options: SocketOptions): { io: NatterServer; stopAccepting: () => void } {
  let accepting = true;
  const perAddress = new ConnectionsPerAddress(options.maxConnectionsPerAddress ?? 0, options.origins.trustProxy);
  const io: NatterServer = new Server({
    serveClient: false,
    transports: ["websocket", "polling"],
    maxHttpBufferSize: MAX_FRAME_BYTES,
    // Socket.IO's cors option does not guard the handshake: every one is checked here, cookie or not.
    allowRequest: (request, callback) => {
      if (!accepting) return callback("shutting down", false);
      const encrypted = Boolean((request.socket as { encrypted?: boolean }).encrypted);
      const allowed = isOriginAllowed(request.headers, encrypted, options.origins);
      if (!allowed) return callback("origin not allowed", false);
      if (!perAddress.admits(request)) return callback("too many connections from this address", false);
      trackConnections();
      callback(null, true);
    },
  });
  // The engine exists only once the server is attached, which is before the first request arrives.
  let tracking = false;
  const trackConnections = () => {
    if (tracking) return;
    tracking = true;
    io.engine.on("connection", (connection: { request: IncomingMessage; once(event: "close", listener: () => void): void }) => {
      perAddress.track(connection.request, (listener) => connection.once("close", listener));
    });
  };
  return { io, stopAccepting: () => void (accepting = false) };
}

/** Authenticates every connection at the handshake, then wires its events to the domain. */
export function serveSockets(io: NatterServer, domain: Domain, logger: FastifyBaseLogger, inflight: Inflight, instruments?: Instruments): void {
  io.use((socket, next) => {
    authenticateHandshake(domain, socket).then(
      () => next(),
      (error: unknown) => {
        const { body } = describeError(error);
        next(Object.assign(new Error(body.message), { data: body }));
      },
    );
  });

  io.on("connection", (socket) => {
    const user = socket.data.user;
    // The upgrade request (its headers, raw headers and parser state) is kept by Engine.IO for the connection's life;
    // the handshake has been read from it, and nothing reads it again.
    releaseRequest(socket);
    void socket.join([userChannel(user.id), sessionChannel(socket.data.tokenHash)]);
    // A logout between the handshake's check and the join above missed this socket: look once more.
    const stillValid = socket.data.viaToken ? domain.store.apiTokenUser(socket.data.tokenHash) : domain.store.sessionByHash(socket.data.tokenHash);
    void stillValid.then(
      (session) => void (session ? undefined : socket.disconnect(true)),
      () => undefined,
    );
    const connected = connectUser(domain, user, socket.id).then((rooms) => socket.join(rooms.map((room) => roomChannel(room.id))));
    registerHandlers(socket, { domain, inflight, logger, counted: connected, instruments });
    connected.catch((error: unknown) => {
      logger.warn({ err: error }, "could not set up a connection");
      socket.disconnect(true);
    });
    socket.on("disconnect", () => {
      void connected
        .catch(() => undefined)
        .then(() => disconnectUser(domain, user, socket.id))
        .catch((error: unknown) => logger.warn({ err: error }, "could not record a disconnect"));
    });
  });
}

async function authenticateHandshake(domain: Domain, socket: NatterSocket): Promise<void> {
  const auth = handshakeAuthSchema.safeParse(socket.handshake.auth ?? {});
  if (!auth.success) throw new Refusal("BAD_REQUEST", "Malformed handshake auth");
  if (auth.data.protocol !== undefined && auth.data.protocol !== PROTOCOL_VERSION) {
    throw new Refusal("BAD_REQUEST", `This server speaks protocol ${PROTOCOL_VERSION}; reload the page or update the client`);
  }
  const token = auth.data.token ?? cookieToken(socket.handshake.headers.cookie);
  const session = token ? await authenticateSession(domain, token) : undefined;
  if (!token || !session) throw new Refusal("UNAUTHORIZED", "Log in first");
  socket.data.user = session.user;
  socket.data.tokenHash = hashToken(token);
  socket.data.expiresAt = session.expiresAt;
  socket.data.scopes = session.scopes;
  socket.data.viaToken = isApiToken(token);
}

function releaseRequest(socket: NatterSocket): void {
  (socket.conn as { request: IncomingMessage | null }).request = null;
}

function cookieToken(header: string | undefined): string | undefined {
  const match = header?.match(new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`));
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}
