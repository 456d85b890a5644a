/**
 * The whole service in one process: database (migrated, seeded when empty), Temporal (a local dev server persisted in
 * the data folder, or the cluster at TEMPORAL_ADDRESS), the worker and the HTTP API. Ctrl-C stops it all cleanly.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { Client } from '@temporalio/client';
import { Runtime } from '@temporalio/worker';
import { signingKey, TokenSigner } from '../api/auth/tokens';
import { buildServer } from '../api/server';
import { applyMigrations } from '../prisma/tooling/migrations';
import { sqlitePathOf } from '../prisma/tooling/schema-engine';
import { seedIfEmpty } from '../prisma/seed';
import { hasActiveAdministrator } from '../domain/accounts/reads';
import { ConfigError, loadConfig, redactUrl, type Config } from './config';
import { openDatabase } from '../prisma/database';
import { assertDataDirUnused, startTemporal, type TemporalService } from './local-temporal';
import { listenError } from './ports';
import { startWorker } from './run-worker';
import { useAuditKey } from '../domain/audit/key';
import { ensureAuditAnchor } from './audit-anchor';
import { developmentAuditKey, developmentSigningKey } from './audit-key-file';
import { parseSigningKeys, useAuditSigning } from '../domain/audit/signing';
import { TASK_QUEUE } from '../workflows/task-queue';
import { moveInDemo } from './demo-province';
import { startNotifications } from './notifications';
import { ensureGroupSessionWatch } from '../api/group-sessions/session-watch';

const SHUTDOWN_TIMEOUT_MS = 60_000;
const START_BUSY_ATTEMPTS = 8;
const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

const say = (line: string) => console.log(`dia-ban: ${line}`);

/** Closers of what has been started, run last-started first. */
const running: { name: string; close: () => Promise<unknown> }[] = [];
let stopping = false;

// Signals are ours to handle: the SDK's own handler would stop the worker before the HTTP server.
Runtime.install({ shutdownSignals: [] });
for (const signal of SIGNALS) process.on(signal, () => void stop(signal));

const booted = boot();
booted.catch(async (error: unknown) => {
  if (stopping) return; // a signal arrived mid-boot; `stop` reports and exits
  stopping = true;
  console.error(`dia-ban: ${oneLine(error)}`);
  if (process.env.DEBUG) console.error(error);
  await closeAll();
  process.exit(1);
});

