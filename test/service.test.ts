/**
 * `npm start`'s service as a user runs it: a child process with its own data folder and ports, real Temporal dev
 * server, real SQLite, real HTTP. Plus the health check's 503 against a real unreachable part, in process.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HealthReport } from '../api/healthz/routes';
import { buildServer } from '../api/server';
import { openDatabase } from '../prisma/database';
import { startPostgres, type PostgresServer } from '../scripts/tools/postgres';
import { freePort, freePorts, killLeftoverDevServer, type Ports, Service, serviceEnv } from './support/service-process';
import { startDevServerEnv } from './support/temporal';

describe('npm start', () => {
  let dataDir: string;
  let ports: Ports;
  let service: Service | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'dia-ban-service-'));
    ports = await freePorts();
  });

  afterAll(async () => {
    await service?.kill();
    await killLeftoverDevServer(dataDir);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('boots on defaults and reports Temporal and the database up', async () => {
    service = new Service(serviceEnv(dataDir, ports));
    const { body } = await service.waitHealthy(ports.api);

    expect(body).toMatchObject({
      status: 'ok',
      temporal: { status: 'up', namespace: 'default' },
      database: { status: 'up', provider: 'sqlite' },
    });
    expect(service.stdout).toContain(`http://127.0.0.1:${ports.api}`);
    expect(service.stdout).toContain(`Temporal UI  http://127.0.0.1:${ports.ui}`);
    const ui = await fetch(`http://127.0.0.1:${ports.ui}/`);
    expect(ui.status).toBe(200);
  });

  it('keeps a started workflow across Ctrl-C and a restart', async () => {
    if (!service?.running) {
      service = new Service(serviceEnv(dataDir, ports));
      await service.waitHealthy(ports.api);
    }
    const workflowId = `restart-probe-${Date.now()}`;
    // Nobody polls this task queue, so the workflow simply stays RUNNING, whatever the workflow code is.
    await withClient(ports.temporal, (client) =>
      client.workflow.start('assignmentWorkflow', { taskQueue: 'restart-probe', workflowId, args: [] }),
    );

    const exitCode = await service!.stop('SIGINT');
    expect(exitCode, service!.stderr).toBe(0);
    expect(service!.stdout).toContain('stopped');

    service = new Service(serviceEnv(dataDir, ports));
    await service.waitHealthy(ports.api);
    const description = await withClient(ports.temporal, (client) => client.workflow.getHandle(workflowId).describe());
    expect(description.status.name).toBe('RUNNING');

    expect(await service.stop('SIGTERM')).toBe(0);
  });

  async function withClient<T>(port: number, use: (client: Client) => Promise<T>): Promise<T> {
    const connection = await Connection.connect({ address: `127.0.0.1:${port}` });
    try {
      return await use(new Client({ connection, namespace: 'default' }));
    } finally {
      await connection.close();
    }
  }
});

describe('npm start with DATABASE_URL=postgres://…', () => {
  let postgres: PostgresServer;
  let dataDir: string;

  beforeAll(async () => {
    postgres = await startPostgres();
    dataDir = await mkdtemp(path.join(tmpdir(), 'dia-ban-service-pg-'));
  });

  afterAll(async () => {
    await killLeftoverDevServer(dataDir);
    await rm(dataDir, { recursive: true, force: true });
    await postgres?.stop();
  });

  it('migrates, seeds and serves on PostgreSQL', async () => {
    const ports = await freePorts();
    const service = new Service(serviceEnv(dataDir, ports, { DATABASE_URL: await postgres.createDatabase() }));
    let health: HealthReport;
    try {
      ({ body: health } = await service.waitHealthy(ports.api));
    } finally {
      await service.stop('SIGTERM');
    }

    expect(health.database).toMatchObject({ status: 'up', provider: 'postgresql' });
    expect(service.stdout).toContain('seeded');
    expect(await service.exited, service.stderr).toBe(0);
  });
});

describe('npm start with bad configuration', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'dia-ban-badconfig-'));
  });

  afterAll(async () => {
    await killLeftoverDevServer(dataDir);
    await rm(dataDir, { recursive: true, force: true });
  });

  it.each([
    { setting: 'DATABASE_URL', value: () => 'mysql://x', expected: /^dia-ban: DATABASE_URL must be .*"mysql:\/\/x"$/ },
    {
      setting: 'TEMPORAL_ADDRESS',
      value: async () => `127.0.0.1:${await freePort()}`,
      expected: /^dia-ban: cannot reach Temporal at TEMPORAL_ADDRESS=127\.0\.0\.1:\d+ \(connection refused\)$/,
    },
    { setting: 'PORT', value: () => 'eighty', expected: /^dia-ban: PORT must be a port number; got "eighty"$/ },
    // The secret itself is never printed, only its length.
    {
      setting: 'AUTH_SECRET',
      value: () => 'hunter2',
      expected: /^dia-ban: AUTH_SECRET must be at least 32 characters; got 7 characters$/,
    },
  ])('$setting: exits 1 with one line naming it', async ({ setting, value, expected }) => {
    const service = new Service(serviceEnv(dataDir, await freePorts(), { [setting]: await value() }));
    const exitCode = await service.exited;

    expect(exitCode).toBe(1);
    const lines = service.stderr.trim().split('\n');
    expect(lines, service.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(expected);
    expect(service.stderr).not.toMatch(/^\s+at /m);
  });
});

describe('GET /healthz', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'dia-ban-healthz-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers 503 naming Temporal when it does not answer', async () => {
    // A real client of an address where nothing listens.
    const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
    const database = openDatabase(`file:${path.join(dataDir, 'healthz.db')}`);
    const app = buildServer({
      prisma: database.prisma,
      provider: database.provider,
      temporal: new Client({ connection, namespace: 'default' }),
    });
    try {
      const response = await app.inject({ method: 'GET', url: '/healthz' });

      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({
        status: 'unavailable',
        failing: ['temporal'],
        temporal: { status: 'down' },
        database: { status: 'up', provider: 'sqlite' },
      });
      // /healthz is public: it says how a part is down, never its internal error text (addresses, drivers).
      expect(['no answer in time', 'not answering']).toContain(
        response.json<{ temporal: { error: string } }>().temporal.error,
      );
    } finally {
      await app.close();
      await connection.close();
      await database.close();
    }
  });

  it('answers 503 naming the database when it does not answer', async () => {
    const env = await startDevServerEnv();
    // PostgreSQL's port with nothing behind it.
    const database = openDatabase(`postgresql://postgres@127.0.0.1:${await freePort()}/postgres`);
    const app = buildServer({ prisma: database.prisma, provider: database.provider, temporal: env.client });
    try {
      const response = await app.inject({ method: 'GET', url: '/healthz' });

      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({
        status: 'unavailable',
        failing: ['database'],
        temporal: { status: 'up', namespace: 'default' },
        database: { status: 'down', provider: 'postgresql' },
      });
      expect(JSON.stringify(response.json())).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|prisma|postgres:/i);
    } finally {
      await app.close();
      await database.close();
      await env.teardown();
    }
  });
});
