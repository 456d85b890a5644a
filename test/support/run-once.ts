/**
 * Vitest's global set-up for what every file of a run shares, made at once side by side: the workflow bundles
 * (test/support/workflow-bundles.ts) and the seeded template database (test/support/template-database.ts).
 */
import buildRunBundles from './workflow-bundles';
import buildTemplateDatabase from './template-database';

export default async function prepareRun(): Promise<() => Promise<void>> {
  const settled = await Promise.allSettled([buildRunBundles(), buildTemplateDatabase()]);
  const teardowns = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const tearDown = async () => {
    for (const teardown of teardowns.reverse()) await teardown();
  };
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await tearDown();
    throw failed.reason;
  }
  return tearDown;
}
