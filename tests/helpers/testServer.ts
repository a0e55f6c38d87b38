import pino from 'pino';
import { loadConfig } from '../../server/config';
import { startServer, type RunningServer, type StartServerOptions } from '../../server/startServer';
import { makeTempDir } from './tempDir';

export interface TestServer {
  server: RunningServer;
  /** Base URL for WebsocketProvider: `ws://127.0.0.1:<port>/sync`. */
  syncUrl: string;
  dataDir: string;
  /** Stops the server (and, unless `keepData`, deletes its data directory). */
  close(options?: { keepData?: boolean }): Promise<void>;
}

/**
 * Starts a real server on 127.0.0.1, port 0, with a temp DATA_DIR (or `dataDir`) and silent logs.
 * `env` overrides configuration variables, e.g. `{ MAX_DOC_BYTES: '4096' }`.
 */
export async function startTestServer(
  options: { env?: Record<string, string>; dataDir?: string } & Omit<
    StartServerOptions,
    'config' | 'logger'
  > = {},
): Promise<TestServer> {
  const { env = {}, dataDir: givenDir, ...rest } = options;
  const temp = givenDir ? null : makeTempDir();
  const dataDir = givenDir ?? temp?.dir ?? '';
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...env,
  });
  const server = await startServer({
    config,
    logger: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    ...rest,
  });
  return {
    server,
    syncUrl: `${server.url.replace(/^http/, 'ws')}/sync`,
    dataDir,
    async close({ keepData = false } = {}) {
      await server.close();
      if (!keepData) temp?.remove();
    },
  };
}
