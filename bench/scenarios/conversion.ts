import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { REPO_ROOT } from '../lib/BenchServer';
import type { ScenarioContext, ScenarioResult } from '../lib/scenario';

/**
 * Scenario 7: `readBoard` + `toIssueMap` for 8 boards x 1,250 cards, measured by
 * bench/conversion.ts (owned by the issue-map work); skipped with a note while it is missing.
 */
export async function conversionScenario(ctx: ScenarioContext): Promise<ScenarioResult> {
  const file = path.join(REPO_ROOT, 'bench', 'conversion.ts');
  const title = '7. Conversion (readBoard + toIssueMap)';
  if (!existsSync(file)) {
    return {
      scenario: 'conversion',
      title,
      figures: [],
      notes: ['Skipped: bench/conversion.ts does not exist yet.'],
    };
  }
  const module = (await import(pathToFileURL(file).href)) as {
    runConversionBench?: (options: { quick: boolean }) => unknown;
  };
  if (typeof module.runConversionBench !== 'function') {
    return {
      scenario: 'conversion',
      title,
      figures: [],
      notes: ['Skipped: bench/conversion.ts exports no runConversionBench.'],
    };
  }
  const result = await module.runConversionBench({ quick: ctx.quick });
  const steps = (result as { steps?: unknown } | null)?.steps;
  const lines = Array.isArray(steps)
    ? steps.flatMap((step: unknown) => {
        const s = step as { step?: unknown; medianMs?: unknown };
        return typeof s.step === 'string' && typeof s.medianMs === 'number'
          ? [`${s.step}: ${s.medianMs} ms (median)`]
          : [];
      })
    : [`as reported: \`${JSON.stringify(result)}\``];
  return {
    scenario: 'conversion',
    title,
    figures: [],
    notes: [
      'Server-independent, measured by bench/conversion.ts (details in results.json):',
      ...lines,
    ],
    detail: result,
  };
}
