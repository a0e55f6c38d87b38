import type { BenchServer, ChildRegistry, ServerKind, StartOptions } from './BenchServer';
import type { LoadGenerator } from './LoadGenerator';

/** One measured figure of a scenario, with a value per server (null: not measured / n/a). */
export interface Figure {
  name: string;
  unit: string;
  /** Which direction is better, for the ours/reference ratio's reading. */
  better: 'lower' | 'higher';
  values: Partial<Record<ServerKind, number | null>>;
}

export interface ScenarioResult {
  scenario: string;
  title: string;
  figures: Figure[];
  /** What the reader needs to interpret the figures (settings, caveats, failures). */
  notes: string[];
  /** Raw detail (per step, per N) kept in results.json. */
  detail?: unknown;
}

/** What every scenario gets from bench/run.ts. */
export interface ScenarioContext {
  quick: boolean;
  servers: readonly ServerKind[];
  generator: LoadGenerator;
  children: ChildRegistry;
  startServer(kind: ServerKind, options?: StartOptions): Promise<BenchServer>;
  /** A run-wide unique client number. */
  clientNo(): number;
  log(message: string): void;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Starts a server, runs `body`, and always stops it and removes its temp data. */
export async function withServer<T>(
  ctx: ScenarioContext,
  kind: ServerKind,
  body: (server: BenchServer) => Promise<T>,
  options?: StartOptions,
): Promise<T> {
  const server = await ctx.startServer(kind, options);
  try {
    return await body(server);
  } finally {
    await ctx.generator.closeClients().catch(() => undefined);
    await server.stop();
    if (!options?.dataDir) server.cleanup();
  }
}

/** Rounds for display/JSON: 2 decimals under 100, whole numbers above. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
}
