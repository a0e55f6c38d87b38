import path from 'node:path';
import type { Logger } from 'pino';
import { JOIN_FAILURES_PER_WINDOW, JOIN_WINDOW_MS, LocalJoinThrottle } from './api/JoinThrottle';
import type { JoinThrottle } from './api/JoinThrottle';
import { PgTokenRepository } from './auth/PgTokenRepository';
import { SqliteTokenRepository } from './auth/SqliteTokenRepository';
import type { TokenRepository } from './auth/TokenRepository';
import type { Config } from './config';
import { migrateAppSchema } from './events/appSchema';
import type { AuditLog } from './events/AuditLog';
import type { EventRepository } from './events/EventRepository';
import { PgAuditLog } from './events/PgAuditLog';
import { PgEventRepository } from './events/PgEventRepository';
import { SqliteAuditLog } from './events/SqliteAuditLog';
import { SqliteEventRepository } from './events/SqliteEventRepository';
import type { ScaledMode } from './scale/ScaledMode';
import { RedisJoinThrottle } from './scale/RedisJoinThrottle';
import { DATABASE_FILE_NAME, openDatabase } from './store/openDatabase';
import { openPgPool } from './store/postgres/openPgPool';

/** The application data (events, boards, control, tokens, audit) and the join throttle. */
export interface AppData {
  events: EventRepository;
  tokens: TokenRepository;
  audit: AuditLog;
  joinThrottle: JoinThrottle;
  /** The SQLite file rolling backups copy; null in the scaled mode (PostgreSQL's own backups). */
  sqliteFile: string | null;
  close(): Promise<void>;
}

/**
 * Opens the application data where the mode keeps it: the SQLite file under DATA_DIR (embedded),
 * or PostgreSQL shared by every instance with the join throttle counted in Redis (scaled).
 */
export async function openAppData(
  config: Config,
  scaled: ScaledMode | null,
  options: { adminToken: string | null; logger: Logger },
): Promise<AppData> {
  if (config.scaled && scaled) {
    const pool = await openPgPool({
      connectionString: config.scaled.databaseUrl,
      schema: config.scaled.databaseSchema,
    });
    const joinThrottle = scaled.fanout
      ? new RedisJoinThrottle(
          scaled.fanout,
          JOIN_FAILURES_PER_WINDOW,
          JOIN_WINDOW_MS,
          (error) =>
            // Redis being down is logged once by the fan-out; here it only means per-instance counts.
            options.logger.debug({ err: error }, 'join throttle: counting in this instance'),
          config.scaled.joinThrottleRedisMs,
        )
      : new LocalJoinThrottle();
    return {
      events: new PgEventRepository(pool),
      tokens: new PgTokenRepository(pool, { adminToken: options.adminToken }),
      audit: new PgAuditLog(pool),
      joinThrottle,
      sqliteFile: null,
      close: () => pool.end(),
    };
  }
  const db = openDatabase(config.dataDir, { synchronous: config.sqliteSynchronous });
  migrateAppSchema(db);
  return {
    events: new SqliteEventRepository(db),
    tokens: new SqliteTokenRepository(db, { adminToken: options.adminToken }),
    audit: new SqliteAuditLog(db),
    joinThrottle: new LocalJoinThrottle(),
    sqliteFile: path.join(config.dataDir, DATABASE_FILE_NAME),
    close: async () => {
      db.close();
    },
  };
}