async function boot(): Promise<void> {
  const config = loadConfig(process.env);
  // SERVICE_ROLE: `api` runs no worker, `worker` serves no HTTP; `all` (the default) runs both.
  const serves = config.role !== 'worker';
  const works = config.role !== 'api';
  if (serves) await checkApiAddress(config.api);
  await assertDataDirUnused(config.temporal, config.dataDir);
  await mkdir(config.dataDir, { recursive: true });
  await step('loading the audit key', () => loadAuditKey(config.audit));
  await step('loading the audit signing key', () => loadAuditSigning(config.audit));

  const { url, provider } = config.database;
  if (provider === 'sqlite') await mkdir(path.dirname(path.resolve(sqlitePathOf(url))), { recursive: true });
  const shownUrl = `DATABASE_URL=${redactUrl(url)}`;
  await step(`migrating ${shownUrl}`, () => whileBusy(() => applyMigrations(url, { log: say })));
  const database = openDatabase(url);
  running.push({ name: 'database', close: () => database.close() });
  const seeded = await step(`seeding ${shownUrl}`, () => seedIfEmpty(database.prisma));
  if (seeded) say('database was empty: seeded it with the demo data');
  if (process.env.NODE_ENV === 'production' && !(await hasActiveAdministrator(database.prisma)))
    say('no administrator yet: create the first one with `npm run admin -- create <username>`');
  say(`database ${provider} ${redactUrl(url)}`);
  if (stopping) return;

  const temporal = await step('starting Temporal', () =>
    startTemporal(config.temporal, { dataDir: config.dataDir, log: say }),
  );
  running.push({ name: 'Temporal', close: () => temporal.close() });
  say(
    config.temporal.mode === 'local'
      ? `Temporal dev server ${temporal.address} (namespace ${temporal.namespace}, state in ${config.temporal.dbFile})`
      : `Temporal at ${temporal.address} (namespace ${temporal.namespace})`,
  );
  if (stopping) return;

  const client = new Client({ connection: temporal.connection, namespace: temporal.namespace });
  if (works) await runWorker(config, temporal, database, client);
  if (stopping) return;
  if (!serves) return say(`worker ready (SERVICE_ROLE=worker, task queue ${TASK_QUEUE}); Ctrl-C drains it`);

  const app = buildServer(
    { prisma: database.prisma, provider, temporal: client, taskQueue: TASK_QUEUE },
    {
      logger: { level: 'warn' },
      tokens: new TokenSigner(signingKey(config.authSecret)),
      temporalAvailable: () => temporal.available(),
    },
  );
  running.push({ name: 'HTTP server', close: () => app.close() });
  await step('starting the HTTP server', () => app.listen({ host: config.api.host, port: config.api.port }));

  say(`API          http://${hostForUrl(config.api.host)}:${config.api.port}`);
  if (temporal.uiUrl) say(`Temporal UI  ${temporal.uiUrl}`);
  say(config.role === 'api' ? 'ready (SERVICE_ROLE=api, no worker); Ctrl-C stops' : 'ready; Ctrl-C stops');
  // The demonstration province moves in: a province with no assignment yet (a database seeded
  // just now, by this start or by `npm run seed`) gets the demo roster of assignments in force, through the API, in
  // the background; never in production (DEMO_ROSTER=0 skips it too).
  const demo = process.env.NODE_ENV !== 'production' && process.env.DEMO_ROSTER !== '0';
  if (demo && (seeded || (await database.prisma.assignment.count()) === 0)) {
    // The map since 1 July 2025, the second programme, the roster and the reform (worker/demo-province.ts).
    void moveInDemo(
      (request) => app.inject(request),
      { prisma: database.prisma, provider, temporal: client, taskQueue: TASK_QUEUE, log: app.log },
      say,
    ).catch((error: unknown) => {
      if (!stopping) say(`demo province: ${oneLine(error)}`);
    });
  }
}

/** The worker polling the task queue, and the audit anchor's workflow started unless it runs. */
async function runWorker(
  config: Config,
  temporal: TemporalService,
  database: ReturnType<typeof openDatabase>,
  client: Client,
): Promise<void> {
  const worker = await step('worker start-up', () =>
    startWorker({
      address: temporal.address,
      namespace: temporal.namespace,
      deps: { db: database, temporal: { client, taskQueue: TASK_QUEUE } },
      maxCachedWorkflows: config.worker.cachedWorkflows,
      workflowStackTraces: config.worker.workflowStackTraces,
    }),
  );
  running.push({ name: 'worker', close: () => worker.drain() });
  const anchor = await step('starting the audit anchor', () =>
    ensureAuditAnchor(client, { taskQueue: TASK_QUEUE, everyMinutes: config.audit.anchorMinutes }),
  );
  say(`audit anchor workflow ${anchor} (every ${config.audit.anchorMinutes} min)`);
  // Each group's quarterly watch of its sessions (Đ7.B.2), started unless it runs.
  const groups = await database.prisma.monitoringGroup.findMany({ select: { id: true } });
  await step('starting the group session watches', () =>
    Promise.all(groups.map((g) => ensureGroupSessionWatch(client, TASK_QUEUE, g.id))),
  );
  // The outbox's deliveries: in the app, and by e-mail through SMTP_URL or the local Mailpit.
  const apiUrl = `http://${hostForUrl(config.api.host)}:${config.api.port}`;
  const notifications = await step('starting the notifications', () =>
    startNotifications({ prisma: database.prisma, dataDir: config.dataDir, apiUrl, log: say }),
  );
  running.push({ name: 'notifications', close: () => notifications.close() });
  worker.stopped.then(
    () => void fail(new Error('the worker stopped unexpectedly')),
    (error: unknown) => void fail(new Error(`the worker failed: ${oneLine(error)}`)),
  );
}

