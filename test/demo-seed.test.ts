/**
 * `npm run seed`'s last step (scripts/seed-demo.ts) moves the demonstration province into a running service whose
 * province has no assignment yet (here one started with DEMO_ROSTER=0), by the steps `npm start` takes: the roster
 * imported through the API, the reform of 1 July 2025 recorded with an AREA_SUCCESSOR proposal per new unit in
 * leadership's inbox, the assignments on ended units closed by their workflows with AREA_REORGANIZED, the 2025 roster.
 * With no service answering it moves nothing and says that `npm start` will (exit 0 with --if-running, 1 without);
 * into a province with assignments it moves nothing again.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../prisma/database';
import { freePorts, killLeftoverDevServer, type Ports, Service, serviceEnv } from './support/service-process';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** `tsx <script>` as `npm run seed` runs it. */
async function tsx(env: NodeJS.ProcessEnv, script: string, args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

const seedDemo = (env: NodeJS.ProcessEnv, args: string[] = ['--if-running']) => tsx(env, 'scripts/seed-demo.ts', args);

describe('npm run seed into a running service: the demonstration province and its reform', () => {
  let dataDir: string;
  let ports: Ports;
  let env: NodeJS.ProcessEnv;
  let service: Service | undefined;
  let database: Database | undefined;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'dia-ban-demo-seed-'));
    ports = await freePorts();
    env = serviceEnv(dataDir, ports, { DEMO_ROSTER: '0', DATABASE_URL: `file:${path.join(dataDir, 'dia-ban.db')}` });
    service = new Service(env);
    await service.waitHealthy(ports.api);
    const until = Date.now() + 60_000;
    while (!service.stdout.includes('ready; Ctrl-C stops') && Date.now() < until)
      await new Promise((resolve) => setTimeout(resolve, 250));
    database = openDatabase(env.DATABASE_URL!);
  }, 180_000);

  afterAll(async () => {
    await database?.close();
    await service?.kill();
    await killLeftoverDevServer(dataDir);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('with no service answering moves nothing, and says npm start will', async () => {
    const elsewhere = await freePorts();
    const idle = serviceEnv(dataDir, elsewhere, { DATABASE_URL: env.DATABASE_URL });
    const quiet = await seedDemo(idle);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stdout).toContain(
      'is not running: the demonstration province is not moved in now (npm start moves it in',
    );
    const loud = await seedDemo(idle, []);
    expect(loud.code).toBe(1);
    expect(loud.stderr).toContain('is not running');
    expect(await database!.prisma.assignment.count()).toBe(0);
  }, 60_000);

  it('moves the province in with the reform: successor proposals open, the assignments on ended units closed by their workflows', async () => {
    const p = database!.prisma;
    expect(await p.assignment.count()).toBe(0);
    // `npm run seed`: the seed (nothing new in a seeded database), then the demo.
    const seeded = await tsx(env, 'prisma/seed.ts', []);
    expect(seeded.code, seeded.stderr).toBe(0);
    const run = await seedDemo(env);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain('demo province: imported 22 assignments in force');
    expect(run.stdout).toContain(
      "demo province: the reform of 1 July 2025 recorded, 14 successor proposals (AREA_SUCCESSOR) open in leadership's inbox",
    );
    expect(run.stdout).toContain(
      'demo province: 14 assignments on units ended on 1 July 2025 closed with AREA_REORGANIZED',
    );
    expect(run.stdout).toContain('demo province: imported 18 assignments on the new units');

    const proposals = await p.approvalRequest.findMany({ where: { kind: 'AREA_SUCCESSOR', status: 'PENDING' } });
    expect(proposals).toHaveLength(14);
    expect(await p.auditEvent.count({ where: { action: 'REORGANIZATION_RECORDED' } })).toBe(15);
    expect(await p.assignment.count({ where: { state: 'closed', closureReason: 'AREA_REORGANIZED' } })).toBe(14);

    // Leadership finds them in its inbox.
    const login = await fetch(`http://127.0.0.1:${ports.api}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ld01', password: 'DiaBan@ld01' }),
    });
    const { token } = (await login.json()) as { token: string };
    const inbox = await fetch(`http://127.0.0.1:${ports.api}/approvals/inbox?limit=100`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const items = ((await inbox.json()) as { items: { kind: string }[] }).items;
    expect(items.filter((i) => i.kind === 'AREA_SUCCESSOR')).toHaveLength(14);

    // Again: the province has its assignments, nothing moves in twice.
    const again = await seedDemo(env);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('the demonstration province is not moved in again');
    expect(await p.approvalRequest.count({ where: { kind: 'AREA_SUCCESSOR' } })).toBe(14);
  }, 480_000);
});
