/**
 * The demonstration province is never a production's: `npm start` with NODE_ENV=production on an empty data folder
 * records no demo map, no reorganisation, no roster and no assignment that followed the reform, and starts none of
 * the demo's steps (each would say "demo province" in the log, even on an empty organisation).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signerKeyFromSeed } from '../machines/tlog/note';
import { type Database, openDatabase } from '../prisma/database';
import { freePorts, killLeftoverDevServer, type Ports, Service, serviceEnv } from './support/service-process';

describe('npm start with NODE_ENV=production: no demonstration province', () => {
  let dataDir: string;
  let ports: Ports;
  let service: Service | undefined;
  let database: Database | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'dia-ban-demo-production-'));
    ports = await freePorts();
    service = new Service(
      serviceEnv(dataDir, ports, {
        NODE_ENV: 'production',
        DATABASE_URL: `file:${path.join(dataDir, 'dia-ban.db')}`,
        AUTH_SECRET: 'demo-production-auth-secret-of-32-bytes-or-more',
        AUDIT_KEY: 'demo-production-audit-key-of-64-characters-0123456789abcdef01234',
        AUDIT_SIGNING_KEY: signerKeyFromSeed('example.org/audit', new Uint8Array(32).fill(7)).secret,
      }),
    );
    await service.waitHealthy(ports.api);
    // The demo would begin in the background right after "ready".
    const until = Date.now() + 60_000;
    while (!service.stdout.includes('ready; Ctrl-C stops') && Date.now() < until)
      await new Promise((resolve) => setTimeout(resolve, 250));
    database = openDatabase(`file:${path.join(dataDir, 'dia-ban.db')}`);
  }, 150_000);

  afterAll(async () => {
    await database?.close();
    await service?.kill();
    await killLeftoverDevServer(dataDir);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('records no demo map, reorganisation or assignment, and says nothing of a demo province', async () => {
    const p = database!.prisma;
    const counts = () =>
      Promise.all([p.area.count(), p.reorganization.count(), p.assignment.count(), p.official.count()]);
    expect(service!.stdout).toContain('ready; Ctrl-C stops');
    // Watched for a while after "ready": nothing comes.
    const watchUntil = Date.now() + 5_000;
    while (Date.now() < watchUntil) {
      expect(await counts()).toEqual([0, 0, 0, 0]);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(service!.stdout).not.toContain('demo province');
    expect(service!.stdout).toContain('npm run admin -- create');
  });
});
