import type { FastifyRequest } from 'fastify';
import { ApiError } from './ApiError';

/** What the body parser leaves for a body that is not JSON; reading it answers 400. */
const INVALID_JSON = Symbol('invalid JSON');

/**
 * The app's one body parser, for every content type: JSON, an empty body as {}, and anything
 * else kept as INVALID_JSON. Rejecting it here would answer 400 before the token is checked;
 * the routes check the token first, so a caller without one learns nothing about the body.
 */
export function parseJsonBody(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return INVALID_JSON;
  }
}

/** The JSON body of a request ({} when there is none); 400 when it was not valid JSON. */
export function jsonBody(request: FastifyRequest): unknown {
  if (request.body === INVALID_JSON) throw new ApiError('bad-request', 'Body is not valid JSON');
  return request.body ?? {};
}

/** The bearer token of a request: the Authorization header, else the `token` query parameter. */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (match?.[1]) return match[1];
  }
  const query = request.query as Record<string, unknown> | undefined;
  const token = query?.token;
  if (typeof token === 'string') return token;
  if (Array.isArray(token) && typeof token[0] === 'string') return token[0];
  return null;
}

/** The client address for rate limits. Proxies are not trusted: the hall runs without one. */
export function clientAddress(request: FastifyRequest): string {
  return request.raw.socket.remoteAddress ?? 'unknown';
}
