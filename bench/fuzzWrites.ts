/**
 * The write fuzz of tests/server/hostile/writeFuzz.test.ts, for longer:
 * `npx tsx bench/fuzzWrites.ts [seconds] [seed]` (default 60 s, seed 11). Prints the rounds, the
 * updates sent, the close codes the server answered with and the largest database + WAL size.
 */
import { startTestPapan } from '../tests/helpers/testPapan';
import { runWriteFuzz } from '../tests/helpers/writeFuzz';

const seconds = Number(process.argv[2] ?? 60);
const seed = Number(process.argv[3] ?? 11);
const t = await startTestPapan();
try {
  const started = Date.now();
  const report = await runWriteFuzz(t, { seed, budgetMs: seconds * 1000 });
  console.log(
    JSON.stringify({
      seed,
      seconds: (Date.now() - started) / 1000,
      rounds: report.rounds,
      sent: report.sent,
      closes: Object.fromEntries(report.closes),
      diskBytes: report.diskBytes,
    }),
  );
} finally {
  await t.close();
}
