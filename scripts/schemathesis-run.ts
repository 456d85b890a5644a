/**
 * The API against its own document, by an outside tester: starts the service as `npm start` does (embedded Temporal
 * and SQLite, the demonstration province, outside production) in a data folder of its own on free ports, logs in as
 * one demonstration user per role, and runs Schemathesis over every operation of /openapi.json, each called with the
 * token of a role it admits (scripts/schemathesis/hooks.py). Bounded in examples and time; fails on a server error,
 * a response that breaks its schema, a status or header the document does not declare, or a schema-valid request
 * refused with a 400 (a constraint the document failed to say). Stops everything it started.
 *
 *   npx tsx scripts/schemathesis-run.ts [--max-time <s>] [--examples <n>] [--report <dir>]
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePorts, killLeftoverDevServer, Service, serviceEnv } from '../test/support/service-process';
import { ensureSchemathesis } from './tools/schemathesis';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const HERE = path.join(ROOT, 'scripts', 'schemathesis');

/** One demonstration user per role (README): their roles, as they log in, pick the token of each operation. */
const USERS = ['ld01', 'ld02', 'cb001', 'cb003', 'diaban-vinh', 'cb014', 'admin'];

/** Left out: logging in and out would end or lock the run's own sessions. */
const EXCLUDED_PATHS = ['/auth/login', '/auth/logout'];

const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'response_schema_conformance',
  'content_type_conformance',
  'response_headers_conformance',
  // Our own (hooks.py): a schema-valid request refused with 400 INVALID_INPUT, where the built-in check would also
  // count a 400 for a record that does not exist, which no document can say.
  'schema_valid_request_accepted',
];

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? process.argv[at + 1]! : fallback;
}

async function tokensByRole(base: string): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const username of USERS) {
    const response = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: `DiaBan@${username}` }),
    });
    if (!response.ok) throw new Error(`login as ${username}: ${response.status} ${await response.text()}`);
    const { token, user } = (await response.json()) as { token: string; user: { roles: string[] } };
    for (const role of user.roles) tokens[role] ??= token;
  }
  return tokens;
}

async function main(): Promise<number> {
  const st = await ensureSchemathesis({ log: (line) => console.log(`[schemathesis] ${line}`) });
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dia-ban-schemathesis-'));
  const ports = await freePorts();
  const env = serviceEnv(dataDir, ports);
  delete env.NODE_ENV;
  // Every answer checked against its schema: an undeclared field is a 500 the run reports (api/zod-provider.ts).
  env.RESPONSE_CHECK = 'strict';
  const service = new Service(env);
  try {
    const started = Date.now();
    await service.waitHealthy(ports.api);
    console.log(
      `[schemathesis] service healthy on port ${ports.api} in ${Math.round((Date.now() - started) / 1000)} s`,
    );
    const base = `http://127.0.0.1:${ports.api}`;
    const tokens = await tokensByRole(base);
    console.log(`[schemathesis] tokens for ${Object.keys(tokens).join(', ')}`);
    const reportDir = option('report', path.join(dataDir, 'report'));
    const args = [
      '--config-file',
      path.join(HERE, 'schemathesis.toml'),
      'run',
      `${base}/openapi.json`,
      ...EXCLUDED_PATHS.flatMap((p) => ['--exclude-path', p]),
      '--checks',
      CHECKS.join(','),
      '--max-examples',
      option('examples', '8'),
      '--max-time',
      option('max-time', '360'),
      '--phases',
      'examples,coverage,fuzzing',
      '--workers',
      '2',
      '--no-shrink',
      // Hypothesis's health checks judge the generator, not the API; on 2 busy cores "too slow" would fail the run.
      '--suppress-health-check',
      'all',
      '--seed',
      option('seed', '20261206'),
      '--request-timeout',
      '30',
      '--report',
      'json',
      '--report-dir',
      reportDir,
    ];
    const child = spawn(st, args, {
      // Its caches (.schemathesis/) go to the run's own folder, not the clone.
      cwd: dataDir,
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        SCHEMATHESIS_HOOKS: 'hooks',
        PYTHONPATH: HERE,
        DIABAN_ST_TOKENS: JSON.stringify(tokens),
        NO_COLOR: '1',
      },
    });
    const printed = printWithoutPytestBanner(child.stdout);
    const [exit] = (await once(child, 'exit')) as [number | null];
    await printed;
    const code = await verdict(exit, reportDir);
    // The service's own account of its failures (a response that broke its schema names the field).
    const failures = service.stdout.split('\n').filter((line) => line.includes('"level":50'));
    for (const line of failures.slice(0, 20)) console.log(`[schemathesis] service: ${line.slice(0, 600)}`);
    return code ?? 1;
  } finally {
    await service.stop('SIGINT');
    await killLeftoverDevServer(dataDir);
    await rm(dataDir, { recursive: true, force: true }).catch(() => undefined);
  }
}

/**
 * The tester's output as it prints it, but for its closing banner ("==== 3 warnings in 360.33s ===="): in pytest's
 * shape, a reader of the CI's log takes it for a test run's summary that counted no test. It is printed as a line of
 * ours instead; the cases' counts stay in the tester's own "Test cases:" lines above it.
 */
async function printWithoutPytestBanner(output: NodeJS.ReadableStream): Promise<void> {
  for await (const line of createInterface({ input: output, crlfDelay: Infinity })) {
    const banner = /^=+ (.+ in [0-9.]+s) =+$/.exec(line);
    console.log(banner ? `[schemathesis] ended: ${banner[1]}` : line);
  }
}

/**
 * The run's verdict from its JSON report: failing checks fail it; an error inside the tester alone (Hypothesis
 * failing to describe a generator, seen now and then on the free-form bodies) is reported but is not the API's failure.
 */
async function verdict(exit: number | null, reportDir: string): Promise<number> {
  if (exit === 0) return 0;
  const file = (await readdir(reportDir).catch(() => [])).find((name) => name.endsWith('.json'));
  if (!file) return exit ?? 1;
  const report = JSON.parse(await readFile(path.join(reportDir, file), 'utf8')) as {
    test_cases?: { generated?: number; unique_failures?: number };
    operations?: { tested?: number; selected?: number };
  };
  const failures = report.test_cases?.unique_failures ?? 1;
  const untested = (report.operations?.selected ?? 0) - (report.operations?.tested ?? 0);
  if (failures === 0 && untested === 0) {
    console.log("[schemathesis] no failure of the API; the errors above are the tester's own");
    return 0;
  }
  return exit ?? 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[schemathesis] failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
