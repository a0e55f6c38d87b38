/**
 * Hocuspocus 3 scaled out the way its documentation shows, as a peer for the scaled-mode
 * benchmarks: `@hocuspocus/extension-redis` (pub/sub between instances, a Redis lock so only one
 * instance stores a document at a time) and `@hocuspocus/extension-database` storing each
 * document's full state into one PostgreSQL table that every instance shares. Started by
 * bench/lib/BenchServer.ts with HOST, PORT, DATABASE_URL, DATABASE_SCHEMA, REDIS_URL,
 * REDIS_PREFIX and INSTANCE_ID; stops on SIGTERM.
 *
 * Durability differs from ours. Hocuspocus applies a client's update, broadcasts it to the
 * room and to the other instances (through Redis) first, and stores later: `onStoreDocument` is
 * debounced (2 s after the last change, at most 10 s), and stores the whole document. An update
 * that everyone has seen can be lost if the instance dies within that window. Ours commits each
 * update to the PostgreSQL log before broadcasting it, so whatever a client saw is on disk.
 *
 * `GET /bench/clocks` answers `{ [documentName]: sum of the document's state vector clocks }`
 * for the documents loaded here: each bench edit adds one clock, so the bench can tell when
 * PostgreSQL holds every update (it sums the clocks of the stored states the same way).
 */
import { Database } from '@hocuspocus/extension-database';
import { Redis } from '@hocuspocus/extension-redis';
import { Server } from '@hocuspocus/server';
import pg from 'pg';
import * as Y from 'yjs';
import { clockSum } from '../lib/clockSum';

const schema = process.env.DATABASE_SCHEMA ?? 'hocuspocus_bench';
if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`bad DATABASE_SCHEMA "${schema}"`);
const redisUrl = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  max: 4,
});
pool.on('error', () => undefined);
try {
  await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  await pool.query(
    `CREATE TABLE IF NOT EXISTS ${schema}.documents (name text PRIMARY KEY, data bytea NOT NULL)`,
  );
} catch (error) {
  // Two instances starting at once may race on CREATE ... IF NOT EXISTS; the table exists then.
  const exists = await pool.query(`SELECT to_regclass('${schema}.documents') AS t`);
  if (!exists.rows[0]?.t) throw error;
}

const server = new Server({
  port: Number(process.env.PORT ?? 0),
  address: process.env.HOST ?? '127.0.0.1',
  quiet: true,
  extensions: [
    new Redis({
      host: redisUrl.hostname,
      port: Number(redisUrl.port || 6379),
      prefix: process.env.REDIS_PREFIX ?? 'hocuspocus-bench',
      identifier: process.env.INSTANCE_ID ?? `bench-${process.pid}`,
    }),
    new Database({
      fetch: async ({ documentName }) => {
        const result = await pool.query<{ data: Buffer }>(
          `SELECT data FROM ${schema}.documents WHERE name = $1`,
          [documentName],
        );
        return result.rows[0] ? new Uint8Array(result.rows[0].data) : null;
      },
      store: async ({ documentName, state }) => {
        await pool.query(
          `INSERT INTO ${schema}.documents (name, data) VALUES ($1, $2)
           ON CONFLICT (name) DO UPDATE SET data = EXCLUDED.data`,
          [documentName, state],
        );
      },
    }),
  ],
  async onRequest({ request, response, instance }) {
    if (request.url !== '/bench/clocks') return;
    const clocks: Record<string, number> = {};
    for (const [name, document] of instance.documents) {
      clocks[name] = clockSum(Y.encodeStateVector(document));
    }
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(clocks));
    // An empty rejection stops the later hooks and Hocuspocus' default answer.
    throw null;
  },
});

await server.listen();

// Hocuspocus' own SIGTERM handler (stopOnSignals) stores what is pending, then exits.
