import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { REPO_ROOT, type ServerKind } from '../lib/BenchServer';
import { ProcSampler } from '../lib/procStats';
import { round, withServer, type ScenarioContext, type ScenarioResult } from '../lib/scenario';

/** The part of autocannon's result we read (the package ships no types). */
interface CannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  throughput: { average: number };
  non2xx: number;
  errors: number;
}
type Cannon = (options: {
  url: string;
  connections: number;
  duration: number;
  headers?: Record<string, string>;
}) => Promise<CannonResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Cannon;

/** The largest hashed bundle of the built client, or a tldraw font when the client is not built. */
function staticAssetPath(): string {
  const assets = path.join(REPO_ROOT, 'client', 'dist', 'assets');
  if (existsSync(assets)) {
    const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
    if (js[0]) return `/assets/${js.sort()[0]}`;
  }
  return '/tldraw-assets/fonts/IBMPlexMono-Bold.woff2';
}

/**
 * HTTP of our server under autocannon: the console's `GET /api/events/:id/live` (demo event,
 * eight boards) and one static asset, each with and without `Accept-Encoding: br, gzip`.
 * Ours only: the reference servers have no HTTP API.
 */
export async function httpRoutesScenario(ctx: ScenarioContext): Promise<ScenarioResult> {
  const duration = ctx.quick ? 3 : 10;
  const connections = 10;
  const asset = staticAssetPath();
  const cases = [
    { name: 'live, identity', path: '/api/events/demo/live', encoding: 'identity' },
    { name: 'live, br/gzip', path: '/api/events/demo/live', encoding: 'br, gzip' },
    { name: `static ${asset}, identity`, path: asset, encoding: 'identity' },
    { name: `static ${asset}, br/gzip`, path: asset, encoding: 'br, gzip' },
  ];
  const figures: ScenarioResult['figures'] = [];
  const notes: string[] = [
    `${connections} connections, ${duration} s per case, autocannon in the bench process.`,
  ];
  const detail: Record<string, unknown> = {};
  const kind: ServerKind = 'ours';
  if (!ctx.servers.includes(kind)) return { scenario: 'http', title: 'HTTP', figures, notes };

  await withServer(ctx, kind, async (server) => {
    for (const c of cases) {
      const options = {
        url: `${server.httpUrl}${c.path}`,
        connections,
        headers: { authorization: `Bearer ${server.token}`, 'accept-encoding': c.encoding },
      };
      // One second unmeasured, so the figures are of warm code.
      await autocannon({ ...options, duration: 1 });
      const sampler = new ProcSampler(server.pid);
      sampler.start();
      const result = await autocannon({ ...options, duration });
      const window = sampler.stop();
      const rps = round(result.requests.average);
      // CPU per answer holds up on a busy machine far better than answers per second.
      const cpuMs = round(
        (window.cpuPercent * window.seconds * 10) / Math.max(1, result.requests.total),
      );
      const kib = round(result.throughput.average / Math.max(1, result.requests.average) / 1024);
      ctx.log(
        `http ${c.name}: ${rps} req/s, p50 ${result.latency.p50} p99 ${result.latency.p99} ms, ` +
          `${kib} KiB per answer, server CPU ${cpuMs} ms per answer ` +
          `(${round(window.cpuPercent)}%), non-2xx ${result.non2xx}, errors ${result.errors}`,
      );
      figures.push(
        { name: `${c.name}: requests/s`, unit: 'req/s', better: 'higher', values: { ours: rps } },
        {
          name: `${c.name}: server CPU per answer`,
          unit: 'ms',
          better: 'lower',
          values: { ours: cpuMs },
        },
        {
          name: `${c.name}: bytes per answer`,
          unit: 'KiB',
          better: 'lower',
          values: { ours: kib },
        },
        {
          name: `${c.name}: p99 latency`,
          unit: 'ms',
          better: 'lower',
          values: { ours: result.latency.p99 },
        },
      );
      detail[c.name] = { ...result, server: window };
      if (result.non2xx > 0) notes.push(`${c.name}: ${result.non2xx} answers were not 2xx`);
    }
  });
  return {
    scenario: 'http',
    title: 'HTTP: console live counts and a static asset',
    figures,
    notes,
    detail,
  };
}
