import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { Logger } from 'pino';
import type { AppContext } from './api/AppContext';
import type { ApiRoute } from './api/ApiRoute';
import { registerApi } from './api/createApi';
import { RegistryBoardRooms } from './api/RegistryBoardRooms';
import { createSocketAuthorizer } from './auth/authorizeSocket';
import type { TokenRepository } from './auth/TokenRepository';
import { loadConfig, type Config } from './config';
import type { AuditLog } from './events/AuditLog';
import { controlOf, type EventRepository } from './events/EventRepository';
import { seedDemo } from './events/seedDemo';
import { createLogger } from './logger';
import { buildServer, type RunningServer } from './startServer';
import type { DocStore } from './store/DocStore';
import { SqliteDocStore } from './store/SqliteDocStore';
import { openScaledMode } from './scale/ScaledMode';
import { openAppData } from './openAppData';
import { EventArchives } from './backup/EventArchives';
import { RollingBackup, type BackupStatus } from './backup/RollingBackup';
import { registerRuntimeConfigRoute } from './http/runtimeConfigRoute';
import { archiveRoutes } from './api/archiveRoutes';
import { BoardHistory } from './history/BoardHistory';
import { restorePointArchive } from './history/restorePointArchive';

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
  extraRoutes?: (app: PapanApp) => ApiRoute[];
}

/** The application around the sync server: events, tokens, audit log and the API. */
export interface PapanApp {
  events: EventRepository;
  tokens: TokenRepository;
  audit: AuditLog;
  rooms: RegistryBoardRooms;
  /** The base URL people open (for links and QR codes); known once the server listens. */
  readonly publicUrl: string;
  /** Rolling backups (BACKUP_DIR) for the console: when the last was made, or make one now. */
  backups: { status(): BackupStatus; runOnce(): Promise<BackupStatus> } | null;
  /** Export and import of whole events (the archive routes). */
  archives: EventArchives;
  /** Board history: restore points, restore, the mass-deletion alarm. */
  history: BoardHistory;
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

/** The base URL for links and QR codes: PUBLIC_URL, else the LAN address, else the bound host. */
function publicUrlOf(config: Config, lan: string | null, port: number): string {
  if (config.publicUrl) return config.publicUrl;
  if (lan) return `http://${lan}:${port}`;
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  return `http://${host}:${port}`.replace('://0.0.0.0:', '://localhost:');
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
  // Events, boards, control, tokens and audit: beside the documents in each mode (SQLite file,
  // or PostgreSQL shared by every instance, which then need no shared DATA_DIR).
  const data = await openAppData(config, scaled, {
    adminToken: options.adminToken ?? null,
    logger,
  });
  const { events, tokens, audit } = data;

  // Seed before listening, so no room can load a demo board half-written.
  const seeded = options.seedDemo !== false && (await seedDemo(events, store));
  if (seeded) await audit.record('system', 'event.create', { eventId: 'demo' }, { demo: true });

  if (config.backup && !data.sqliteFile) {
    logger.warn('BACKUP_DIR is ignored in the scaled mode: back up PostgreSQL (pg_dump) instead');
  }
  const backups =
    config.backup && data.sqliteFile
      ? new RollingBackup({ databaseFile: data.sqliteFile, ...config.backup, logger })
      : null;
  const history = new BoardHistory({ store, config: config.history, logger, bus: scaled?.bus });
  const archives = new EventArchives({
    events,
    audit,
    store,
    restorePoints: restorePointArchive(store),
  });
  const lan = config.host === '0.0.0.0' || config.host === '::' ? lanAddress() : null;
  const server = await buildServer({
    config,
    logger,
    store,
    clientDist: options.clientDist,
    authorize: createSocketAuthorizer(events, tokens),
    hooks: [
      {
        onLoaded: async (room) => {
          const board = await events.getBoard(room.boardId);
          if (board) {
            room.setControl(controlOf(board));
          }
          // Rooms load only once the server listens (below), when `rooms` exists.
          rooms.attach(room);
        },
      },
      history.hooks(),
      ...(scaled?.hooks ?? []),
    ],
    sharedStore: Boolean(scaled),
    ...(scaled ? { services: () => scaled.health.check() } : {}),
  });
  const rooms = new RegistryBoardRooms(server.registry, scaled?.bus);
  history.serveRooms((boardId, fn) => server.registry.use(boardId, fn));
  const app: PapanApp = {
    events,
    tokens,
    audit,
    rooms,
    backups,
    archives,
    history,
    get publicUrl() {
      const address = server.app.server.address() as AddressInfo | null;
      return publicUrlOf(config, lan, address?.port ?? config.port);
    },
  };
  const ctx: AppContext = {
    events,
    tokens,
    audit,
    rooms,
    history,
    joinThrottle: data.joinThrottle,
    get publicUrl() {
      return app.publicUrl;
    },
    logError: (error, message) => logger.error({ err: error }, message),
  };
  registerRuntimeConfigRoute(server.app, { tldrawLicenseKey: config.tldrawLicenseKey });
  registerApi(server.app, ctx, [
    ...archiveRoutes(ctx, { archives, backups }),
    ...(options.extraRoutes?.(app) ?? []),
  ]);
  let running: RunningServer;
  try {
    running = await server.listen();
  } catch (error) {
    await server.discard();
    if (scaled) await scaled.close();
    else await store.close();
    await data.close();
    throw error;
  }
  const publicUrl = app.publicUrl;

  backups?.start();

  const staffLink = seeded
    ? `${publicUrl}/?token=${(await tokens.issue({ role: 'staff', name: 'Staf' })).token}`
    : null;

  return {
    ...running,
    app,
    staffLink,
    close: async () => {
      await backups?.stop();
      await running.close();
      if (scaled) await scaled.close();
      else await store.close();
      await data.close();
    },
  };
}
