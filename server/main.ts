import { pathToFileURL } from 'node:url';
import { loadConfig } from './config';
import { createLogger } from './logger';
import { startServer } from './startServer';

export { startServer } from './startServer';
export type { RunningServer, StartServerOptions } from './startServer';

/** Runs the server from the environment until SIGTERM/SIGINT, then shuts down gracefully. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  }
  const logger = createLogger(config.logLevel);
  const server = await startServer({ config, logger });
  const shown = config.publicUrl ?? server.url.replace('://0.0.0.0:', '://localhost:');
  console.log(`Papan Rembuk berjalan di ${shown} (listening on ${server.url})`);

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // A stuck shutdown must not keep the port forever.
    setTimeout(() => process.exit(1), 10_000).unref();
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(entry).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
