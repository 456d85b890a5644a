/**
 * The auditor's tools over the HTTP API, against the real time-skipping Temporal server, worker and database:
 * history export, replay (of an assignment, an uploaded history, all closed ones), the audit-chain check, and
 * `npm run replay` on an exported file.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenSigner } from '../../api/auth/tokens';
import { CONFIDENTIAL_READ } from '../../api/audited-read';
import { buildServer } from '../../api/server';
import type { AssignmentView } from '../../workflows/assignment.messages';
import { nextMonth } from '../../machines/calendar';
import { apiClient, errorOf, SEEDED_USERS as USERS } from '../support/api-client';
import { type LifecycleHarness, startLifecycleHarness } from '../support/lifecycle-harness';

let h: LifecycleHarness;
let app: FastifyInstance;
let api: ReturnType<typeof apiClient>;

interface HistoryExport {
  assignmentId: string;
  runs: { workflowId: string; runId: string; history: { events: Record<string, unknown>[] } }[];
}
interface ReplayReport {
  results: { workflowId: string; runId: string; ok: boolean; error?: string }[];
  replayed: number;
  failed: number;
}

const serverDay = async () => new Date(await h.env.currentTimeMs()).toISOString().slice(0, 10);

async function propose(areaId: string, officialId: string): Promise<string> {
  const month = nextMonth((await serverDay()).slice(0, 7));
  const response = await api.call('POST', '/assignments', USERS.departmentHead, {
    areaId,
    officialId,
    effectiveFrom: `${month}-01`,
    reason: 'Đề xuất phân công',
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<AssignmentView>().assignmentId;
}

/** The same history with its first activity renamed: the current code schedules something else, so replay must fail. */
/**
 * The history as code that took another step would have written it: its first patch renamed (runs since the writes
 * became local activities begin with patch markers), or else its first activity renamed.
 */
function tampered(history: HistoryExport['runs'][number]['history']): unknown {
  const copy = structuredClone(history) as {
    events: {
      markerRecordedEventAttributes?: { markerName: string; details: Record<string, { payloads: { data: string }[] }> };
      activityTaskScheduledEventAttributes?: { activityType: { name: string } };
    }[];
  };
  const patch = copy.events.find((e) => e.markerRecordedEventAttributes?.markerName === 'core_patch');
  if (patch) {
    const payload = patch.markerRecordedEventAttributes!.details['patch-data']!.payloads[0]!;
    const data = JSON.parse(Buffer.from(payload.data, 'base64').toString()) as { id: string };
    payload.data = Buffer.from(JSON.stringify({ ...data, id: 'somethingElse' })).toString('base64');
    return copy;
  }
  const scheduled = copy.events.find((e) => e.activityTaskScheduledEventAttributes)!;
  scheduled.activityTaskScheduledEventAttributes!.activityType.name = 'somethingElse';
  return copy;
}

let approvedId: string;
let withdrawnId: string;
let exported: HistoryExport;

beforeAll(async () => {
  h = await startLifecycleHarness();
  app = buildServer(
    { prisma: h.db.prisma, provider: h.db.provider, temporal: h.client, taskQueue: h.taskQueue },
    { tokens: new TokenSigner(Buffer.alloc(32, 7)) },
  );
  await app.ready();
  api = apiClient(app);
  await h.withWorker(async () => {
    approvedId = await propose('area-na-namdan', 'official-cb-012');
    const approved = await api.call('POST', `/assignments/${approvedId}/approve`, USERS.leader, {
      decision: { number: '15-QĐ/BTCTU', issuedOn: await serverDay(), signerId: 'official-ld-02' },
    });
    expect(approved.statusCode, approved.body).toBe(200);
    withdrawnId = await propose('area-na-cualo', 'official-cb-013');
    const withdrawn = await api.call('POST', `/assignments/${withdrawnId}/withdraw`, USERS.departmentHead, {});
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
  });
});

afterAll(async () => {
  await app?.close();
  await h?.close();
});

describe('GET /assignments/:id/history', () => {
  it('exports the Temporal history of the assignment to the auditor, and audits the read', async () => {
    const before = await h.db.prisma.auditEvent.count({
      where: { action: CONFIDENTIAL_READ, assignmentId: approvedId },
    });
    const response = await api.call('GET', `/assignments/${approvedId}/history`, USERS.auditor);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-disposition']).toContain(`assignment-${approvedId}-history.json`);
    exported = response.json<HistoryExport>();
    expect(exported.runs[0]!.workflowId).toBe(`assignment-${approvedId}`);
    const eventTypes = exported.runs[0]!.history.events.map((e) => e.eventType);
    expect(eventTypes[0]).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_STARTED');
    expect(eventTypes).toContain('EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED');

    const reads = await h.db.prisma.auditEvent.findMany({
      where: { action: CONFIDENTIAL_READ, assignmentId: approvedId },
    });
    expect(reads).toHaveLength(before + 1);
    expect(reads.at(-1)).toMatchObject({
      actorId: 'official-cb-014',
      entityType: 'WorkflowHistory',
      entityId: approvedId,
    });
  });

  it('is refused to officials and department heads (403), and 404 for an unknown assignment', async () => {
    for (const user of [USERS.official, USERS.departmentHead, USERS.committee, USERS.admin]) {
      expect((await api.call('GET', `/assignments/${approvedId}/history`, user)).statusCode, user).toBe(403);
    }
    expect((await api.call('GET', '/assignments/no-such/history', USERS.auditor)).statusCode).toBe(404);
  });
});

