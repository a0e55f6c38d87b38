import type { Metrics } from '../metrics/Metrics';
import { sendJson, sendText, type RouteHandler } from './routes';

/** `GET /healthz` (JSON) and `GET /metrics` (Prometheus text). */
export function operationsRoutes(options: {
  metrics: Metrics;
  startedAt: number;
  rooms: () => number;
  connections: () => number;
}): RouteHandler {
  return (request, response, url) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    if (url.pathname === '/healthz') {
      sendJson(response, 200, {
        ok: true,
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
