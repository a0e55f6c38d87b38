import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './ApiError';

/** Path parameters and query strings are untrusted text; a name may be absent. */
export interface ApiRouteTypes {
  Params: Record<string, string | undefined>;
  Querystring: Record<string, string | string[] | undefined>;
  Body: unknown;
}

export type ApiRequest = FastifyRequest<ApiRouteTypes>;

/** One `/api/*` route: a Fastify route with our request types. */
export interface ApiRoute {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** A Fastify path with `:name` parameters, e.g. `/api/events/:eventId`. */
  url: string;
  /** Largest body this route reads; the app's default (64 KiB) otherwise. */
  bodyLimit?: number;
  handler(request: ApiRequest, reply: FastifyReply): unknown;
}

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;

/** API answers are about now and about one token: never cached. A route may say otherwise. */
async function noStore(_request: FastifyRequest, reply: FastifyReply): Promise<void> {
  reply.header('cache-control', 'no-store');
}

/**
 * Registers API routes on `app`. A path that exists with another method answers 400 ("method not
 * allowed here") rather than 404, as the API always has.
 */
export function registerApiRoutes(app: FastifyInstance, routes: readonly ApiRoute[]): void {
  const methodsByUrl = new Map<string, Set<string>>();
  for (const route of routes) {
    app.route<ApiRouteTypes>({
      method: route.method,
      url: route.url,
      bodyLimit: route.bodyLimit,
      onRequest: noStore,
      handler: route.handler,
    });
    const methods = methodsByUrl.get(route.url) ?? new Set<string>();
    methods.add(route.method);
    methodsByUrl.set(route.url, methods);
  }
  for (const [url, methods] of methodsByUrl) {
    const others = METHODS.filter((m) => !methods.has(m));
    if (others.length === 0) continue;
    app.route({
      method: others,
      url,
      handler(request) {
        throw new ApiError('bad-request', `Method ${request.method} not allowed here`);
      },
    });
  }
}
