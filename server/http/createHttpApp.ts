import compress from '@fastify/compress';
import helmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { parseJsonBody } from '../api/apiRequest';
import { frameworkError, installErrorHandlers } from './httpErrors';
import type { RouteHandler } from './routes';
import { SECURITY_HEADERS } from './securityHeaders';

/** Request bodies larger than this are refused with 413 unless a route allows more. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/**
 * The Fastify app with its plumbing and no routes yet: security headers on every answer,
 * compression of dynamic answers (brotli or gzip, over 1 KiB), `reply.sendFile` for static files
 * (precompressed siblings preferred), one JSON body parser, and our error shapes. `rawRoutes`
 * are plain Node handlers tried before any route (kept for callers of startServer that pass them).
 */
export async function createHttpApp(options: {
  logger: Logger;
  rawRoutes?: readonly RouteHandler[];
}): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: DEFAULT_BODY_LIMIT,
    // Sockets and SSE streams are cut on close; rooms are flushed before that (startServer).
    forceCloseConnections: true,
    frameworkErrors: frameworkError,
  });
  installErrorHandlers(app, options.logger);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    done(null, parseJsonBody(body as string));
  });
  await app.register(helmet, SECURITY_HEADERS);
  await app.register(compress, { global: true, encodings: ['br', 'gzip'], threshold: 1024 });
  await app.register(fastifyStatic, { serve: false, preCompressed: true });

  const rawRoutes = options.rawRoutes ?? [];
  if (rawRoutes.length > 0) {
    app.addHook('onRequest', async (request, reply) => {
      const url = new URL(request.url, 'http://localhost');
      for (const route of rawRoutes) {
        if (await route(request.raw, reply.raw, url)) {
          reply.hijack();
          return;
        }
      }
    });
  }
  return app;
}
