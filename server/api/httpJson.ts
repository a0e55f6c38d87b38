import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiErrorCode } from '../../shared/apiErrors';

export type { ApiErrorCode };

const STATUS: Record<ApiErrorCode, number> = {
  'bad-request': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  'payload-too-large': 413,
  'rate-limited': 429,
  'invalid-gazetteer': 422,
  internal: 500,
};

/** An error that becomes `{ error: { code, message, details? } }` with the code's status. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }

  get status(): number {
    return STATUS[this.code];
  }
}

/** Sends a JSON body. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Sends an ApiError as JSON. */
export function sendError(res: ServerResponse, error: ApiError): void {
  const body: { error: { code: ApiErrorCode; message: string; details?: unknown } } = {
    error: { code: error.code, message: error.message },
  };
  if (error.details !== undefined) body.error.details = error.details;
  sendJson(res, error.status, body, error.headers);
}

/** Reads a request body as text, refusing bodies over `maxBytes` with 413. */
export async function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) throw new ApiError('payload-too-large', `Body over ${maxBytes} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > maxBytes) throw new ApiError('payload-too-large', `Body over ${maxBytes} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a JSON body; malformed JSON is a 400. An empty body reads as {}. */
export async function readJson(req: IncomingMessage, maxBytes = 64 * 1024): Promise<unknown> {
  const text = await readBody(req, maxBytes);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError('bad-request', 'Body is not valid JSON');
  }
}

/** The bearer token of a request: the Authorization header, else the `token` query parameter. */
export function bearerToken(req: IncomingMessage, url: URL): string | null {
  const header = req.headers.authorization;
  if (typeof header === 'string') {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (match?.[1]) return match[1];
  }
  return url.searchParams.get('token');
}

/** The client address for rate limits. Proxies are not trusted: the hall runs without one. */
export function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}
