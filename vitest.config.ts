import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Real servers, sockets and child processes share two cores with the other suites: one retry
    // of a failed test keeps a late timer from failing CI; a broken feature fails both tries.
    retry: 1,
    pool: 'forks',
  },
});
