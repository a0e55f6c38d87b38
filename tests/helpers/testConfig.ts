import pino, { type Logger } from 'pino';
import { loadConfig, type Config } from '../../server/config';
import { makeTempDir } from './tempDir';

/**
 * What every test server needs: a config on 127.0.0.1 port 0 with a temp DATA_DIR (or the one
 * given), silent logs unless TEST_LOG_LEVEL says otherwise, and `env` overrides.
 */
export function testConfig(options: { env?: Record<string, string>; dataDir?: string }): {
  config: Config;
  logger: Logger;
  dataDir: string;
  removeTemp: () => void;
} {
  const temp = options.dataDir ? null : makeTempDir();
  const dataDir = options.dataDir ?? temp?.dir ?? '';
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
  return { config, logger, dataDir, removeTemp: () => temp?.remove() };
}
