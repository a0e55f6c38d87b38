import type { Metrics } from '../metrics/Metrics';
import { sendJson, sendText, type RouteHandler } from './routes';

/** `GET /healthz` (JSON) and `GET /metrics` (Prometheus text). */
export function operationsRoutes(options: {
  metrics: Metrics;
  startedAt: number;
  rooms: () => number;
  connections: () => number;
  /** Storage health (see StorageHealth); /healthz answers 503 with its problems when not ok. */
  storage?: () => { ok: boolean; problems: string[] };
}): RouteHandler {
  return (request, response, url) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    if (url.pathname === '/healthz') {
      const storage = options.storage?.() ?? { ok: true, problems: [] };
      sendJson(response, storage.ok ? 200 : 503, {
        ok: storage.ok,
        storage: storage.problems,
        uptimeSeconds: Math.round((Date.now() - options.startedAt) / 1000),
        rooms: options.rooms(),
        connections: options.connections(),
      });
      return true;
    }
    if (url.pathname === '/metrics') {
      sendText(response, 200, options.metrics.render(), 'text/plain; version=0.0.4; charset=utf-8');
      return true;
    }
    return false;
  };
}
