import { networkInterfaces } from 'node:os';
import type { Logger } from 'pino';
import { createApi } from './api/createApi';
import { RateLimiter } from './api/RateLimiter';
import { RegistryBoardRooms } from './api/RegistryBoardRooms';
import type { Route } from './api/router';
import { createSocketAuthorizer } from './auth/authorizeSocket';
import { TokenRepository } from './auth/TokenRepository';
import { loadConfig, type Config } from './config';
import { migrateAppSchema } from './events/appSchema';
import { AuditLog } from './events/AuditLog';
import { controlOf, EventRepository } from './events/EventRepository';
import { seedDemo } from './events/seedDemo';
import { createLogger } from './logger';
import { startServer, type RunningServer } from './startServer';
import type { DocStore } from './store/DocStore';
import { SqliteDocStore } from './store/SqliteDocStore';
import { openScaledMode } from './scale/ScaledMode';
import { openDatabase } from './store/openDatabase';
import { runtimeConfigRoute } from './http/runtimeConfigRoute';

/** Wrong join codes one address may try per window before it is throttled. */
const JOIN_FAILURES_PER_WINDOW = 8;
const JOIN_WINDOW_MS = 60_000;

export interface PapanOptions {
  config?: Config;
  logger?: Logger;
  /** Staff token from the environment (PAPAN_ADMIN_TOKEN). */
  adminToken?: string | null;
  /** Create the demo event when the database has no event (default true). */
  seedDemo?: boolean;
  /** Directory of the built client; defaults to `client/dist`. */
  clientDist?: string;
  /** Extra API routes from later features. */
  extraRoutes?: (app: PapanApp) => Route[];
}

/** The application around the sync server: events, tokens, audit log and the API. */
export interface PapanApp {
  events: EventRepository;
  tokens: TokenRepository;
  audit: AuditLog;
  rooms: RegistryBoardRooms;
  publicUrl: string;
}

export interface RunningPapan extends RunningServer {
  app: PapanApp;
  /** The staff login link, when this start created the first staff token. */
  staffLink: string | null;
}

/** The first non-internal IPv4 address: what tablets on the hall WiFi can reach. */
function lanAddress(): string | null {
  for (const list of Object.values(networkInterfaces())) {
    for (const info of list ?? []) {
      if (info.family === 'IPv4' && !info.internal) return info.address;
    }
  }
  return null;
}

/**
 * Starts Papan Rembuk: the sync server with token checks on every upgrade, the JSON API, the
 * control state restored into each room as it loads, and on an empty database the demo event
 * plus a staff link printed once.
 */
export async function startPapan(options: PapanOptions = {}): Promise<RunningPapan> {
  const config = options.config ?? loadConfig(process.env);
  const logger = options.logger ?? createLogger(config.logLevel);
  // Embedded: one SQLite file, the doc store and the application data share it (two
  // connections, WAL). Scaled: board documents live in PostgreSQL, shared by every instance.
  const scaled = config.scaled ? await openScaledMode(config.scaled, logger) : null;
  let store: DocStore;
  if (scaled) {
    store = scaled.store;
  } else {
    const sqlite = SqliteDocStore.open(config.dataDir, { synchronous: config.sqliteSynchronous });
    sqlite.checkpointInBackground((error) => logger.warn({ err: error }, 'WAL checkpoint worker'));
    store = sqlite;
  }
  const db = openDatabase(config.dataDir, { synchronous: config.sqliteSynchronous });
  migrateAppSchema(db);
  const events = new EventRepository(db);
  const tokens = new TokenRepository(db, { adminToken: options.adminToken ?? null });
  const audit = new AuditLog(db);

  // Seed before listening, so no room can load a demo board half-written.
  const seeded = options.seedDemo !== false && (await seedDemo(events, store));
  if (seeded) audit.record('system', 'event.create', { eventId: 'demo' }, { demo: true });

  let rooms: RegistryBoardRooms | null = null;
  const app = { events, tokens, audit } as Omit<PapanApp, 'rooms' | 'publicUrl'>;
  const routeRef: { handler: ((req: never, res: never, url: URL) => Promise<boolean>) | null } = {
    handler: null,
  };

  const server = await startServer({
    config,
    logger,
    store,
    clientDist: options.clientDist,
    authorize: createSocketAuthorizer(events, tokens),
    hooks: [
      {
        onLoaded: (room) => {
          const board = events.getBoard(room.boardId);
          if (board) {
            room.setControl(controlOf(board));
          }
          rooms?.attach(room);
        },
      },
      ...(scaled ? [scaled.hooks] : []),
    ],
    sharedStore: Boolean(scaled),
    routes: [
      runtimeConfigRoute({ tldrawLicenseKey: config.tldrawLicenseKey }),
      (req, res, url) => routeRef.handler?.(req as never, res as never, url) ?? false,
    ],
  });

  const lan = config.host === '0.0.0.0' || config.host === '::' ? lanAddress() : null;
  const publicUrl =
    config.publicUrl ??
    (lan ? `http://${lan}:${server.port}` : server.url.replace('://0.0.0.0:', '://localhost:'));
  rooms = new RegistryBoardRooms(server.registry, scaled?.bus);
  const full: PapanApp = { ...app, rooms, publicUrl };
  routeRef.handler = createApi(
    {
      ...full,
      joinLimiter: new RateLimiter(JOIN_FAILURES_PER_WINDOW, JOIN_WINDOW_MS),
      logError: (error, message) => logger.error({ err: error }, message),
    },
    options.extraRoutes?.(full) ?? [],
  );

  const staffLink = seeded
    ? `${publicUrl}/?token=${tokens.issue({ role: 'staff', name: 'Staf' }).token}`
    : null;

  return {
    ...server,
    app: full,
    staffLink,
    close: async () => {
      await server.close();
      if (scaled) await scaled.close();
      else await store.close();
      db.close();
    },
  };
}
