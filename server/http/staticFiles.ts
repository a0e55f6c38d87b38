import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isAppPath } from './httpErrors';

/** Cache header for files whose names never change content (hashed builds, versioned assets). */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
const ONE_YEAR_MS = 31_536_000_000;

/**
 * The file under `root` that a URL path names, or null when the path is malformed or escapes
 * `root` (`..`, encoded slashes and NUL bytes are refused, never rewritten into something else).
 * @fastify/static refuses these too; checking first keeps our answer a plain 400 for every probe.
 */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const segments = decoded.split('/').filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) return null;
  const full = path.resolve(root, ...segments);
  return full === root || full.startsWith(root + path.sep) ? full : null;
}

/** The path of a request as it came on the wire (still percent-encoded), without the query. */
function rawPath(request: FastifyRequest): string {
  const url = request.url;
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.promises.stat(file)).isFile();
  } catch {
    return false;
  }
}

/**
 * Sends `file` (inside `root`) through @fastify/static: ETag and Last-Modified with 304s, ranges,
 * and the precompressed `.br`/`.gz` sibling when the client accepts it (with Vary: Accept-Encoding).
 */
function sendInside(reply: FastifyReply, root: string, file: string, immutable: boolean) {
  // Percent-encode each segment again: @fastify/static decodes the path it is given once more.
  const relative = path
    .relative(root, file)
    .split(path.sep)
    .map((segment) => encodeURIComponent(segment))
    .join('/');
  if (!immutable) reply.header('cache-control', 'no-cache');
  return reply.sendFile(
    relative,
    root,
    immutable
      ? { cacheControl: true, maxAge: ONE_YEAR_MS, immutable: true }
      : { cacheControl: false },
  );
}

/**
 * JavaScript as `text/javascript` (RFC 9239), whatever the mime table of @fastify/static says,
 * also on the precompressed copy.
 */
async function javascriptType(_request: FastifyRequest, reply: FastifyReply, payload: unknown) {
  const type = reply.getHeader('content-type');
  if (typeof type === 'string' && type.startsWith('application/javascript')) {
    reply.header('content-type', 'text/javascript; charset=utf-8');
  }
  return payload;
}

function badPath(reply: FastifyReply) {
  return reply
    .code(400)
    .type('text/plain; charset=utf-8')
    .header('cache-control', 'no-store')
    .send('Bad path\n');
}

/** Serves files under `root` at `prefix` (e.g. tldraw's fonts and icons) with long cache headers. */
export function registerAssets(app: FastifyInstance, prefix: string, root: string): void {
  const absoluteRoot = path.resolve(root);
  app.get(`${prefix}*`, { compress: false, onSend: javascriptType }, (request, reply) => {
    const file = resolveInside(absoluteRoot, rawPath(request).slice(prefix.length));
    if (!file) return badPath(reply);
    return sendInside(reply, absoluteRoot, file, true);
  });
}

const PLACEHOLDER = `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Papan Rembuk</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><h1>Papan Rembuk</h1><p>Server berjalan. Aplikasi belum dibangun (<code>npm run build</code>).</p></body></html>
`;

/**
 * Serves the built client from `root`: files as they are (hashed `/assets/*` cached for a year,
 * everything else revalidated), and index.html for any other GET (the app's own routes; for a
 * board, `/b/<boardId>`, board.html, which also preloads the board's chunks), or a placeholder page when the client has not been built. Compressed only
 * from the `.br`/`.gz` files made at build time, never on the fly: a join storm must not cost
 * 160 brotli runs of the bundle.
 */
export function registerClient(app: FastifyInstance, root: string): void {
  const absoluteRoot = path.resolve(root);
  app.get('/*', { compress: false, onSend: javascriptType }, async (request, reply) => {
    const urlPath = rawPath(request);
    if (!isAppPath(urlPath)) return reply.callNotFound();
    const file = resolveInside(absoluteRoot, urlPath);
    if (!file) return badPath(reply);
    if (urlPath !== '/' && (await isFile(file))) {
      return sendInside(reply, absoluteRoot, file, urlPath.startsWith('/assets/'));
    }
    // A missing file with an extension is a real 404, not an app route.
    if (path.extname(urlPath) !== '' && !urlPath.startsWith('/b/')) return reply.callNotFound();
    // A board's page asks for the board's code from its first bytes (board.html, see
    // vite.config.ts); every other page is index.html and loads no board code.
    const board = path.join(absoluteRoot, 'board.html');
    if (urlPath.startsWith('/b/') && (await isFile(board))) {
      return sendInside(reply, absoluteRoot, board, false);
    }
    const index = path.join(absoluteRoot, 'index.html');
    if (await isFile(index)) return sendInside(reply, absoluteRoot, index, false);
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(PLACEHOLDER);
  });
}
