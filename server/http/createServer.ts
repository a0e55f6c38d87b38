import http from 'node:http';
import type { Logger } from 'pino';
import type { SyncEndpoint } from '../sync/SyncEndpoint';
import { sendText, type RouteHandler } from './routes';

/**
 * The http server: each request goes through `routes` in order until one handles it (404
 * otherwise); websocket upgrades go to the sync endpoint.
 */
export function createServer(options: {
  routes: readonly RouteHandler[];
  syncEndpoint: SyncEndpoint;
  logger: Logger;
}): http.Server {
  const { routes, syncEndpoint, logger } = options;
  const server = http.createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger.error({ err: error, url: request.url }, 'request failed');
      if (!response.headersSent) sendText(response, 500, 'Internal server error\n');
      else response.destroy();
    });
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse) {
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://localhost');
    } catch {
      sendText(response, 400, 'Bad request\n');
      return;
    }
    for (const route of routes) {
      if (await route(request, response, url)) return;
    }
    sendText(response, 404, 'Not found\n');
  }

  server.on('upgrade', (request, socket, head) => {
    syncEndpoint.handleUpgrade(request, socket, head).catch((error: unknown) => {
      logger.error({ err: error }, 'upgrade failed');
      socket.destroy();
    });
  });
  return server;
}
