import { defineConfig } from 'vitest/config';

/**
 * `npm run test:cluster` (points 4-7): the fault suite on the local two-node Temporal cluster on PostgreSQL
 * with two workers and two API processes. Apart from `npm test`: it needs the real Temporal server (`npm run setup --
 * --cluster` builds it) and takes a few minutes of its own.
 */
export default defineConfig({
  test: {
    include: ['test/cluster/**/*.cluster.ts'],
    globalSetup: ['test/support/leftover-processes.ts'],
    testTimeout: 420_000,
    hookTimeout: 420_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});
