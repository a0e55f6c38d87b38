import { afterEach, describe, expect, it } from 'vitest';
import { runWriteFuzz } from '../../helpers/writeFuzz';
import { startTestPapan, type TestPapan } from '../../helpers/testPapan';

let t: TestPapan | null = null;

afterEach(async () => {
  await t?.close();
  t = null;
});

/** Short in `npm test`; `npx tsx bench/fuzzWrites.ts` runs the same rounds for longer. */
const BUDGET_MS = Number(process.env.FUZZ_MS ?? 4000);
const SEED = Number(process.env.FUZZ_SEED ?? 11);

describe('random and mutated updates from several participants', () => {
  it('leave the server alive, other boards served, exports 200, votes in budget, meta intact, disk bounded', async () => {
    t = await startTestPapan();
    const report = await runWriteFuzz(t, { seed: SEED, budgetMs: BUDGET_MS });
    expect(report.rounds).toBeGreaterThan(0);
    expect(report.sent).toBeGreaterThan(0);
  }, 120_000);
});
