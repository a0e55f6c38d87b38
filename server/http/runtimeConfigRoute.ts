import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';

/**
 * `GET /config.js`: the run-time configuration the client reads before it starts
 * (`window.__PAPAN_CONFIG__`). The tldraw license key reaches tldraw this way, untouched; without
 * a key the field is absent and tldraw applies its own rules. Revalidated on every load
 * (no-cache with an ETag), so a changed key is seen at the next reload.
 */
export function registerRuntimeConfigRoute(
  app: FastifyInstance,
  config: { tldrawLicenseKey: string | null },
): void {
  const payload: Record<string, string> = {};
  if (config.tldrawLicenseKey) payload.tldrawLicenseKey = config.tldrawLicenseKey;
  // JSON is valid JavaScript; escaping `<` keeps a hostile value from closing a script tag.
  const body = `window.__PAPAN_CONFIG__ = ${JSON.stringify(payload).replace(/</g, '\\u003c')};\n`;
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
  app.get('/config.js', (request, reply) => {
    reply
      .type('text/javascript; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('etag', etag);
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.send(body);
  });
}