describe('GET /assignments/:id/timeline?includeReads=true', () => {
  it('shows who read what to the auditor only (403 to every other role)', async () => {
    const path = `/assignments/${approvedId}/timeline?includeReads=true`;
    const audited = await api.call('GET', path, USERS.auditor);
    expect(audited.statusCode, audited.body).toBe(200);
    expect(audited.json<{ events: { action: string }[] }>().events.map((e) => e.action)).toContain('CONFIDENTIAL_READ');
    for (const user of [USERS.head, USERS.leader, USERS.departmentHead, USERS.official, USERS.admin]) {
      expect((await api.call('GET', path, user)).statusCode, user).toBe(403);
      expect((await api.call('GET', `/assignments/${approvedId}/timeline`, user)).statusCode, user).toBe(200);
    }
  });
});

describe('POST /audit/replay', () => {
  it("replays an assignment's recorded runs cleanly against the current code", async () => {
    const response = await api.call('POST', '/audit/replay', USERS.auditor, { assignmentId: approvedId });
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json<ReplayReport>();
    expect(report.failed).toBe(0);
    expect(report.replayed).toBeGreaterThanOrEqual(1);
    expect(report.results.map((r) => r.workflowId)).toContain(`assignment-${approvedId}`);
    expect(report.results.every((r) => r.ok)).toBe(true);
  });

  it('reports an uploaded history that the current code would not produce, naming the workflow', async () => {
    const clean = await api.call('POST', '/audit/replay', USERS.auditor, {
      workflowId: 'uploaded',
      history: exported.runs[0]!.history,
    });
    expect(clean.json<ReplayReport>()).toMatchObject({ replayed: 1, failed: 0 });
    const response = await api.call('POST', '/audit/replay', USERS.auditor, {
      workflowId: 'tampered',
      history: tampered(exported.runs[0]!.history),
    });
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json<ReplayReport>();
    expect(report).toMatchObject({ replayed: 1, failed: 1 });
    expect(report.results[0]).toMatchObject({ workflowId: 'tampered', ok: false });
    expect(report.results[0]!.error).toMatch(/nondetermin|somethingElse|TMPRL/i);
  });

  it('with an empty body replays every closed assignment', async () => {
    const report = (await api.call('POST', '/audit/replay', USERS.auditor, {})).json<ReplayReport>();
    const ids = report.results.map((r) => r.workflowId);
    expect(ids).toContain(`assignment-${withdrawnId}`);
    expect(ids).not.toContain(`assignment-${approvedId}`);
    expect(report.failed).toBe(0);
  });

  it('refuses non-auditors (403) and bad bodies (400)', async () => {
    expect((await api.call('POST', '/audit/replay', USERS.leader, {})).statusCode).toBe(403);
    expect((await api.call('POST', '/audit/replay', USERS.official, {})).statusCode).toBe(403);
    const empty = await api.call('POST', '/audit/replay', USERS.auditor, { history: { events: [] } });
    expect(empty.statusCode).toBe(400);
    expect(errorOf(empty).code).toBe('INVALID_INPUT');
    expect(
      (await api.call('POST', '/audit/replay', USERS.auditor, { assignmentId: approvedId, extra: 1 })).statusCode,
    ).toBe(400);
    expect((await api.call('POST', '/audit/replay', USERS.auditor, { assignmentId: 'no-such' })).statusCode).toBe(404);
  });
});

describe('npm run replay', () => {
  it('replays an exported file and exits 1 when a run no longer replays', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dia-ban-replay-'));
    const good = join(dir, 'export.json');
    const bad = join(dir, 'tampered.json');
    writeFileSync(good, JSON.stringify(exported));
    writeFileSync(bad, JSON.stringify(tampered(exported.runs[0]!.history)));
    const run = (...files: string[]) =>
      promisify(execFile)('npx', ['tsx', 'scripts/replay.ts', ...files], {
        cwd: join(import.meta.dirname, '../..'),
      }).then(
        (r) => ({ code: 0, stdout: r.stdout }),
        (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
      );
    const ok = await run(good);
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.stdout).toContain(`ok     assignment-${approvedId}`);
    const failed = await run(good, bad);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toMatch(/FAILED tampered/);
    expect(failed.stdout).toContain(`replay: ${exported.runs.length + 1} runs, 1 failed`);
  });
});

describe('GET /audit/verify', () => {
  it("confirms an intact chain, then names the first row altered behind the application's back", async () => {
    const intact = await api.call('GET', '/audit/verify', USERS.auditor);
    expect(intact.statusCode, intact.body).toBe(200);
    const rows = await h.db.prisma.auditEvent.count();
    expect(intact.json()).toMatchObject({ ok: true, rows, firstBroken: null });

    const victim = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { assignmentId: approvedId, action: { not: CONFIDENTIAL_READ } },
      orderBy: { seq: 'asc' },
    });
    await h.db.prisma.auditEvent.update({ where: { seq: victim.seq }, data: { actorId: 'someone-else' } });
    const broken = (await api.call('GET', '/audit/verify', USERS.auditor)).json<{
      ok: boolean;
      firstBroken: { seq: number; reason: string };
    }>();
    expect(broken.ok).toBe(false);
    expect(broken.firstBroken).toMatchObject({ seq: victim.seq, reason: 'hash' });
    expect((await api.call('GET', '/audit/verify', USERS.leader)).statusCode).toBe(403);
  });
});
