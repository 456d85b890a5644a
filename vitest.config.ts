import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Stops whatever a suite left running when the run ends (its own teardown comes first).
    globalSetup: ['test/support/leftover-processes.ts'],
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
