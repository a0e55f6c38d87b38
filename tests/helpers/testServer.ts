import { startServer, type RunningServer, type StartServerOptions } from '../../server/startServer';
import { testConfig } from './testConfig';

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
  const { config, logger, dataDir, removeTemp } = testConfig({ env, dataDir: givenDir });
  const server = await startServer({
    config,
    logger,
    ...rest,
  });
  return {
    server,
    syncUrl: `${server.url.replace(/^http/, 'ws')}/sync`,
    dataDir,
    async close({ keepData = false } = {}) {
      await server.close();
      if (!keepData) removeTemp();
    },
  };
}
