import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { ApiError } from '../api/ApiError';
import { isDatabaseUnreachable } from '../store/databaseUnreachable';

/** Paths the single-page app never owns, so they 404 instead of returning index.html. */
const NOT_APP = ['/api/', '/sync/', '/tldraw-assets/', '/healthz', '/metrics'];

/** Whether a path may be one of the app's own pages (or a file of the built client). */
export function isAppPath(urlPath: string): boolean {
  return !NOT_APP.some((prefix) => urlPath.startsWith(prefix));
}

function isApi(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

/** Answers an API error as `{ error: { code, message, details? } }`. */
export function sendApiError(reply: FastifyReply, error: ApiError): FastifyReply {
  return reply
    .code(error.status)
    .headers({ 'cache-control': 'no-store', ...error.headers })
    .type('application/json; charset=utf-8')
    .send(error.toBody());
}

function sendPlain(reply: FastifyReply, status: number, text: string): FastifyReply {
  return reply
    .code(status)
    .type('text/plain; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(text);
}

/** What a Fastify error (body parsing, framework checks) means in our error codes. */
function toApiError(error: FastifyError, request: FastifyRequest): ApiError | null {
  if (error instanceof ApiError) return error;
  if (isDatabaseUnreachable(error)) {
    return new ApiError(
      'unavailable',
      'Database unreachable; nothing was lost, try again',
      undefined,
      {
        'retry-after': '5',
      },
    );
  }
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || error.statusCode === 413) {
    return new ApiError('payload-too-large', `Body over ${request.routeOptions.bodyLimit} bytes`);
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new ApiError('bad-request', error.message);
  }
  return null;
}

/**
 * Errors and unknown paths: under /api as our JSON errors, elsewhere as short plain text. An
 * unexpected error is logged and answers 500 without details.
 */
export function installErrorHandlers(app: FastifyInstance, logger: Logger): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (reply.sent || reply.raw.headersSent) {
      reply.raw.destroy();
      return;
    }
    const known = toApiError(error, request);
    if (!known) logger.error({ err: error, url: request.url }, 'request failed');
    else if (known.code === 'unavailable') {
      logger.warn({ err: error, url: request.url }, 'database unreachable');
    }
    if (isApi(request))
      return sendApiError(reply, known ?? new ApiError('internal', 'Internal error'));
    if (known) return sendPlain(reply, known.status, `${known.message}\n`);
    return sendPlain(reply, 500, 'Internal server error\n');
  });
  app.setNotFoundHandler((request, reply) => {
    if (isApi(request)) return sendApiError(reply, new ApiError('not-found', 'No such API path'));
    return sendPlain(reply, 404, 'Not found\n');
  });
}

/** Fastify's own refusals before routing (a path that does not decode): 400 in our shapes. */
export function frameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (isApi(request)) return sendApiError(reply, new ApiError('bad-request', 'Alamat tidak sah'));
  if (error.statusCode === 400 || error.code === 'FST_ERR_BAD_URL') {
    return sendPlain(reply, 400, 'Bad path\n');
  }
  return sendPlain(reply, error.statusCode ?? 500, 'Bad request\n');
}
