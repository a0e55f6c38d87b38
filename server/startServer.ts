import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { loadConfig, type Config } from './config';
import { createServer } from './http/createServer';
import { operationsRoutes } from './http/operationsRoutes';
import type { RouteHandler } from './http/routes';
import { assetsRoute, clientRoute } from './http/staticFiles';
import { createLogger } from './logger';
import { Metrics } from './metrics/Metrics';
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
  /** Extra http routes (e.g. `/api/*`), tried before the static client. */
  routes?: readonly RouteHandler[];
  /** What other parts of the server plug into every room (see RoomHooks). */
  hooks?: readonly RoomHooks[];
  /** Other instances write the same store (scaled mode). */
  sharedStore?: boolean;
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

/** Builds and starts the whole server; no module-level state, so several can run side by side. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
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
  const server = createServer({
    syncEndpoint,
    logger,
    routes: [
      operationsRoutes({
        metrics,
        startedAt: Date.now(),
        rooms: () => registry.roomCount,
        connections: () => syncEndpoint.connectionCount,
      }),
      ...(options.routes ?? []),
      assetsRoute('/tldraw-assets/', path.join(REPO_ROOT, 'node_modules', '@tldraw', 'assets')),
      clientRoute(options.clientDist ?? path.join(REPO_ROOT, 'client', 'dist')),
    ],
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `http://${urlHost}:${port}`;
  logger.info({ url, dataDir: config.dataDir }, 'listening');

  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      await registry.close();
      await syncEndpoint.close();
      server.closeAllConnections();
      await stopped;
      if (ownsStore) await store.close();
      metrics.close();
      logger.info('stopped');
    })();
    return closing;
  };
  return { url, port, config, registry, store, metrics, logger, close };
}
