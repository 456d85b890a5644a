import { pathToFileURL } from 'node:url';
import { GO_VERSION, type GoProvider, goToolchainProvider } from './go-toolchain';
import { ensureMailpit, MAILPIT_VERSION } from './mailpit';
import { MissingPrerequisite } from './system-packages';
import { ensureTemporalCli } from './temporal-cli';
import { ensureTestServer } from './test-server';

/** Local executables for the two Temporal servers; undefined = let the SDK download its own on first use. */
export type TemporalTools = {
  devServer: string | undefined;
  testServer: string | undefined;
  mailpit: string | undefined;
};

type Log = (line: string) => void;

/**
 * Provisions the dev server (`temporal` CLI) and the time-skipping test server into the tools cache, and beside them
 * Mailpit, the mail catcher `npm start` runs for the e-mail notifications when no SMTP_URL is set. The first two are
 * built with Go, provisioned by `go` when needed (./go-toolchain.ts); the test server is resolved with Java and Maven.
 * A failed build is not fatal: on a machine with internet the SDK's own download still works; without Mailpit the
 * notifications are in the app only. The tests, though, need Mailpit (`mailpit: 'required'`): without it set-up fails.
 */
export async function ensureTemporalTools({
  log,
  mailpit: mailpitNeed = 'optional',
  go = goToolchainProvider({ log }),
}: {
  log: Log;
  mailpit?: 'optional' | 'required';
  go?: GoProvider;
}): Promise<TemporalTools> {
  const [devServer, testServer, mailpit] = await Promise.all([
    orFallback('temporal dev server', ensureTemporalCli({ log, go }), log),
    orFallback('time-skipping test server', ensureTestServer({ log }), log),
    mailpitNeed === 'required'
      ? ensureMailpit({ log, go })
      : ensureMailpit({ log, go }).catch((error: unknown) => {
          log(`mail catcher: ${error instanceof Error ? error.message : String(error)}; notifications in the app only`);
          return undefined;
        }),
  ]);
  if (!mailpit && mailpitNeed === 'required') {
    throw new MissingPrerequisite(
      `dia-ban: the tests need Mailpit ${MAILPIT_VERSION}, which set-up builds with Go ≥ ${GO_VERSION} (downloaded from the Go module proxy when missing): install Go (https://go.dev/dl/) or put mailpit on PATH`,
    );
  }
  return { devServer, testServer, mailpit };
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
