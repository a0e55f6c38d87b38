import net from 'node:net';
import pg from 'pg';
import * as Y from 'yjs';
import type { BenchServer, ServerKind } from './BenchServer';
import { clockSum } from './clockSum';
import type { ScenarioContext } from './scenario';

/** Where the scaled-mode scenarios find PostgreSQL and Redis (as bench/scenarios/scaled.ts). */
export const BENCH_DATABASE_URL =
  process.env.PAPAN_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const BENCH_REDIS_URL = process.env.PAPAN_BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';

function answers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    socket.setTimeout(1000, () => (socket.destroy(), resolve(false)));
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/** Null when PostgreSQL and Redis answer, else the note to print instead of figures. */
export async function scaledServicesMissing(): Promise<string | null> {
  if ((await answers(BENCH_DATABASE_URL)) && (await answers(BENCH_REDIS_URL))) return null;
  return `Skipped: PostgreSQL (${BENCH_DATABASE_URL}) or Redis (${BENCH_REDIS_URL}) did not answer.`;
}

/** A schema name of its own for one measurement. */
export function benchSchema(tag: string): string {
  return `papan_bench_${tag}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Starts `count` scaled-mode instances on one PostgreSQL schema and Redis, one after the other.
 * Ours: each with a DATA_DIR of its own (events and tokens live in PostgreSQL too); the first
 * starts alone so only it seeds the demo event. Hocuspocus: bench/peers/hocuspocusRedisServer.ts
 * (Redis extension, documents in a table of the schema, Redis channels prefixed by the schema).
 */
export async function startInstances(
  ctx: ScenarioContext,
  count: number,
  schema: string,
  kind: ServerKind = 'ours',
): Promise<BenchServer[]> {
  const env = {
    DATABASE_URL: BENCH_DATABASE_URL,
    DATABASE_SCHEMA: schema,
    REDIS_URL: BENCH_REDIS_URL,
    ROOM_IDLE_MS: '600000',
    REDIS_PREFIX: schema,
  };
  if (kind === 'reference') throw new Error('the reference server has no scaled mode');
  const servers: BenchServer[] = [];
  try {
    for (let i = 1; i <= count; i++) {
      servers.push(
        await ctx.startServer(kind, {
          env: { ...env, INSTANCE_ID: `${schema}-${i}` },
          hocuspocusPeer: 'redis',
        }),
      );
    }
  } catch (error) {
    await stopInstances(servers, schema);
    throw error;
  }
  return servers;
}

/** Stops the instances, removes their data directories and drops their schema. */
export async function stopInstances(servers: BenchServer[], schema: string): Promise<void> {
  for (const server of [...servers].reverse()) await server.stop();
  for (const server of servers) server.cleanup();
  const client = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  try {
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } catch {
    // A schema left behind is only clutter in a test database.
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Hocuspocus+Redis: per document, the clock sum of the state stored in PostgreSQL by
 * bench/peers/hocuspocusRedisServer.ts (0 for documents not stored yet).
 */
export async function storedClocks(schema: string, names: string[]): Promise<number[]> {
  const client = new pg.Client({ connectionString: BENCH_DATABASE_URL });
  await client.connect();
  try {
    const result = await client.query<{ name: string; data: Buffer }>(
      `SELECT name, data FROM ${schema}.documents WHERE name = ANY($1)`,
      [names],
    );
    const byName = new Map(
      result.rows.map((row) => [row.name, clockSum(Y.encodeStateVectorFromUpdate(row.data))]),
    );
    return names.map((name) => byName.get(name) ?? 0);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Hocuspocus+Redis: per document, the highest clock sum any of the instances holds in memory. */
export async function liveClocks(servers: BenchServer[], names: string[]): Promise<number[]> {
  const all = await Promise.all(servers.map((server) => server.hocuspocusClocks()));
  return names.map((name) => Math.max(0, ...all.map((clocks) => clocks[name] ?? 0)));
}
