import type pg from 'pg';
import { afterAll } from 'vitest';
import { PgTokenRepository } from '../../server/auth/PgTokenRepository';
import { PgAuditLog } from '../../server/events/PgAuditLog';
import { PgEventRepository } from '../../server/events/PgEventRepository';
import { openPgPool } from '../../server/store/postgres/openPgPool';
import { appDataContract } from '../events/appDataContract';
import { dropSchemas } from '../helpers/scaledCluster';
import {
  scaledServicesAvailable,
  TEST_DATABASE_URL,
  uniqueSchema,
} from '../helpers/scaledServices';

const available = await scaledServicesAvailable();
const schemas: string[] = [];
let schema = '';

afterAll(async () => {
  if (available) await dropSchemas(schemas);
});

async function openSet(opts: { now?: () => number; adminToken?: string | null } = {}) {
  // A pool of its own: another instance on the same schema.
  const pool: pg.Pool = await openPgPool({ connectionString: TEST_DATABASE_URL, schema });
  return {
    events: new PgEventRepository(pool),
    tokens: new PgTokenRepository(pool, opts),
    audit: new PgAuditLog(pool),
    tokenRows: async () => JSON.stringify((await pool.query('SELECT * FROM tokens')).rows),
    close: () => pool.end(),
  };
}

if (available) {
  appDataContract('PostgreSQL', {
    setUp: async () => {
      schema = uniqueSchema('papan_appdata');
      schemas.push(schema);
    },
    open: openSet,
    peer: () => openSet(),
    tearDown: async () => undefined,
  });
}
