import { pathToFileURL } from 'node:url';
import { ensureTemporalCli } from './temporal-cli';
import { ensureTestServer } from './test-server';

/** Local executables for the two Temporal servers; undefined = let the SDK download its own on first use. */
export type TemporalTools = { devServer: string | undefined; testServer: string | undefined };

type Log = (line: string) => void;

/**
 * Provisions the dev server (`temporal` CLI) and the time-skipping test server into the tools cache.
 * A failed build is not fatal: on a machine with internet the SDK's own download still works.
 */
export async function ensureTemporalTools({ log }: { log: Log }): Promise<TemporalTools> {
  const [devServer, testServer] = await Promise.all([
    orFallback('temporal dev server', ensureTemporalCli({ log }), log),
    orFallback('time-skipping test server', ensureTestServer({ log }), log),
  ]);
  return { devServer, testServer };
}

async function orFallback(name: string, ensure: Promise<string | undefined>, log: Log): Promise<string | undefined> {
  try {
    return await ensure;
  } catch (error) {
    log(`${name}: ${error instanceof Error ? error.message : String(error)}`);
    log(`${name}: falling back to the SDK's download on first use`);
    return undefined;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const started = performance.now();
  const tools = await ensureTemporalTools({ log: (line) => console.log(`[setup] ${line}`) });
  const show = (path: string | undefined) => path ?? "SDK's download";
  console.log(`[setup] dev server: ${show(tools.devServer)}; test server: ${show(tools.testServer)}`);
  console.log(`[setup] done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
