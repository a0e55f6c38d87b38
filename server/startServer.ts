import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { loadConfig, type Config } from './config';
import type { FastifyInstance } from 'fastify';
import { createHttpApp } from './http/createHttpApp';
import { registerOperationsRoutes } from './http/operationsRoutes';
import type { RouteHandler } from './http/routes';
import { registerAssets, registerClient } from './http/staticFiles';
import { createLogger } from './logger';
import { Metrics } from './metrics/Metrics';
import type { ScaledHealthReport } from './scale/ScaledHealth';
import type { DocStore } from './store/DocStore';
import { SqliteDocStore } from './store/SqliteDocStore';
import { allowAll, type Authorize } from './sync/authorization';
import type { RoomHooks } from './sync/RoomHooks';
import { RoomRegistry } from './sync/RoomRegistry';
import { SyncEndpoint } from './sync/SyncEndpoint';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface StartServerOptions {
  /** Defaults to `loadConfig(process.env)`. */
  config?: Config;
  logger?: Logger;
  /** Defaults to the SQLite file under `config.dataDir`; a store passed in is not closed by close(). */
  store?: DocStore;
  /** Decides who may open which board; defaults to allowing everyone. */
  authorize?: Authorize;
  /**
   * Plain Node handlers tried before any route. New routes are Fastify routes: register them on
   * `app` of buildServer's result before `listen()` (as startPapan does with the API).
   */
  routes?: readonly RouteHandler[];
  /** What other parts of the server plug into every room (see RoomHooks). */
  hooks?: readonly RoomHooks[];
  /** Other instances write the same store (scaled mode). */
  sharedStore?: boolean;
  /** Scaled mode: PostgreSQL and Redis for /healthz (see ScaledHealth). */
  services?: () => Promise<ScaledHealthReport>;
  /** Directory of the built client; defaults to `client/dist`. */
  clientDist?: string;
  /** Presence/"saved" coalescing tick; defaults to 100 ms (cursors are sent at most 10 times a second). */
  tickMs?: number;
}

export interface RunningServer {
  /** `http://host:port` as bound (port 0 resolved). */
  url: string;
  port: number;
  config: Config;
  registry: RoomRegistry;
  store: DocStore;
  metrics: Metrics;
  logger: Logger;
  /** Graceful stop: sockets closed with 1001, rooms flushed and compacted, store closed. */
  close(): Promise<void>;
}

/** A server built whole and not yet listening: add routes to `app`, then `listen()`. */
export interface BuiltServer {
  app: FastifyInstance;
  config: Config;
  registry: RoomRegistry;
  store: DocStore;
  metrics: Metrics;
  logger: Logger;
  /** Binds `config.host:config.port`; nothing is reachable before this. */
  listen(): Promise<RunningServer>;
  /** Releases what build opened, for a server that will not listen (start-up failed). */
  discard(): Promise<void>;
}

/**
 * Builds the whole server (store, rooms, sync endpoint, HTTP app with its routes) without
 * listening; no module-level state, so several can run side by side.
 */
export async function buildServer(options: StartServerOptions = {}): Promise<BuiltServer> {
  const config = options.config ?? loadConfig(process.env);
  const logger = options.logger ?? createLogger(config.logLevel);
  const ownsStore = !options.store;
  const store =
    options.store ?? SqliteDocStore.open(config.dataDir, { synchronous: config.sqliteSynchronous });
  const metrics = new Metrics();
  const registry = new RoomRegistry({
    store,
    logger,
    metrics,
    limits: config.limits,
    compactEvery: config.compactEvery,
    idleMs: config.roomIdleMs,
    tickMs: options.tickMs,
    hooks: options.hooks,
    sharedStore: options.sharedStore,
  });
  const syncEndpoint = new SyncEndpoint({
    registry,
    authorize: options.authorize ?? allowAll,
    logger,
    metrics,
    limits: config.limits,
    heartbeatMs: config.heartbeatMs,
  });
  metrics.setGauges({
    rooms: () => registry.roomCount,
    connections: () => syncEndpoint.connectionCount,
  });

  const app = await createHttpApp({ logger, rawRoutes: options.routes });
  registerOperationsRoutes(app, {
    metrics,
    startedAt: Date.now(),
    rooms: () => registry.roomCount,
    connections: () => syncEndpoint.connectionCount,
    storage: () => store.health?.() ?? { ok: true, problems: [] },
    ...(options.services ? { services: options.services } : {}),
  });
  registerAssets(app, '/tldraw-assets/', path.join(REPO_ROOT, 'node_modules', '@tldraw', 'assets'));
  registerClient(app, options.clientDist ?? path.join(REPO_ROOT, 'client', 'dist'));
  // The sync socket is ours, on the same server: its checks answer before any upgrade.
  app.server.on('upgrade', (request, socket, head) => {
    syncEndpoint.handleUpgrade(request, socket, head).catch((error: unknown) => {
      logger.error({ err: error }, 'upgrade failed');
      socket.destroy();
    });
  });

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      // Stop taking requests and sockets first, then flush the rooms, then cut what is left.
      const stopped = app.close();
      await registry.close();
      await syncEndpoint.close();
      await stopped;
      if (ownsStore) await store.close();
      metrics.close();
      logger.info('stopped');
    })();
    return closing;
  };

  const listen = async (): Promise<RunningServer> => {
    await app.listen({ port: config.port, host: config.host });
    const { port } = app.server.address() as AddressInfo;
    const urlHost = config.host.includes(':') ? `[${config.host}]` : config.host;
    const url = `http://${urlHost}:${port}`;
    logger.info({ url, dataDir: config.dataDir }, 'listening');
    return { url, port, config, registry, store, metrics, logger, close };
  };
  return { app, config, registry, store, metrics, logger, listen, discard: close };
}

/** Builds and starts the whole server; no module-level state, so several can run side by side. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  return (await buildServer(options)).listen();
}
