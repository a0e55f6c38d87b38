import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../metrics/Metrics';

/** `GET /healthz` (JSON) and `GET /metrics` (Prometheus text). */
export function registerOperationsRoutes(
  app: FastifyInstance,
  options: {
    metrics: Metrics;
    startedAt: number;
    rooms: () => number;
    connections: () => number;
    /** Storage health (see StorageHealth); /healthz answers 503 with its problems when not ok. */
    storage?: () => { ok: boolean; problems: string[] };
  },
): void {
  app.get('/healthz', (_request, reply) => {
    const storage = options.storage?.() ?? { ok: true, problems: [] };
    return reply
      .code(storage.ok ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({
        ok: storage.ok,
        storage: storage.problems,
        uptimeSeconds: Math.round((Date.now() - options.startedAt) / 1000),
        rooms: options.rooms(),
        connections: options.connections(),
      });
  });
  app.get('/metrics', (_request, reply) =>
    reply
      .header('cache-control', 'no-store')
      .type('text/plain; version=0.0.4; charset=utf-8')
      .send(options.metrics.render()),
  );
}
