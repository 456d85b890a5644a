import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { moveServerTo } from './test-clock';
import { freePort } from '../../worker/ports';
import { devServerExecutable, testServerExecutable } from '../../worker/temporal-executables';

/**
 * Time-skipping test server, from the tools cache when provisioned (`npm run setup`), else the SDK's download. Its port
 * is ours to choose (worker/ports.ts), as the SDK's own choice is in the kernel's ephemeral range, where another process
 * can take it during the JVM's seconds of start-up.
 */
export async function startTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  serverOnRealClock();
  const env = await withStartupRetry(async () =>
    createTimeSkippingWith({
      server: { type: 'time-skipping', executable: testServerExecutable(), port: await freePort() },
      supportsTimeSkipping: true,
      connectionOptions: { channelArgs: JAVA_SERVER_KEEPALIVE },
    }),
  );
  // The server starts on the real clock; under the date check this process's clock says another "today".
  await moveServerTo(env, Date.now());
  return env;
}

/**
 * The client's keepalive as the Java test server (grpc-java) permits it: its default enforcement counts a ping sooner
 * than 5 minutes after the last as a strike, and any ping without a call in flight too; after two strikes it closes
 * the connection (GOAWAY "too_many_pings", logged as "excess pings"). The client's default (a ping every 30 s, with or
 * without calls) reached that within two minutes of a suite, cutting calls in flight, a time-skipping sleep among them.
 */
const JAVA_SERVER_KEEPALIVE = {
  'grpc.keepalive_time_ms': 6 * 60_000,
  'grpc.keepalive_permit_without_calls': 0,
};

/**
 * `TestWorkflowEnvironment.createTimeSkipping` with connection options: the public one passes none, so the client's
 * keepalive cannot be set through it. The same call it makes, through the class's own `create`.
 */
function createTimeSkippingWith(opts: {
  server: { type: 'time-skipping'; executable: ReturnType<typeof testServerExecutable>; port: number };
  supportsTimeSkipping: true;
  connectionOptions: { channelArgs: Record<string, number> };
}): Promise<TestWorkflowEnvironment> {
  const environment = TestWorkflowEnvironment as unknown as {
    create(options: typeof opts): Promise<TestWorkflowEnvironment>;
  };
  return environment.create(opts);
}

/** Real dev server (in-memory SQLite unless `dbFilename`), headless unless `ui` is asked for. */
export async function startDevServerEnv(
  opts: { dbFilename?: string; ui?: boolean } = {},
): Promise<TestWorkflowEnvironment> {
  quietRuntime();
  return withStartupRetry(async () =>
    TestWorkflowEnvironment.createLocal({
      server: {
        executable: devServerExecutable(),
        port: await freePort(),
        ui: opts.ui ?? false,
        ...(opts.dbFilename !== undefined && { dbFilename: opts.dbFilename }),
      },
    }),
  );
}

/**
 * The SDK gives a server 5 s to accept connections and then kills it; on a loaded 2-core machine (the date check runs
 * two days at once) a cold JVM or dev server can miss that, so a startup timeout (only) is tried up to three times.
 */
const STARTUP_ATTEMPTS = 3;

async function withStartupRetry(start: () => Promise<TestWorkflowEnvironment>): Promise<TestWorkflowEnvironment> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await start();
    } catch (error) {
      const startupTimeout = error instanceof Error && /did not start within/.test(error.message);
      if (!startupTimeout || attempt === STARTUP_ATTEMPTS) throw error;
    }
  }
}

/** Worker state changes at INFO drown test output; a suite that installed its own Runtime first keeps it. */
function quietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed or instantiated: that Runtime's logger stays.
  }
}

/**
 * Under the date check (.ci/run) this process runs with its clock faked by libfaketime (LD_PRELOAD). The JVM server
 * is kept off it (it starts too slowly there for the SDK's 5 s window): it runs on the real clock and the harness
 * moves it forward to the faked "today" (test/support/test-clock.ts).
 */
function serverOnRealClock(): void {
  if (process.env.LD_PRELOAD?.includes('faketime')) delete process.env.LD_PRELOAD;
}
