import path from 'node:path';
import pg from 'pg';
import * as Y from 'yjs';
import { PgDocStore } from '../../server/store/PgDocStore';
import { TEST_DATABASE_URL } from './scaledServices';
import { spawnServer, type ServerProcess } from './serverProcess';

export const CLUSTER_ADMIN_TOKEN = 'scaled-test-admin-token';

/** What every instance of one test cluster shares. */
export interface ClusterSettings {
  schema: string;
  /** A directory under which each instance gets a DATA_DIR of its own (nothing is shared there). */
  dataDir: string;
  redisUrl: string | null;
  databaseUrl?: string;
  env?: Record<string, string>;
}

/** Starts one instance of the cluster as a real child process. */
export function startInstance(
  settings: ClusterSettings,
  name: string,
  overrides: Record<string, string> = {},
): Promise<ServerProcess> {
  return spawnServer(
    {
      DATA_DIR: path.join(settings.dataDir, name),
      DATABASE_URL: settings.databaseUrl ?? TEST_DATABASE_URL,
      DATABASE_SCHEMA: settings.schema,
      ...(settings.redisUrl ? { REDIS_URL: settings.redisUrl } : {}),
      INSTANCE_ID: name,
      PAPAN_ADMIN_TOKEN: CLUSTER_ADMIN_TOKEN,
      ROOM_IDLE_MS: '60000',
      ...settings.env,
      ...overrides,
    },
    // Several instances start while others run, on a shared 2-core machine.
    { startTimeoutMs: 60_000 },
  );
}

/** Starts `count` instances; the first alone, so only it seeds the demo event. */
export async function startCluster(settings: ClusterSettings, count: number) {
  const first = await startInstance(settings, 'i1');
  const rest = await Promise.all(
    Array.from({ length: count - 1 }, (_, i) => startInstance(settings, `i${i + 2}`)),
  );
  return [first, ...rest];
}

/** The board as PostgreSQL holds it, rebuilt into a fresh Y.Doc. */
export async function docFromPostgres(schema: string, boardId: string): Promise<Y.Doc> {
  const store = await PgDocStore.open({ connectionString: TEST_DATABASE_URL, schema });
  try {
    const stored = await store.load(boardId);
    const doc = new Y.Doc();
    if (stored?.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const { update } of stored?.updates ?? []) Y.applyUpdate(doc, update);
    return doc;
  } finally {
    await store.close();
  }
}

/** A card map as comparable data: sorted card ids with their texts. */
export function cardTexts(doc: Y.Doc): string {
  const cards = doc.getMap<Y.Map<unknown>>('cards');
  return JSON.stringify(
    [...cards.keys()].sort().map((id) => [id, cards.get(id)?.get('text') ?? null]),
  );
}

/** Stops every instance still running (SIGKILL: the tests are about crashes anyway). */
export async function killAll(processes: ServerProcess[]): Promise<void> {
  for (const p of processes.splice(0)) {
    if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
    await p.exited;
  }
}

/** Drops test schemas. */
export async function dropSchemas(schemas: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    for (const schema of schemas.splice(0)) {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    }
  } finally {
    await client.end();
  }
}
