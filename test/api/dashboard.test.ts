/**
 * The dashboard (overdue filings, evaluations outstanding, rotations due, open complaints and their summary) through
 * the HTTP API in process, on the real time-skipping Temporal server and a fresh seeded database. Its figures are read
 * queries, checked on rows written directly in `beforeAll` (test/support/dashboard-fixtures.ts), all dated around a
 * fixed day T (2024-03-01, long before the server's clock) and read with `asOf`. The overdue list on an assignment
 * that runs for real is checked in test/api/directory.test.ts.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../machines/calendar';
import { apiClient, errorOf, SEEDED_USERS as U } from '../support/api-client';
import { apiReads, type Item, type Page } from '../support/api-reads';
import { at, DEPT, due, insertFixtures, T } from '../support/dashboard-fixtures';
import { type ApiSuite, startApiSuite } from '../support/api-suite';
import type { LifecycleHarness } from '../support/lifecycle-harness';

let h: LifecycleHarness;
let suite: ApiSuite | undefined;
let app: FastifyInstance;
let api: ReturnType<typeof apiClient>;

const { get, allPages, countReads } = apiReads(() => ({ api, h }));

beforeAll(async () => {
  suite = await startApiSuite();
  ({ h, app, api } = suite);
  await insertFixtures(h.db);
});

afterAll(async () => {
  await suite?.close();
});

const asOfT = `asOf=${T}`;

// ───────────────────────── dashboard ─────────────────────────

describe('dashboard', () => {
  it('overdue: missed or past due and not filed, as of the day asked', async () => {
    const atT = await get<Page<Item> & { asOf: string }>(
      `/dashboard/overdue?officialId=official-cb-012&${asOfT}`,
      U.leader,
    );
    expect(atT.asOf).toBe(at(0).toISOString());
    expect(atT.items.map((d) => d.id)).toEqual(['fx-d2-report-2024-01', 'fx-d3-plan-2024-02']);
    expect(atT.items[0]).toMatchObject({
      kind: 'REPORT',
      period: '2024-01',
      status: 'MISSED',
      daysOverdue: 25,
      escalationLevel: 1,
      lastEscalation: { level: 1, target: 'GROUP_LEADER', recipientId: 'official-cb-011' },
      area: { id: 'area-na-tinhdoan' },
      official: { id: 'official-cb-012' },
    });
    expect(atT.items[1]).toMatchObject({
      kind: 'PLAN',
      status: 'OPEN',
      daysOverdue: 20,
      escalationLevel: 0,
      lastEscalation: null,
    });

    // Ten days later the February plan has been filed (late) and the February report is past due.
    const later = await get<Page<Item>>(
      `/dashboard/overdue?officialId=official-cb-012&asOf=${addDays(T, 10)}T12:00:00%2B07:00`,
      U.leader,
    );
    expect(later.items.map((d) => d.id)).toEqual(['fx-d2-report-2024-01', 'fx-d4-report-2024-02']);
    expect(later.items[1]).toMatchObject({ daysOverdue: 6 });

    const plans = await get<Page<Item>>(`/dashboard/overdue?kind=PLAN&areaId=area-na-tinhdoan&${asOfT}`, U.auditor);
    expect(plans.items.map((d) => d.id)).toEqual(['fx-d3-plan-2024-02']);
    const pageOne = await get<Page<Item>>(`/dashboard/overdue?departmentId=${DEPT.bvctnb}&limit=1&${asOfT}`, U.auditor);
    expect(pageOne.items.map((d) => d.id)).toEqual(['fx-d2-report-2024-01']);
    const pageTwo = await get<Page<Item>>(
      `/dashboard/overdue?departmentId=${DEPT.bvctnb}&limit=1&cursor=${pageOne.nextCursor}&${asOfT}`,
      U.auditor,
    );
    expect(pageTwo.items.map((d) => d.id)).toEqual(['fx-d3-plan-2024-02']);
    expect(pageTwo.nextCursor).toBeNull();
  });

  it('evaluations outstanding: not yet rated, who acts next, each read audited', async () => {
    const before = await countReads('AnnualEvaluation', 'dashboard:evaluations-outstanding');
    const page = await get<Page<Item>>(`/dashboard/evaluations-outstanding?${asOfT}`, U.leader);
    expect(page.items.map((e) => e.id)).toEqual(['fx-e2022', 'fx-e2023']);
    expect(page.items[0]).toMatchObject({
      year: 2022,
      state: 'ratingProposed',
      waitingFor: 'BOARD_LEADERSHIP',
      overdue: false,
      official: { id: 'official-cb-012' },
      area: { id: 'area-na-tinhdoan' },
    });
    expect(page.items[1]).toMatchObject({
      year: 2023,
      waitingFor: 'AREA_COMMITTEE',
      overdue: true,
      dueAt: due(-55).toISOString(),
    });
    expect(JSON.stringify(page)).not.toMatch(/GOOD|proposedRating/);
    expect(
      (await get<Page<Item>>(`/dashboard/evaluations-outstanding?year=2023&${asOfT}`, U.auditor)).items.map(
        (e) => e.id,
      ),
    ).toEqual(['fx-e2023']);
    // A year later the 2024 request is out too.
    expect(
      (
        await get<Page<Item>>(
          `/dashboard/evaluations-outstanding?asOf=${addDays(T, 300)}&officialId=official-cb-012`,
          U.leader,
        )
      ).items,
    ).toHaveLength(3);
    expect((await countReads('AnnualEvaluation', 'dashboard:evaluations-outstanding')) - before).toBe(3);
    const audit = await h.db.prisma.auditEvent.findFirst({
      where: { action: 'CONFIDENTIAL_READ', entityType: 'AnnualEvaluation' },
      orderBy: { seq: 'asc' },
    });
    expect(audit).toMatchObject({
      actorId: 'official-ld-02',
      payload: expect.objectContaining({ ids: ['fx-e2022', 'fx-e2023'] }),
    });
  });

  it('rotations due: mandatory first (overdue included), then eligible, within the window', async () => {
    type Rotation = Item & { assignmentId: string; threshold: string; years: number; daysUntil: number };
    const { items, pages } = await allPages<Rotation>(
      `/dashboard/rotations-due?limit=1&${asOfT}`,
      U.leader,
      (r) => r.assignmentId,
    );
    expect(pages).toBe(3);
    expect(items.map((r) => [r.assignmentId, r.threshold, r.years, r.daysUntil])).toEqual([
      ['fx-a3', 'MANDATORY', 5, -10],
      ['fx-a4', 'MANDATORY', 5, 30],
      ['fx-a1', 'ELIGIBLE', 3, 60],
    ]);
    expect(items[0]).toMatchObject({
      state: 'active.rotationDue',
      pendingProposal: { id: 'fx-rotation-a3', kind: 'ROTATION' },
      date: at(-10).toISOString(),
    });
    expect(items[1]).toMatchObject({ pendingProposal: null, official: { department: { id: DEPT.tccb } } });

    const full = await get<Page<Rotation> & { horizon: string; policy: unknown }>(
      `/dashboard/rotations-due?${asOfT}`,
      U.auditor,
    );
    expect(full.horizon).toBe(at(90).toISOString());
    expect(full.policy).toEqual({ eligibleAfterYears: 3, mandatoryAfterYears: 5 });
    const year = await get<Page<Rotation>>(`/dashboard/rotations-due?withinDays=365&${asOfT}`, U.auditor);
    expect(year.items.map((r) => r.assignmentId)).toEqual(['fx-a3', 'fx-a4', 'fx-a1', 'fx-a2']);
    const now = await get<Page<Rotation>>(`/dashboard/rotations-due?withinDays=0&${asOfT}`, U.auditor);
    expect(now.items.map((r) => r.assignmentId)).toEqual(['fx-a3']);
    expect(
      (await get<Page<Rotation>>(`/dashboard/rotations-due?areaId=area-na-dienchau&${asOfT}`, U.auditor)).items.map(
        (r) => r.assignmentId,
      ),
    ).toEqual(['fx-a4']);
  });

  it('a department head sees their own department only, and no complaints', async () => {
    // cb011 heads BVCTNB: fx-a4 (cb-009, TCCB) is not theirs.
    const rotations = await get<Page<Item & { assignmentId: string }>>(
      `/dashboard/rotations-due?${asOfT}`,
      U.departmentHead,
    );
    expect(rotations.items.map((r) => r.assignmentId)).toEqual(['fx-a3', 'fx-a1']);
    const other = await api.call(
      'GET',
      `/dashboard/rotations-due?departmentId=${DEPT.tccb}&${asOfT}`,
      U.departmentHead,
    );
    expect(other.statusCode).toBe(403);
    expect(errorOf(other).departmentId).toBe(DEPT.bvctnb);
    expect((await api.call('GET', `/dashboard/complaints-open?${asOfT}`, U.departmentHead)).statusCode).toBe(403);
    const summary = await get<Record<string, unknown>>(`/dashboard/summary?${asOfT}`, U.departmentHead);
    expect(summary).toEqual({
      asOf: at(0).toISOString(),
      overdue: { plans: 1, reports: 1 },
      evaluationsOutstanding: 2,
      rotationsDue: { withinDays: 90, eligible: 1, mandatory: 1 },
      complaintsOpen: null,
      boardReassignments: { pending: 0, approvedThisYear: 0 },
    });
  });

  it('open complaints: leadership and the auditor, never about oneself, each read audited', async () => {
    const before = await countReads('Complaint', 'dashboard:complaints-open');
    const leader = await get<Page<Item>>(`/dashboard/complaints-open?${asOfT}`, U.leader);
    expect(leader.items.map((c) => c.id)).toEqual(['fx-c2', 'fx-c1', 'fx-c4']);
    expect(leader.items[0]).toMatchObject({
      state: 'underVerification.overdue',
      verificationOverdue: true,
      official: { id: 'official-cb-012' },
    });
    expect(leader.items[1]).toMatchObject({ verificationOverdue: false });
    expect(JSON.stringify(leader)).not.toContain('Đơn phản ánh');
    // The auditor is the subject of fx-c4.
    const auditor = await get<Page<Item>>(`/dashboard/complaints-open?${asOfT}`, U.auditor);
    expect(auditor.items.map((c) => c.id)).toEqual(['fx-c2', 'fx-c1']);
    const { items } = await allPages<Item>(`/dashboard/complaints-open?limit=2&${asOfT}`, U.head, (c) => c.id);
    expect(items.map((c) => c.id)).toEqual(['fx-c2', 'fx-c1', 'fx-c4']);
    expect((await countReads('Complaint', 'dashboard:complaints-open')) - before).toBe(4);

    expect((await api.call('GET', `/dashboard/complaints-open?${asOfT}`, U.official)).statusCode).toBe(403);
    expect((await countReads('Complaint', 'dashboard:complaints-open')) - before).toBe(4);
  });

  it('summary: the counts of the lists', async () => {
    const leader = await get<Record<string, unknown>>(`/dashboard/summary?${asOfT}`, U.leader);
    expect(leader).toEqual({
      asOf: at(0).toISOString(),
      overdue: { plans: 1, reports: 1 },
      evaluationsOutstanding: 2,
      rotationsDue: { withinDays: 90, eligible: 1, mandatory: 2 },
      complaintsOpen: 3,
      boardReassignments: { pending: 0, approvedThisYear: 0 },
    });
    const auditor = await get<{ complaintsOpen: number; rotationsDue: unknown }>(
      `/dashboard/summary?withinDays=365&${asOfT}`,
      U.auditor,
    );
    expect(auditor.complaintsOpen).toBe(2);
    expect(auditor.rotationsDue).toEqual({ withinDays: 365, eligible: 2, mandatory: 2 });
  });

  it('is refused to officials, area committees and administrators (403) and to bad queries (400)', async () => {
    for (const username of [U.official, U.committee, U.admin]) {
      const response = await api.call('GET', '/dashboard/summary', username);
      expect(response.statusCode, username).toBe(403);
      expect(errorOf(response).code).toBe('FORBIDDEN');
    }
    for (const url of [
      '/dashboard/rotations-due?withinDays=-1',
      '/dashboard/rotations-due?withinDays=1.5',
      '/dashboard/overdue?kind=EVALUATION',
      '/dashboard/overdue?asOf=yesterday',
      '/dashboard/overdue?asOf=2024-02-30',
      '/dashboard/summary?limit=5',
      '/dashboard/evaluations-outstanding?officalId=typo',
      '/dashboard/complaints-open?limit=1000',
    ]) {
      const response = await api.call('GET', url, U.leader);
      expect(response.statusCode, url).toBe(400);
      expect(errorOf(response)).toMatchObject({ code: 'INVALID_INPUT', issues: expect.any(Array) });
    }
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{
      paths: Record<string, { get?: { parameters?: { name: string }[] } }>;
    }>();
    for (const path of [
      '/me',
      '/areas',
      '/areas/{id}',
      '/officials/{id}',
      '/assignments',
      '/dashboard/overdue',
      '/dashboard/rotations-due',
      '/dashboard/summary',
    ]) {
      expect(doc.paths[path]?.get, path).toBeDefined();
    }
    expect(doc.paths['/dashboard/rotations-due']!.get!.parameters!.map((p) => p.name)).toEqual(
      expect.arrayContaining(['withinDays', 'asOf', 'limit', 'cursor']),
    );
  });
});
