import pg from 'pg';
import { migratePg } from './pgMigrations';

export interface PgPoolOptions {
  /** postgres://user@host:port/database */
  connectionString: string;
  /** A schema of its own (created if missing), e.g. for tests side by side; default `public`. */
  schema?: string | null;
  /** Pool size (default 5: the application data is light next to the board log). */
  maxConnections?: number;
  /** How long to wait for a connection before failing the query (default 3 s). */
  connectTimeoutMs?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * A pool on the scaled mode's PostgreSQL database, in its schema, migrated: what the events,
 * token and audit repositories share, and the board store (each with a pool of its own).
 */
export async function openPgPool(options: PgPoolOptions): Promise<pg.Pool> {
  const schema = options.schema ?? null;
  if (schema !== null && !SCHEMA_NAME.test(schema)) {
    throw new Error(`schema name "${schema}" is not a plain lower-case identifier`);
  }
  if (schema !== null) {
    const admin = new pg.Client({ connectionString: options.connectionString });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 5,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 3000,
    keepAlive: true,
    ...(schema !== null ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client's connection error (server restart) must not crash the process.
  pool.on('error', () => {});
  try {
    await migratePg(pool);
  } catch (error) {
    await pool.end();
    throw error;
  }
  return pool;
}

/** Runs `fn` in a transaction on one client of the pool; rolls back if it throws. */
export async function inTransaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  const client = await pool.connect();
  // A connection whose ROLLBACK failed may still be inside the transaction: destroy it rather
  // than hand it back to the pool for the next caller.
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    try {
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    }
  } finally {
    client.release(broken);
  }
}
