import type { FastifyInstance } from "fastify";
import { randomUUID } from "node:crypto";
import type { Server } from "node:http";
import { hostname } from "node:os";
import { openBlobStore } from "./blobs/openBlobStore.js";
import { pino, type Logger } from "pino";
import { ChatAPI } from "./chatApi.js";
import { createDomain, type Domain } from "./domain/context.js";
import { LocalPresence } from "./domain/presence.js";
import { ensureGeneral } from "./domain/rooms.js";
import { RoomPurges } from "./domain/roomPurges.js";
import { offerSetup } from "./domain/setup.js";
import { Notices } from "./domain/notifications/notices.js";
import { LinkPreviews } from "./domain/linkPreviews.js";
import { previewFetcher } from "./notify/pageFetch.js";
import { scheduleBackups } from "./backup/schedule.js";
import { createMetrics } from "./metrics/natterMetrics.js";
import { serveMetrics } from "./metrics/metricsServer.js";
import { LifecycleWorker } from "./domain/lifecycle/lifecycleWorker.js";
import { EmailWorker } from "./notify/emailWorker.js";
import { PushWorker } from "./notify/pushWorker.js";
import { WebhookWorker } from "./notify/webhookWorker.js";
import { smtpMailer } from "./notify/smtpMailer.js";
import { singleSignOn } from "./sso/singleSignOn.js";
import { announceExpired, applyRosterChange } from "./domain/connections.js";
import { redisLimits } from "./redis/redisLimits.js";
import { scaleOut } from "./redis/scaleOut.js";
import { resolveSettings, type Settings, type SettingsInput } from "./settings.js";
import { openStore, type Store } from "./storage/index.js";
import { buildHttpApp } from "./transport/http/httpApp.js";
import { Inflight } from "./transport/socket/inflight.js";
import { createSocketServer, serveSockets } from "./transport/socket/socketServer.js";
import { terminateConnections, watchSlowConsumers } from "./transport/socket/slowConsumers.js";
import { SocketPublisher } from "./transport/socket/socketPublisher.js";
import type { NatterServer } from "./transport/socket/types.js";

export interface NatterOptions extends SettingsInput {
  /** Where the built web app is; defaults to packages/web/dist. */
  webRoot?: string;
  logger?: Logger;
  /** This node's wall clock; tests set one that is off to show that nothing depends on it. */
  clock?: () => number;
}

export interface Natter {
  readonly settings: Settings;
  readonly chat: ChatAPI;
  readonly http: FastifyInstance;
  readonly io: NatterServer;
  readonly domain: Domain;
  /** Retention and expired archives, on a timer; tests run a pass with `runOnce`. */
  readonly lifecycle: LifecycleWorker;
  /** Starts serving; resolves with the URL it serves on (and the /metrics URL, with METRICS_PORT). */
  listen(): Promise<{ url: string; port: number; metricsUrl?: string }>;
  /** Stops accepting, lets in-flight writes finish, closes sockets and the database. */
  close(): Promise<void>;
}

