import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // A real browser driven by timed touch events on a shared 2-core machine: one retry of a
    // failed test, so a gesture the loaded machine delivered late does not fail the run; a
    // broken feature fails both tries.
    retry: 1,
    pool: 'forks',
  },
});
