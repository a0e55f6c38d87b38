import { pathToFileURL } from 'node:url';
import { loadConfig } from './config';
import { createLogger } from './logger';
import { startPapan } from './startPapan';

export { startServer } from './startServer';
export type { RunningServer, StartServerOptions } from './startServer';
export { startPapan } from './startPapan';
export type { RunningPapan, PapanOptions } from './startPapan';

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
  const server = await startPapan({
    config,
    logger,
    adminToken: process.env.PAPAN_ADMIN_TOKEN?.trim() || null,
  });
  console.log(`Papan Rembuk berjalan di ${server.app.publicUrl} (listening on ${server.url})`);
  if (server.staffLink) {
    console.log(
      `Acara demo dibuat. Tautan staf (simpan; hanya ditampilkan sekali):\n  ${server.staffLink}`,
    );
  }

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
