import type { RouteHandler } from './routes';

/**
 * `GET /config.js`: the run-time configuration the client reads before it starts
 * (`window.__PAPAN_CONFIG__`). The tldraw license key reaches tldraw this way, untouched; without
 * a key the field is absent and tldraw applies its own rules.
 */
export function runtimeConfigRoute(config: { tldrawLicenseKey: string | null }): RouteHandler {
  const payload: Record<string, string> = {};
  if (config.tldrawLicenseKey) payload.tldrawLicenseKey = config.tldrawLicenseKey;
  // JSON is valid JavaScript; escaping `<` keeps a hostile value from closing a script tag.
  const body = `window.__PAPAN_CONFIG__ = ${JSON.stringify(payload).replace(/</g, '\\u003c')};\n`;
  return (request, response, url) => {
    if (url.pathname !== '/config.js' || (request.method !== 'GET' && request.method !== 'HEAD'))
      return false;
    response.writeHead(200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      'Cache-Control': 'no-store',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
    return true;
  };
}
