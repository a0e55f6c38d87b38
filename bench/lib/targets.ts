import type { Figure, ScenarioResult } from './scenario';
import type { TargetCheck } from './report';

function figure(results: ScenarioResult[], scenario: string, name: string): Figure | undefined {
  return results.find((r) => r.scenario === scenario)?.figures.find((f) => f.name === name);
}

function value(f: Figure | undefined, kind: 'ours' | 'reference'): number | null {
  const v = f?.values[kind];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The targets, checked against what was measured (null where it was not). */
export function checkTargets(results: ScenarioResult[], quick: boolean): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const suffix = quick ? ' (quick sizes: not the real target)' : '';
  const p99 = figure(results, 'breakout', 'edit latency p99');
  const ours = value(p99, 'ours');
  const ref = value(p99, 'reference');
  checks.push({
    target: `Breakout p99 <= 50 ms${suffix}`,
    measured: ours === null ? 'n/a' : `${ours} ms`,
    holds: ours === null ? null : ours <= 50,
  });
  checks.push({
    target: 'Breakout p99: ours no worse than the reference',
    measured: ours === null || ref === null ? 'n/a' : `${ours} vs ${ref} ms`,
    holds: ours === null || ref === null ? null : ours <= ref,
  });
  const max = figure(results, 'breakout', 'max clients at p99 <= 100 ms');
  const maxOurs = value(max, 'ours');
  const maxRef = value(max, 'reference');
  checks.push({
    target: 'Max clients at p99 <= 100 ms: ours >= 1.5 x the reference',
    measured: `${maxOurs ?? 'none'} vs ${maxRef ?? 'none'}`,
    holds:
      !max || !('ours' in max.values) || maxRef === null
        ? null
        : maxOurs !== null && maxOurs >= 1.5 * maxRef,
  });
  const join = value(figure(results, 'joinstorm', 'time to synced p99'), 'ours');
  checks.push({
    target: `Join storm p99 <= 2 s${suffix}`,
    measured: join === null ? 'n/a' : `${join} ms`,
    holds: join === null ? null : join <= 2000,
  });
  const append = value(figure(results, 'append', 'sustained updates'), 'ours');
  checks.push({
    target: 'Durable append >= 5,000 updates/s',
    measured: append === null ? 'n/a' : `${append}/s`,
    holds: append === null ? null : append >= 5000,
  });
  const unload = value(figure(results, 'memory', 'idle board unloaded after'), 'ours');
  checks.push({
    target: 'Idle board unloaded <= 60 s after its last client',
    measured: unload === null ? 'n/a' : `${unload} s`,
    holds: unload === null ? null : unload <= 60,
  });
  checks.push(...clientTargets(results, suffix));
  return checks;
}

/** The field kit's goals for the client on the hall WiFi (issue 14). */
function clientTargets(results: ScenarioResult[], suffix: string): TargetCheck[] {
  const client = results.find((r) => r.scenario === 'client');
  const byPrefix = (prefix: string) =>
    value(
      client?.figures.find((f) => f.name.startsWith(prefix)),
      'ours',
    );
  const goals: Array<[string, string, string, number]> = [
    ['Join page <= 150 kB transferred', 'join page transferred', 'kB', 150],
    [`Join page usable <= 1.5 s at 4x CPU${suffix}`, 'join page time to usable', 'ms', 1500],
    [`Board page <= 700 kB transferred${suffix}`, 'board page transferred', 'kB', 700],
    [`300-card board usable <= 3 s at 4x CPU${suffix}`, 'board of', 'ms', 3000],
    [
      `Join storm: 160 tablets usable <= 60 s${suffix}`,
      'join storm: 160 tablets usable',
      'ms',
      60_000,
    ],
    [`Card drag frame time p95 <= 50 ms${suffix}`, 'card drag frame time p95', 'ms', 50],
  ];
  return goals.map(([target, prefix, unit, limit]) => {
    const v = byPrefix(prefix);
    return {
      target,
      measured: v === null ? 'n/a' : `${v} ${unit}`,
      holds: v === null ? null : v <= limit,
    };
  });
}
