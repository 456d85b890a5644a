import os from 'node:os';
import { configDefaults, defineConfig } from 'vitest/config';

// SQLite's own fault suites (its write lock held by another process; the embedded service killed mid-burst) have no
// PostgreSQL counterpart here: the cluster's fault suite (npm run test:cluster) takes PostgreSQL. They are left out of
// the PostgreSQL run by name, not skipped inside it.
const SQLITE_ONLY = ['test/api/database-faults.test.ts', 'test/service-faults.test.ts'];
const onPostgres = process.env.TEST_DATABASE_PROVIDER === 'postgresql';
if (onPostgres) console.log(`[tests] on PostgreSQL; SQLite's own fault suites left out: ${SQLITE_ONLY.join(', ')}`);

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...(onPostgres ? SQLITE_ONLY : [])],
    // Stops whatever a suite left running when the run ends (its own teardown comes first); builds the workflow
    // bundles and the seeded template database once for every file of the run (torn down before the leftovers'
    // check).
    globalSetup: ['test/support/leftover-processes.ts', 'test/support/run-once.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Forks, not threads: the Temporal native runtime and Worker are per-process singletons.
    pool: 'forks',
    // A test file that talks to Temporal runs a server (Go dev server or JVM), a worker and the test itself, about
    // two busy cores. More files at once than that starves the servers past the SDK's fixed 5 s startup window,
    // so a 2-core machine runs files one at a time and bigger machines scale up.
    maxWorkers: Math.max(1, Math.floor(os.availableParallelism() / 2)),
  },
});
