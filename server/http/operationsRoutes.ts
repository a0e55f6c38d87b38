import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../metrics/Metrics';
import type { ScaledHealthReport } from '../scale/ScaledHealth';

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
    /**
     * Scaled mode: PostgreSQL and Redis (see ScaledHealth). PostgreSQL down answers 503 so the
     * load balancer takes this instance out; Redis down is reported and still answers 200.
     */
    services?: () => Promise<ScaledHealthReport>;
  },
): void {
  app.get('/healthz', async (_request, reply) => {
    const storage = options.storage?.() ?? { ok: true, problems: [] };
    const services = options.services ? await options.services() : null;
    const ok = storage.ok && (services?.ok ?? true);
    return reply
      .code(ok ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({
        ok,
        storage: [...storage.problems, ...(services?.problems ?? [])],
        ...(services
          ? { postgres: services.postgres, redis: services.redis, instance: services.instance }
          : {}),
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
