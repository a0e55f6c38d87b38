import { startPapan, type PapanOptions, type RunningPapan } from '../../server/startPapan';
import { testConfig } from './testConfig';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestPapan {
  papan: RunningPapan;
  url: string;
  syncUrl: string;
  dataDir: string;
  /** fetch against the server with an optional bearer token. */
  api(
    path: string,
    init?: { method?: string; token?: string | null; body?: unknown },
  ): Promise<Response>;
  close(options?: { keepData?: boolean }): Promise<void>;
}

/** Starts the whole application (events, tokens, API, demo event) on 127.0.0.1:0 with a temp DATA_DIR. */
export async function startTestPapan(
  options: { env?: Record<string, string>; dataDir?: string } & Omit<
    PapanOptions,
    'config' | 'logger'
  > = {},
): Promise<TestPapan> {
  const { env = {}, dataDir: givenDir, ...rest } = options;
  const { config, logger, dataDir, removeTemp } = testConfig({ env, dataDir: givenDir });
  const papan = await startPapan({
    config,
    logger,
    adminToken: TEST_ADMIN_TOKEN,
    ...rest,
  });
  return {
    papan,
    url: papan.url,
    syncUrl: `${papan.url.replace(/^http/, 'ws')}/sync`,
    dataDir,
    api(path, init = {}) {
      const headers: Record<string, string> = {};
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      if (init.body !== undefined) headers['content-type'] = 'application/json';
      return fetch(`${papan.url}${path}`, {
        method: init.method ?? (init.body !== undefined ? 'POST' : 'GET'),
        headers,
        body:
          init.body === undefined
            ? undefined
            : typeof init.body === 'string'
              ? init.body
              : JSON.stringify(init.body),
      });
    },
    async close({ keepData = false } = {}) {
      await papan.close();
      if (!keepData) removeTemp();
    },
  };
}
