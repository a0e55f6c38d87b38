import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { ServerResponse } from 'node:http';
import { sendText, type RouteHandler } from './routes';

const CONTENT_TYPES = new Map<string, string>([
  ['.html', 'text/html; charset=utf-8'],
  ['.js', 'text/javascript; charset=utf-8'],
  ['.mjs', 'text/javascript; charset=utf-8'],
  ['.css', 'text/css; charset=utf-8'],
  ['.json', 'application/json; charset=utf-8'],
  ['.map', 'application/json; charset=utf-8'],
  ['.webmanifest', 'application/manifest+json'],
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.jpg', 'image/jpeg'],
  ['.jpeg', 'image/jpeg'],
  ['.gif', 'image/gif'],
  ['.webp', 'image/webp'],
  ['.ico', 'image/x-icon'],
  ['.woff', 'font/woff'],
  ['.woff2', 'font/woff2'],
  ['.ttf', 'font/ttf'],
  ['.otf', 'font/otf'],
  ['.txt', 'text/plain; charset=utf-8'],
  ['.wasm', 'application/wasm'],
]);

/** Cache header for files whose names never change content (hashed builds, versioned assets). */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The file under `root` that a URL path names, or null when the path is malformed or escapes
 * `root` (`..`, encoded slashes and NUL bytes are refused, never rewritten into something else).
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

/** Streams a regular file, or returns false when there is none at `file`. */
export async function sendFile(
  method: string | undefined,
  response: ServerResponse,
  file: string,
  cacheControl: string,
): Promise<boolean> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch {
    return false;
  }
  if (!stat.isFile()) return false;
  response.writeHead(200, {
    'Content-Type':
      CONTENT_TYPES.get(path.extname(file).toLowerCase()) ?? 'application/octet-stream',
    'Content-Length': stat.size,
    'Cache-Control': cacheControl,
    'Last-Modified': stat.mtime.toUTCString(),
    'X-Content-Type-Options': 'nosniff',
  });
  if (method === 'HEAD') {
    response.end();
    return true;
  }
  try {
    await pipeline(fs.createReadStream(file), response);
  } catch (error) {
    // A client that stops reading (closed tab, aborted download) is not a server error.
    if ((error as { code?: unknown }).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
  }
  return true;
}

/** Serves files under `root` at `prefix` (e.g. tldraw's fonts and icons) with long cache headers. */
export function assetsRoute(prefix: string, root: string): RouteHandler {
  const absoluteRoot = path.resolve(root);
  return async (request, response, url) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    if (!url.pathname.startsWith(prefix)) return false;
    const file = resolveInside(absoluteRoot, url.pathname.slice(prefix.length));
    if (file && (await sendFile(request.method, response, file, IMMUTABLE))) return true;
    sendText(response, file ? 404 : 400, file ? 'Not found\n' : 'Bad path\n');
    return true;
  };
}

const PLACEHOLDER = `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Papan Rembuk</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><h1>Papan Rembuk</h1><p>Server berjalan. Aplikasi belum dibangun (<code>npm run build</code>).</p></body></html>
`;

/** Paths the single-page app never owns, so they 404 instead of returning index.html. */
const NOT_APP = ['/api/', '/sync/', '/tldraw-assets/', '/healthz', '/metrics'];

/**
 * Serves the built client from `root`: files as they are (hashed `/assets/*` cached for a year),
 * and index.html for any other GET (the app's own routes, e.g. `/b/<boardId>`), or a placeholder
 * page when the client has not been built.
 */
export function clientRoute(root: string): RouteHandler {
  const absoluteRoot = path.resolve(root);
  return async (request, response, url) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    if (NOT_APP.some((prefix) => url.pathname.startsWith(prefix))) return false;
    const file = resolveInside(absoluteRoot, url.pathname);
    if (!file) {
      sendText(response, 400, 'Bad path\n');
      return true;
    }
    const cache = url.pathname.startsWith('/assets/') ? IMMUTABLE : 'no-cache';
    if (url.pathname !== '/' && (await sendFile(request.method, response, file, cache))) {
      return true;
    }
    // A missing file with an extension is a real 404, not an app route.
    if (path.extname(url.pathname) !== '' && !url.pathname.startsWith('/b/')) return false;
    const index = path.join(absoluteRoot, 'index.html');
    if (await sendFile(request.method, response, index, 'no-cache')) return true;
    sendText(response, 200, PLACEHOLDER, 'text/html; charset=utf-8');
    return true;
  };
}
