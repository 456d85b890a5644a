/**
 * The README's HTTP API walk-through, run as written (only the port changed) with bash and curl against `npm start`'s
 * service: a leader approves, the official files the report straight after, the auditor reads, replays and verifies.
 * If the README and the service drift apart, this fails.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePorts, killLeftoverDevServer, type Ports, Service, serviceEnv } from './support/service-process';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The README's marker comment: the `sh` block after it is the walk-through (in the five-minute tour). */
const MARKER = '<!-- test/readme-flow.test.ts runs the next sh block';

/** The first `sh` block after the README's marker comment. */
async function readmeWalkThrough(): Promise<string> {
  const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
  const at = readme.indexOf(MARKER);
  if (at < 0) throw new Error(`README: no marker "${MARKER} …"`);
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!block) throw new Error('README: no sh block after the walk-through marker');
  return block[1]!;
}

function runBash(
  script: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe("the README's curl walk-through against npm start", () => {
  let dataDir: string;
  let workDir: string;
  let ports: Ports;
  let service: Service;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'dia-ban-readme-'));
    workDir = await mkdtemp(path.join(tmpdir(), 'dia-ban-readme-cwd-'));
    ports = await freePorts();
    service = new Service(serviceEnv(dataDir, ports));
    await service.waitHealthy(ports.api);
  });

  afterAll(async () => {
    await service?.kill();
    await killLeftoverDevServer(dataDir);
    await rm(dataDir, { recursive: true, force: true });
    await rm(workDir, { recursive: true, force: true });
  });

  it('approves, files the report at once, and the auditor reads, replays and verifies it', async () => {
    const readme = await readmeWalkThrough();
    expect(readme).toContain('localhost:3000');
    const script = [
      'set -eo pipefail',
      readme
        .replaceAll('localhost:3000', `localhost:${ports.api}`)
        // The offline replay runs from the project, on the file the walk-through wrote here.
        .replace(
          /^npm run replay -- history\.json.*$/m,
          `(cd '${ROOT}' && npx tsx scripts/replay.ts '${workDir}/history.json')`,
        ),
      'echo',
      'echo "ASSIGNMENT=$ID"',
    ].join('\n');
    const { code, output } = await runBash(script, workDir, {
      ...process.env,
      TEMPORAL_ADDRESS: `127.0.0.1:${ports.temporal}`,
    });
    expect(code, output).toBe(0);

    const assignmentId = /^ASSIGNMENT=(.+)$/m.exec(output)?.[1];
    expect(assignmentId, output).toMatch(/^[0-9a-f-]{36}$/);
    // The report was filed straight after the approval, as the walk-through does it: not refused while the month opens.
    expect(output).not.toContain('MONTH_OPENING');
    expect(output, output).toMatch(/"late":false,"state":"[^"]*report\.filed/);
    // The auditor's replay over HTTP and offline, and the audit chain.
    expect(output).toMatch(/"replayed":\d+,"failed":0/);
    expect(output).toMatch(/replay: \d+ runs, 0 failed/);
    expect(output).toMatch(/"ok":true,"rows":\d+,.*"firstBroken":null/);

    const base = `http://127.0.0.1:${ports.api}`;
    const login = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'cb014', password: 'DiaBan@cb014' }),
    });
    const { token } = (await login.json()) as { token: string };
    const timeline = (await (
      await fetch(`${base}/assignments/${assignmentId}/timeline`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as {
      events: { action: string; actorName: string | null; decisionNumber: string | null }[];
    };
    expect(timeline.events.find((e) => e.action === 'APPOINTMENT_APPROVED')).toMatchObject({
      actorName: 'Trần Thị Hồng Minh',
      decisionNumber: '12-QĐ/BTCTU',
    });
    expect(timeline.events.map((e) => e.action)).toContain('MONTHLY_REPORT_FILED');
  });
});
