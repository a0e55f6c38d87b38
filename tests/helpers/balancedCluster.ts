import { haproxyInstalled, HaproxyProcess } from './haproxyProcess';
import { dropSchemas, killAll, startCluster } from './scaledCluster';
import { scaledServicesAvailable, TEST_REDIS_URL, uniqueSchema } from './scaledServices';
import type { ServerProcess } from './serverProcess';
import { makeTempDir } from './tempDir';

/** Instances of the scaled mode behind a real HAProxy, as a deployment runs them. */
export interface BalancedCluster {
  instances: ServerProcess[];
  haproxy: HaproxyProcess;
  /** The PostgreSQL schema the instances share. */
  schema: string;
  /** HAProxy's server name of instance `index` (papan1, papan2...). */
  serverName(index: number): string;
  close(): Promise<void>;
}

/**
 * Whether PostgreSQL, Redis and HAProxy are all here. Like the scaled-mode tests: skipped with a
 * line saying why, or a failure under PAPAN_REQUIRE_SCALED=1.
 */
export async function balancedClusterAvailable(): Promise<boolean> {
  if (!(await scaledServicesAvailable({ redis: true }))) return false;
  if (await haproxyInstalled()) return true;
  const why = 'the load-balancer tests need HAProxy (apt-get install haproxy), which is missing';
  if (process.env.PAPAN_REQUIRE_SCALED === '1') throw new Error(`${why} (PAPAN_REQUIRE_SCALED=1)`);
  console.warn(`Skipping: ${why}. Set HAPROXY_PATH if it is installed elsewhere.`);
  return false;
}

/**
 * Starts `count` instances (one PostgreSQL schema, the shared Redis, a DATA_DIR each under one
 * temp directory) and HAProxy from deploy/haproxy.cfg in front,
 * with the test pin cookie enabled (see balancerConfig).
 */
export async function startBalancedCluster(
  count: number,
  options: { balance?: string; env?: Record<string, string> } = {},
): Promise<BalancedCluster> {
  const schema = uniqueSchema('papan_lb');
  const temp = makeTempDir();
  const instances: ServerProcess[] = [];
  let haproxy: HaproxyProcess | null = null;
  const close = async () => {
    await haproxy?.stop();
    await killAll(instances);
    await dropSchemas([schema]);
    temp.remove();
  };
  try {
    instances.push(
      ...(await startCluster(
        { schema, dataDir: temp.dir, redisUrl: TEST_REDIS_URL, env: options.env ?? {} },
        count,
      )),
    );
    const serverName = (index: number) => `papan${index + 1}`;
    haproxy = await HaproxyProcess.start(
      instances.map((instance, index) => ({ name: serverName(index), url: instance.url })),
      { pin: true, ...(options.balance ? { balance: options.balance } : {}) },
    );
    return { instances, haproxy, schema, serverName, close };
  } catch (error) {
    await close();
    throw error;
  }
}
