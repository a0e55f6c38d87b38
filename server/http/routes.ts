import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A plain Node http handler, for callers of startServer that answer a path by hand. Returns true
 * when it handled (answered) the request, false to let the app route it. New routes are Fastify
 * routes (see createHttpApp and server/api/ApiRoute.ts); this stays for tests and tools.
 */
export type RouteHandler = (
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
) => boolean | Promise<boolean>;
