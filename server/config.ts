import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import * as LIMITS from '../shared/limits';

/** Server configuration, read once from the environment at start (see docs/ARCHITECTURE.md). */
export interface Config {
  port: number;
  host: string;
  /** Absolute path of the data directory (the SQLite file lives here). */
  dataDir: string;
  /** The address people type or scan, e.g. http://192.168.1.10:8080; printed at start. */
  publicUrl: string | null;
  logLevel: LogLevel;
  tldrawLicenseKey: string | null;
  /** Grace period before a room without connections is unloaded. */
  roomIdleMs: number;
  /** Appended updates after which a room's log is compacted into a snapshot. */
  compactEvery: number;
  heartbeatMs: number;
  /**
   * SQLite `synchronous` pragma. NORMAL (with WAL) survives process crashes; FULL also survives
   * power loss of the host at the cost of an fsync per update.
   */
  sqliteSynchronous: 'NORMAL' | 'FULL';
  /** Rolling backups of the database (e.g. to a USB stick); null when BACKUP_DIR is unset. */
  backup: BackupConfig | null;
  /** Restore points and the mass-deletion alarm (see server/history/). */
  history: HistoryConfig;
  limits: ServerLimits;
  /** Scaled mode (several instances): set when DATABASE_URL is; null means embedded SQLite. */
  scaled: ScaledConfig | null;
}

/** Several instances on one PostgreSQL (durable) and, optionally, Redis (fan-out). */
export interface ScaledConfig {
  databaseUrl: string;
  /** A PostgreSQL schema of this deployment's own (default: the connection's search path). */
  databaseSchema: string | null;
  /** Null: instances poll PostgreSQL for each other's updates (slower; nothing lost). */
  redisUrl: string | null;
  /** This instance's name on the fan-out; unique per process. */
  instanceId: string;
  /** How long a join waits for Redis's shared count before this instance's own count decides. */
  joinThrottleRedisMs: number;
}

/** When the server makes restore points on its own, and when deletions raise the alarm. */
export interface HistoryConfig {
  /** A restore point at most this often while a board changes. */
  everyMinutes: number;
  /** Cards one connection may delete within the window before the alarm (and a point) fires. */
  alarmCards: number;
  alarmWindowSeconds: number;
}

/** Where and how often the running server copies its database (see server/backup/RollingBackup.ts). */
export interface BackupConfig {
  /** Absolute path of an existing directory; the server never creates it (a pulled stick). */
  dir: string;
  everyMinutes: number;
  /** How many complete backups are kept; older ones are deleted. */
  keep: number;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** The limits the server enforces; defaults from shared/limits.ts, overridable by env. */
export interface ServerLimits {
  maxMessageBytes: number;
  maxDocBytes: number;
  maxConnectionsPerRoom: number;
  /** Sockets one participant token may hold open (4426 past it). */
  maxSocketsPerToken: number;
  /** Sockets from one network address (4426 past it). */
  maxSocketsPerAddress: number;
  maxAwarenessBytes: number;
  maxAwarenessPerSecond: number;
  /** Awareness messages per second past which the socket is closed (a flood, not a fast cursor). */
  awarenessFloodPerSecond: number;
  /** Send-buffer bytes past which presence is skipped for that socket. */
  backpressureSoftBytes: number;
  /** Send-buffer bytes past which the socket is closed as too slow. */
  backpressureHardBytes: number;
  /** Messages a socket may send while its board is still loading. */
  maxQueuedBeforeLoad: number;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const int = (min: number, max: number, fallback: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max))
    .default(fallback);

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value === undefined || value === '' ? null : value));

const MIB = 1024 * 1024;

const envSchema = z.object({
  PORT: int(0, 65_535, 8080),
  HOST: z.string().trim().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().trim().min(1).default('./data'),
  PUBLIC_URL: optionalText.refine(
    (value) => value === null || /^https?:\/\/[^\s]+$/.test(value),
    'must be an http(s) URL',
  ),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  TLDRAW_LICENSE_KEY: optionalText,
  ROOM_IDLE_MS: int(0, 24 * 3600 * 1000, 10_000),
  COMPACT_EVERY: int(1, 1_000_000, 500),
  HEARTBEAT_MS: int(100, 600_000, 30_000),
  SQLITE_SYNCHRONOUS: z.enum(['NORMAL', 'FULL']).default('NORMAL'),
  BACKUP_DIR: optionalText,
  BACKUP_EVERY_MINUTES: int(1, 24 * 60, 5),
  BACKUP_KEEP: int(1, 10_000, 12),
  HISTORY_EVERY_MINUTES: int(1, 24 * 60, 10),
  DELETION_ALARM_CARDS: int(1, 100_000, 5),
  DELETION_ALARM_WINDOW_SECONDS: int(1, 3600, 10),
  MAX_MESSAGE_BYTES: int(1024, 1024 * MIB, LIMITS.MAX_MESSAGE_BYTES),
  MAX_DOC_BYTES: int(1024, 4096 * MIB, LIMITS.MAX_DOC_BYTES),
  MAX_CONNECTIONS_PER_ROOM: int(1, 1_000_000, LIMITS.MAX_CONNECTIONS_PER_ROOM),
  MAX_SOCKETS_PER_TOKEN: int(1, 1_000_000, LIMITS.MAX_SOCKETS_PER_TOKEN),
  MAX_SOCKETS_PER_ADDRESS: int(1, 1_000_000, LIMITS.MAX_SOCKETS_PER_ADDRESS),
  MAX_AWARENESS_BYTES: int(64, 16 * MIB, LIMITS.MAX_AWARENESS_BYTES),
  MAX_AWARENESS_PER_SECOND: int(1, 100_000, LIMITS.MAX_AWARENESS_PER_SECOND),
  AWARENESS_FLOOD_PER_SECOND: int(1, 1_000_000, LIMITS.MAX_AWARENESS_PER_SECOND * 10),
  BACKPRESSURE_SOFT_BYTES: int(0, 4096 * MIB, 1 * MIB),
  BACKPRESSURE_HARD_BYTES: int(1024, 4096 * MIB, 64 * MIB),
  MAX_QUEUED_BEFORE_LOAD: int(1, 1_000_000, 256),
  DATABASE_URL: optionalText.refine(
    (value) => value === null || /^postgres(ql)?:\/\/\S+$/.test(value),
    'must be a postgres:// URL',
  ),
  DATABASE_SCHEMA: optionalText.refine(
    (value) => value === null || /^[a-z_][a-z0-9_]{0,62}$/.test(value),
    'must be a lower-case identifier',
  ),
  REDIS_URL: optionalText.refine(
    (value) => value === null || /^rediss?:\/\/\S+$/.test(value),
    'must be a redis:// URL',
  ),
  INSTANCE_ID: optionalText.refine(
    (value) => value === null || /^[A-Za-z0-9._-]{1,64}$/.test(value),
    'must be 1-64 letters, digits, dots, dashes or underscores',
  ),
  JOIN_THROTTLE_REDIS_MS: int(10, 60_000, 250),
});