/** Builds a Natter server (database migrated, `general` created) without listening. */
export async function createNatter(options: NatterOptions = {}): Promise<Natter> {
  const settings = resolveSettings(options);
  const logger = options.logger ?? pino({ level: settings.logLevel });
  const blobs = openBlobStore(settings);
  // Only with METRICS_PORT: otherwise no registry exists and every hook below is undefined.
  const metrics = settings.metricsPort === undefined ? undefined : createMetrics();
  const instruments = metrics?.instruments;
  const store = openStore(settings, instruments && ((seconds, size, created) => instruments.committed(seconds, size, created)));
  await store.migrate().catch(closing(store));
  const origins = { allowedOrigins: settings.allowedOrigins, trustProxy: settings.trustProxy };
  const { io, stopAccepting } = createSocketServer({ origins, logger, maxConnectionsPerAddress: settings.maxConnectionsPerAddress });
  const shared = settings.redisUrl
    ? await scaleOut(
        { url: settings.redisUrl, prefix: settings.redisPrefix, fanout: settings.redisFanout, nodeId: nodeId(settings.port), localClock: options.clock },
        io,
        logger,
      ).catch(closing(store))
    : undefined;
  const presence = shared?.presence ?? new LocalPresence();
  const publisher = new SocketPublisher(io, shared?.available, shared ? "many" : "one");
  const limits = shared && redisLimits(shared.state, settings, settings.redisPrefix);
  const notices = new Notices((error) => logger.warn({ err: error }, "could not queue notifications"));
  let listenedUrl = `http://127.0.0.1:${settings.port}`;
  const publicUrl = () => (settings.publicUrl ?? listenedUrl).replace(/\/+$/, "");
  const mailer = settings.smtpUrl ? smtpMailer(settings.smtpUrl, settings.mailFrom) : undefined;
  const sso = singleSignOn(settings, logger);
  const purges = new RoomPurges(store, blobs, (error) => logger.warn({ err: error }, "could not purge a deleted room"));
  const previews = settings.linkPreviews
    ? new LinkPreviews(previewFetcher(settings.linkPreviewAllowPrivate), (error) => logger.warn({ err: error }, "could not attach a link preview"))
    : undefined;
  const domain = createDomain({ store, blobs, publisher, presence, settings, limits, notices, mailer, purges, sso, previews, publicUrl, now: options.clock });
  publisher.onRosterChange((change) => applyRosterChange(domain, change));
  presence.onExpired((user) => void announceExpired(domain, user).catch((error: unknown) => logger.warn({ err: error }, "could not announce an expired user")));
  await ensureGeneral(domain);
  // Rooms deleted before a stop (here or on another node) are purged to the end.
  await purges.resume();

  const readiness = { check: async () => void (await Promise.all([store.ping(), shared?.ping()])) };
  const http = await buildHttpApp({
    domain,
    logger,
    origins,
    readiness,
    webRoot: options.webRoot,
    instrument: metrics && ((app) => metrics.instrumentHttp(app)),
  });
  io.attach(http.server);
  const inflight = new Inflight();
  serveSockets(io, domain, logger, inflight, instruments);
  metrics?.watch({ io, presence, database: () => store.ping(), redis: shared && (() => shared.ping()) });
  const stopWatching = watchSlowConsumers(io, settings.maxSocketBacklogKb * 1024, logger);
  const pushes = new PushWorker(domain, { logger, vapidSubject: settings.vapidSubject, instruments });
  pushes.start();
  const emails = mailer && new EmailWorker(domain, logger, instruments);
  emails?.start();
  const webhooks = new WebhookWorker(domain, logger);
  webhooks.start();
  const backups =
    settings.backupDir === undefined
      ? undefined
      : scheduleBackups(settings, {
          dir: settings.backupDir,
          everyHours: settings.backupEveryHours,
          keep: settings.backupKeep,
          logger,
          claim: shared && (async (slot, ttlMs) => (await shared.state.set(`${settings.redisPrefix}:backup:${slot}`, "1", "PX", ttlMs, "NX")) === "OK"),
        });
  let metricsListener: Server | undefined;
  const lifecycle = new LifecycleWorker(domain, { everyMs: settings.retentionEveryMinutes * 60_000, nodeId: nodeId(settings.port), logger });
  lifecycle.start();

  return {
    settings,
    chat: new ChatAPI(domain),
    lifecycle,
    http,
    io,
    domain,
    async listen() {
      await http.listen({ port: settings.port, host: settings.host });
      const address = http.server.address();
      const port = typeof address === "object" && address ? address.port : settings.port;
      const host = settings.host === "0.0.0.0" || settings.host === "::" ? "127.0.0.1" : settings.host;
      listenedUrl = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
      const setupLink = await offerSetup(domain);
      if (setupLink) logger.info(`No admin yet: create the first one at ${setupLink} (or with natter admin create-user)`);
      else if (domain.sso?.only && !(await store.hasAdmin()))
        logger.info("No admin yet: map OIDC_ADMIN_VALUES, or sign in through the provider and run natter admin set-role NAME admin");
      if (!metrics || settings.metricsPort === undefined) return { url: listenedUrl, port };
      const served = await serveMetrics(metrics.registry, settings.metricsHost, settings.metricsPort);
      metricsListener = served.server;
      return { url: listenedUrl, port, metricsUrl: served.url };
    },
    async close() {
      stopAccepting();
      backups?.stop();
      metricsListener?.close();
      metricsListener?.closeAllConnections();
      stopWatching();
      // What was received is stored and acknowledged before the sockets go, so no client retries a stored send.
      await inflight.close(DRAIN_LIMIT_MS);
      publisher.flush();
      // Decisions already made are queued before the database goes; queued work waits for any node's next start.
      await notices.settle();
      await previews?.close();
      await pushes.stop();
      await emails?.stop();
      await purges.stop();
      await webhooks.stop();
      await lifecycle.stop();
      mailer?.close();
      // Clients are told to reconnect (to this node when it returns, or to another one); the acks above are
      // already in each socket's buffer, which Engine.IO writes out before it closes.
      io.local.disconnectSockets(true);
      await new Promise((resolve) => setTimeout(resolve, DISCONNECT_GRACE_MS));
      terminateConnections(io);
      await http.close();
      io.engine.close();
      domain.typing.close();
      await (shared ?? presence).close();
      await store.close();
    },
  };
}

/** A database that hangs must not hold the shutdown past its 10 s. */
const DRAIN_LIMIT_MS = 5_000;

/** Time for the last packets (acks, the disconnect itself) to reach clients that are reading. */
const DISCONNECT_GRACE_MS = 200;

/** On a failed start, close what was opened and rethrow. */
function closing(store: Store) {
  return async (error: unknown): Promise<never> => {
    await store.close().catch(() => undefined);
    throw error;
  };
}

/** Stable across restarts of the same node, so a restart can drop its old presence claims at once. */
function nodeId(port: number): string {
  return port === 0 ? `${hostname()}:${randomUUID()}` : `${hostname()}:${port}`;
}