/** AUDIT_KEY, or outside production the key generated once into the data folder; never the database. */
async function loadAuditKey({ key, keyFile }: Config['audit']): Promise<void> {
  if (key !== undefined) return useAuditKey(key);
  const generated = await developmentAuditKey(keyFile);
  useAuditKey(generated.key);
  say(`audit key ${generated.created ? 'generated into' : 'read from'} ${keyFile} (set AUDIT_KEY in production)`);
}

/**
 * Runs a start-up step again while the database is busy: after a crash, the first connection recovers SQLite's
 * write-ahead log and another connection (a reader, an administrator's shell) can hold it up for a moment.
 */
async function whileBusy<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fn();
    } catch (error) {
      const busy = /SocketTimeout|SQLITE_BUSY|database is locked/.test(String((error as Error)?.message ?? error));
      if (!busy || attempt >= START_BUSY_ATTEMPTS || stopping) throw error;
      say(`the database is busy; trying again (${attempt}/${START_BUSY_ATTEMPTS - 1})`);
      await new Promise((resolve) => setTimeout(resolve, 1_000 * attempt));
    }
  }
}

async function stop(signal: string): Promise<void> {
  if (stopping) return; // a terminal's Ctrl-C can reach us twice: directly and relayed by tsx
  stopping = true;
  say(`${signal}: stopping`);
  setTimeout(() => {
    console.error(`dia-ban: did not stop within ${SHUTDOWN_TIMEOUT_MS / 1000} s; exiting`);
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS).unref();
  await booted.catch(() => {});
  const clean = await closeAll();
  say(clean ? 'stopped' : 'stopped, with errors');
  process.exit(clean ? 0 : 1);
}

async function fail(error: unknown): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.error(`dia-ban: ${oneLine(error)}`);
  await closeAll();
  process.exit(1);
}

/** Closes everything started, newest first; false if anything failed to close. */
async function closeAll(): Promise<boolean> {
  let clean = true;
  for (const { name, close } of running.splice(0).reverse()) {
    try {
      await close();
    } catch (error) {
      clean = false;
      console.error(`dia-ban: closing the ${name} failed: ${oneLine(error)}`);
    }
  }
  return clean;
}

/** Fails before anything starts when the API could not listen where configured. */
async function checkApiAddress({ host, port }: Config['api']): Promise<void> {
  const problem = await listenError(port, host);
  if (problem === 'EADDRINUSE') throw new ConfigError('PORT', `PORT=${port} is already in use on ${host}`);
  if (problem === 'EACCES') throw new ConfigError('PORT', `PORT=${port} needs privileges this process lacks`);
  if (problem) throw new ConfigError('HOST', `cannot listen on HOST=${host} (${problem})`);
}

/** Runs one boot step; an unexpected error is reported as that step's failure, a configuration error as itself. */
async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new Error(`${name} failed: ${oneLine(error)}`, { cause: error });
  }
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.trim().split('\n')[0]!.trim();
}

function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}

async function loadAuditSigning(audit: Config['audit']): Promise<void> {
  let text = audit.signingKey;
  if (text === undefined) {
    const generated = await developmentSigningKey(audit.signingKeyFile);
    text = generated.key;
    say(
      `audit signing key ${generated.created ? 'generated into' : 'read from'} ${audit.signingKeyFile} (set AUDIT_SIGNING_KEY in production)`,
    );
  }
  let keys;
  try {
    keys = parseSigningKeys(text);
  } catch (error) {
    throw new ConfigError('AUDIT_SIGNING_KEY', `AUDIT_SIGNING_KEY: ${(error as Error).message}`);
  }
  useAuditSigning({ keys, checkpointFile: audit.checkpointFile, witnessUrl: audit.witnessUrl });
  say(`audit log ${keys[0]!.name}: public key ${keys[0]!.text}; checkpoints kept in ${audit.checkpointFile}`);
}