/** Reads and validates configuration from `env`; throws one error listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined>, cwd = process.cwd()): Config {
  // Empty strings count as unset, so `PORT= npm start` means the default.
  const present = Object.fromEntries(
    Object.keys(envSchema.shape).flatMap((key) => {
      const value = Object.hasOwn(env, key) ? env[key] : undefined;
      return value === undefined || value.trim() === '' ? [] : [[key, value]];
    }),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? '?');
      return `${key}=${JSON.stringify(present[key])}: ${issue.message}`;
    });
    throw new Error(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  if (e.AWARENESS_FLOOD_PER_SECOND < e.MAX_AWARENESS_PER_SECOND) {
    throw new Error(
      'Invalid configuration: AWARENESS_FLOOD_PER_SECOND must be >= MAX_AWARENESS_PER_SECOND',
    );
  }
  if (e.BACKPRESSURE_HARD_BYTES < e.BACKPRESSURE_SOFT_BYTES) {
    throw new Error(
      'Invalid configuration: BACKPRESSURE_HARD_BYTES must be >= BACKPRESSURE_SOFT_BYTES',
    );
  }
  if (e.DATABASE_URL === null && e.REDIS_URL !== null) {
    throw new Error(
      'Invalid configuration: REDIS_URL needs DATABASE_URL (Redis only carries messages; PostgreSQL keeps them)',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(cwd, e.DATA_DIR),
    publicUrl: e.PUBLIC_URL,
    logLevel: e.LOG_LEVEL,
    tldrawLicenseKey: e.TLDRAW_LICENSE_KEY,
    roomIdleMs: e.ROOM_IDLE_MS,
    compactEvery: e.COMPACT_EVERY,
    heartbeatMs: e.HEARTBEAT_MS,
    sqliteSynchronous: e.SQLITE_SYNCHRONOUS,
    backup:
      e.BACKUP_DIR === null
        ? null
        : {
            dir: path.resolve(cwd, e.BACKUP_DIR),
            everyMinutes: e.BACKUP_EVERY_MINUTES,
            keep: e.BACKUP_KEEP,
          },
    history: {
      everyMinutes: e.HISTORY_EVERY_MINUTES,
      alarmCards: e.DELETION_ALARM_CARDS,
      alarmWindowSeconds: e.DELETION_ALARM_WINDOW_SECONDS,
    },
    limits: {
      maxMessageBytes: e.MAX_MESSAGE_BYTES,
      maxDocBytes: e.MAX_DOC_BYTES,
      maxConnectionsPerRoom: e.MAX_CONNECTIONS_PER_ROOM,
      maxSocketsPerToken: e.MAX_SOCKETS_PER_TOKEN,
      maxSocketsPerAddress: e.MAX_SOCKETS_PER_ADDRESS,
      maxAwarenessBytes: e.MAX_AWARENESS_BYTES,
      maxAwarenessPerSecond: e.MAX_AWARENESS_PER_SECOND,
      awarenessFloodPerSecond: e.AWARENESS_FLOOD_PER_SECOND,
      backpressureSoftBytes: e.BACKPRESSURE_SOFT_BYTES,
      backpressureHardBytes: e.BACKPRESSURE_HARD_BYTES,
      maxQueuedBeforeLoad: e.MAX_QUEUED_BEFORE_LOAD,
    },
    scaled: e.DATABASE_URL
      ? {
          databaseUrl: e.DATABASE_URL,
          databaseSchema: e.DATABASE_SCHEMA,
          redisUrl: e.REDIS_URL,
          instanceId:
            e.INSTANCE_ID ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
          joinThrottleRedisMs: e.JOIN_THROTTLE_REDIS_MS,
        }
      : null,
  };
}
