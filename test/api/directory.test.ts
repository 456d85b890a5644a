/**
 * The directory through the HTTP API in process, on the real time-skipping Temporal server and a fresh seeded
 * database: one assignment that runs for real, and the confidential personnel record.
 *
 * The assignment is proposed and approved through the API, then time skipped past its first monthly plan deadline,
 * which its workflow records as missed: the overdue list and summary, /me, its area and the search are checked on it,
 * and the personnel record of its official. The other personnel record is checked on rows written directly in
 * `beforeAll` (test/support/dashboard-fixtures.ts), dated around a fixed day T long before the server's clock, so the
 * two sets never mix. The directory's other reads and the assignment list on those rows are in
 * test/api/directory-lists.test.ts; the dashboard's figures on them in test/api/dashboard.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayOf, startOfDay } from '../../machines/calendar';
import { apiClient, errorOf, SEEDED_USERS as U } from '../support/api-client';
import { apiReads, type Item, type Page, poll } from '../support/api-reads';
import { at, DEPT, insertFixtures } from '../support/dashboard-fixtures';
import { type ApiSuite, startApiSuite } from '../support/api-suite';
import type { LifecycleHarness } from '../support/lifecycle-harness';

let h: LifecycleHarness;
let suite: ApiSuite | undefined;
let api: ReturnType<typeof apiClient>;

const DAY_MS = 86_400_000;
const { get, countReads } = apiReads(() => ({ api, h }));

beforeAll(async () => {
  suite = await startApiSuite();
  ({ h, api } = suite);
  await insertFixtures(h.db);
});

afterAll(async () => {
  await suite?.close();
});

// ───────────────────────── a real assignment, past its first plan deadline ─────────────────────────

describe('a real assignment whose first monthly plan is missed', () => {
  let assignmentId: string;
  let serverNow: string;

  it('is proposed and approved through the API, then its workflow records the missed plan', async () => {
    const today = dayOf(await h.env.currentTimeMs());
    const proposed = await api.call('POST', '/assignments', U.officialsHead, {
      areaId: 'area-na-namdan',
      officialId: 'official-cb-003',
      effectiveFrom: today,
      reason: 'Phân công theo dõi Huyện Nam Đàn',
    });
    expect(proposed.statusCode, proposed.body).toBe(201);
    assignmentId = proposed.json<{ assignmentId: string }>().assignmentId;
    const approved = await api.call('POST', `/assignments/${assignmentId}/approve`, U.leader, {
      decision: { number: '21-QĐ/BTCTU/dash', issuedOn: today, signerId: 'official-ld-02' },
    });
    expect(approved.statusCode, approved.body).toBe(200);

    // The first full month starts its cycle on its first day; its plan deadline is then on record.
    const firstMonth = today.endsWith('-01') ? today.slice(0, 7) : addDays(`${today.slice(0, 7)}-01`, 32).slice(0, 7);
    await h.sleepUntil(startOfDay(`${firstMonth}-01`) + 6 * 3_600_000);
    const planDeadline = await poll(() =>
      h.db.prisma.deadline.findUnique({
        where: { assignmentId_subject_reference: { assignmentId, subject: 'MONTHLY_PLAN', reference: firstMonth } },
      }),
    );
    await h.sleepUntil(planDeadline.dueAt.getTime() + DAY_MS);
    await poll(() => h.db.prisma.deadline.findFirst({ where: { id: planDeadline.id, status: 'MISSED' } }));
    serverNow = new Date(await h.env.currentTimeMs()).toISOString();
  });

  it('lists the missed plan on the overdue dashboard with its escalation', async () => {
    const page = await get<Page<Item>>(
      `/dashboard/overdue?kind=PLAN&officialId=official-cb-003&asOf=${serverNow}`,
      U.leader,
    );
    expect(page.items).toHaveLength(1);
    const item = page.items[0]!;
    expect(item).toMatchObject({
      kind: 'PLAN',
      status: 'MISSED',
      assignmentId,
      area: { id: 'area-na-namdan', name: 'Huyện Nam Đàn' },
      official: { id: 'official-cb-003', fullName: 'Đặng Minh Tuấn', department: { id: DEPT.tcddv } },
    });
    expect(item.escalationLevel).toBeGreaterThanOrEqual(1);
    expect(item.lastEscalation).toMatchObject({ level: item.escalationLevel });
    expect(item.daysOverdue).toBeGreaterThanOrEqual(1);
    // The report of that month is not due yet.
    expect(
      (await get<Page<Item>>(`/dashboard/overdue?kind=REPORT&officialId=official-cb-003&asOf=${serverNow}`, U.leader))
        .items,
    ).toEqual([]);

    const summary = await get<{ overdue: { plans: number; reports: number } }>(
      `/dashboard/summary?officialId=official-cb-003&asOf=${serverNow}`,
      U.auditor,
    );
    expect(summary.overdue).toEqual({ plans: 1, reports: 0 });
    // A department head of another department does not see it; the official's own (TCDDV: cb001) would.
    expect(
      (await get<Page<Item>>(`/dashboard/overdue?officialId=official-cb-003&asOf=${serverNow}`, U.departmentHead))
        .items,
    ).toEqual([]);
    expect(
      (await get<Page<Item>>(`/dashboard/overdue?officialId=official-cb-003&asOf=${serverNow}`, 'cb001')).items,
    ).toHaveLength(1);
  });

  it('shows in /me, in the area and in the assignment search', async () => {
    const me = await get<{ official: Item; assignments: Item[]; memberships: Item[]; area: unknown }>(
      '/me',
      U.official,
    );
    expect(me.official).toMatchObject({
      id: 'official-cb-003',
      fullName: 'Đặng Minh Tuấn',
      department: { code: 'TCDDV' },
    });
    expect(me.assignments).toEqual([
      expect.objectContaining({
        id: assignmentId,
        state: 'active.serving',
        area: expect.objectContaining({ id: 'area-na-namdan' }),
      }),
    ]);
    expect(me.memberships).toEqual([
      expect.objectContaining({ group: { id: 'group-01', name: 'Nhóm theo dõi địa bàn số 1' }, isLeader: false }),
    ]);
    expect(me.area).toBeNull();

    const area = await get<{ currentAssignment: Item; history: Item[]; children: Item[]; leaderInCharge: Item }>(
      '/areas/area-na-namdan',
      U.official,
    );
    expect(area.currentAssignment).toMatchObject({ id: assignmentId, official: { id: 'official-cb-003' } });
    expect(area.history).toEqual([
      expect.objectContaining({
        id: assignmentId,
        decision: expect.objectContaining({ number: '21-QĐ/BTCTU/dash' }),
        closedAt: null,
      }),
    ]);
    expect(area.children.map((c) => c.name).sort()).toEqual(['Thị trấn Nam Đàn', 'Xã Kim Liên']);
    expect(area.leaderInCharge).toMatchObject({ id: 'official-ld-03' });

    const byName = await get<Page<Item>>(`/assignments?q=${encodeURIComponent('Đặng Minh Tuấn')}`, U.auditor);
    expect(byName.items.map((i) => i.id)).toEqual([assignmentId]);
    // Typed decomposed (NFD), lower case: the same official.
    const decomposed = await get<Page<Item>>(
      `/assignments?q=${encodeURIComponent('minh tuấn'.normalize('NFD'))}`,
      U.auditor,
    );
    expect(decomposed.items.map((i) => i.id)).toEqual([assignmentId]);
    // Without the diacritics it is another name.
    expect((await get<Page<Item>>('/assignments?q=Minh%20Tuan', U.auditor)).items).toEqual([]);
    expect(
      (await get<Page<Item>>('/assignments?areaId=area-na-namdan&state=active', U.official)).items.map((i) => i.id),
    ).toEqual([assignmentId]);
  });
});

// ───────────────────────── the personnel record ─────────────────────────

describe('directory', () => {
  describe('GET /officials/:id: the personnel record', () => {
    type PersonnelRecord = {
      official: Item;
      positionChanges: Item[];
      assignments: (Item & { evaluations: Item[] })[];
      missedDeadlines: Item[];
      memberships: Item[];
    };

    it('is read by leadership, the department head, the official, the auditor and the administrator, each read audited', async () => {
      const before = await countReads('Official', 'official-cb-012');
      const record = await get<PersonnelRecord>('/officials/official-cb-012', U.leader);
      expect(record.official).toMatchObject({
        fullName: 'Ngô Thị Mai',
        position: 'DEPUTY_DEPARTMENT_HEAD',
        department: { id: DEPT.bvctnb },
        email: 'cb-012@btctu.nghean.example',
      });
      expect(record.positionChanges).toEqual([
        {
          at: at(-3).toISOString(),
          assignmentId: 'fx-a1',
          note: 'Bổ nhiệm Phó Trưởng phòng',
          reportedById: 'official-cb-011',
        },
      ]);
      expect(record.assignments.map((a) => a.id)).toEqual(['fx-a1']);
      expect(record.assignments[0]!.evaluations).toEqual([
        expect.objectContaining({ year: 2021, state: 'rated', proposedRating: 'GOOD', rating: 'EXCELLENT' }),
        expect.objectContaining({ year: 2022, state: 'ratingProposed', proposedRating: 'GOOD', rating: null }),
        expect.objectContaining({ year: 2023, rating: null }),
        expect.objectContaining({ year: 2024, rating: null }),
      ]);
      expect(record.missedDeadlines.map((d) => d.reference)).toEqual(['2024-01', '2024-01']);
      expect(JSON.stringify(record)).not.toContain('Đơn phản ánh'); // complaints are not part of it

      // The official themself sees the final rating, not the group leader's proposal.
      const own = await get<PersonnelRecord>('/officials/official-cb-012', 'cb012');
      expect(own.assignments[0]!.evaluations[0]).toMatchObject({ rating: 'EXCELLENT', proposedRating: null });
      await get('/officials/official-cb-012', U.departmentHead); // cb011 heads BVCTNB
      await get('/officials/official-cb-012', U.auditor);
      await get('/officials/official-cb-012', U.admin);
      expect((await countReads('Official', 'official-cb-012')) - before).toBe(5);
      const last = await h.db.prisma.auditEvent.findFirst({
        where: { action: 'CONFIDENTIAL_READ', entityId: 'official-cb-012' },
        orderBy: { seq: 'desc' },
      });
      expect(last).toMatchObject({ actorId: 'user-admin', entityType: 'Official' });
      expect(last?.payload).toMatchObject({ ids: ['fx-e2021', 'fx-e2022', 'fx-e2023', 'fx-e2024'] });
    });

    it("is refused (403, unaudited) to another official, another department's head and area committees", async () => {
      const before = await countReads('Official', 'official-cb-012');
      const other = await api.call('GET', '/officials/official-cb-012', U.official);
      expect(other.statusCode).toBe(403);
      expect(errorOf(other)).toMatchObject({ code: 'FORBIDDEN', reason: 'CONFIDENTIAL' });
      // cb011 heads BVCTNB; cb003 is in TCDDV.
      expect((await api.call('GET', '/officials/official-cb-003', U.departmentHead)).statusCode).toBe(403);
      expect((await api.call('GET', '/officials/official-cb-012', U.committee)).statusCode).toBe(403);
      expect(await countReads('Official', 'official-cb-012')).toBe(before);
      expect((await api.call('GET', '/officials/official-nobody', U.leader)).statusCode).toBe(404);
      // cb003 reads their own record: the real assignment, no missed deadline before its first month.
      const own = await get<PersonnelRecord>('/officials/official-cb-003', U.official);
      expect(own.assignments).toHaveLength(1);
      expect(own.memberships).toEqual([
        expect.objectContaining({ group: expect.objectContaining({ id: 'group-01' }), until: null }),
      ]);
    });
  });
});
