/**
 * The directory (/me, departments, areas, groups, officials and the confidential personnel record) and the assignment
 * list and search, through the HTTP API in process, on the real time-skipping Temporal server and a fresh seeded
 * database.
 *
 * One assignment runs for real (proposed and approved through the API, then time skipped past its first monthly
 * plan deadline, which its workflow records as missed): the overdue list and summary, /me, its area and the search are
 * checked on it, and the personnel record of its official. The other reads are checked on rows written directly in
 * `beforeAll` (test/support/dashboard-fixtures.ts), dated around a fixed day T long before the server's clock, so the
 * two sets never mix. The dashboard's figures on those rows are in test/api/dashboard.test.ts.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenSigner } from '../../api/auth/tokens';
import { buildServer } from '../../api/server';
import { addDays, dayOf, startOfDay } from '../../machines/calendar';
import { apiClient, errorOf, SEEDED_USERS as U } from '../support/api-client';
import { apiReads, type Item, type Page, poll } from '../support/api-reads';
import { at, DEPT, insertFixtures } from '../support/dashboard-fixtures';
import { type LifecycleHarness, startLifecycleHarness } from '../support/lifecycle-harness';

let h: LifecycleHarness;
let app: FastifyInstance;
let api: ReturnType<typeof apiClient>;

const DAY_MS = 86_400_000;
const { get, allPages, countReads } = apiReads(() => ({ api, h }));

beforeAll(async () => {
  h = await startLifecycleHarness();
  app = buildServer(
    { prisma: h.db.prisma, provider: h.db.provider, temporal: h.client, taskQueue: h.taskQueue },
    { tokens: new TokenSigner(Buffer.from('test-secret-of-at-least-32-bytes!!')) },
  );
  await app.ready();
  api = apiClient(app);
  await insertFixtures(h.db);
});

afterAll(async () => {
  await app?.close();
  await h?.close();
});

// ───────────────────────── a real assignment, past its first plan deadline ─────────────────────────

describe('a real assignment whose first monthly plan is missed', () => {
  let assignmentId: string;
  let serverNow: string;

  it('is proposed and approved through the API, then its workflow records the missed plan', async () => {
    const today = dayOf(await h.env.currentTimeMs());
    const proposed = await api.call('POST', '/assignments', U.departmentHead, {
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

// ───────────────────────── directory ─────────────────────────

describe('directory', () => {
  it('GET /me for a group leader, an area committee and the administrator', async () => {
    const leader = await get<{ roles: string[]; memberships: Item[] }>('/me', 'cb001');
    expect(leader.roles).toEqual(expect.arrayContaining(['DEPARTMENT_HEAD', 'GROUP_LEADER']));
    expect(leader.memberships).toEqual([
      expect.objectContaining({ group: expect.objectContaining({ id: 'group-01' }), isLeader: true }),
    ]);

    const committee = await get<{ roles: string[]; official: unknown; assignments: unknown[]; area: Item }>(
      '/me',
      U.committee,
    );
    expect(committee.roles).toEqual(['AREA_COMMITTEE']);
    expect(committee.official).toBeNull();
    expect(committee.assignments).toEqual([]);
    expect(committee.area).toMatchObject({
      id: 'area-na-vinh',
      name: 'Thành phố Vinh',
      kind: 'CITY',
      currentAssignment: null,
    });

    const admin = await get<{ user: Item; official: unknown }>('/me', U.admin);
    expect(admin.user).toMatchObject({ username: 'admin' });
    expect(admin.official).toBeNull();
    expect((await app.inject({ method: 'GET', url: '/me' })).statusCode).toBe(401);
  });

  it('GET /departments with their heads', async () => {
    const page = await get<Page<Item & { head: Item | null; officialCount: number }>>('/departments', U.official);
    expect(page.items.map((d) => d.code)).toEqual(['BVCTNB', 'CSD', 'NCTH', 'TCCB', 'TCDDV', 'VP']);
    expect(page.items.find((d) => d.code === 'TCCB')).toMatchObject({
      name: 'Phòng Tổ chức cán bộ',
      head: { fullName: 'Nguyễn Thị Thu Hà', position: 'DEPARTMENT_HEAD' },
      officialCount: 5,
    });
    expect((await api.call('GET', '/departments', U.committee)).statusCode).toBe(403);
  });

  it('GET /areas: by kind, by name (diacritics as typed, any case), with who monitors them, page by page', async () => {
    const communes = await get<Page<Item>>('/areas?kind=COMMUNE', U.official);
    expect(communes.items.map((a) => a.name)).toEqual(['Xã Kim Liên', 'Xã Nghi Phong']);

    const namDan = await get<Page<Item>>(`/areas?q=${encodeURIComponent('đàn')}`, U.official);
    expect(namDan.items.map((a) => a.name).sort()).toEqual(['Huyện Nam Đàn', 'Thị trấn Nam Đàn']);
    expect(
      (await get<Page<Item>>(`/areas?q=${encodeURIComponent('NAM ĐÀN'.normalize('NFD'))}`, U.official)).items,
    ).toHaveLength(2);
    expect((await get<Page<Item>>('/areas?q=Nam%20Dan', U.official)).items).toEqual([]);
    expect((await get<Page<Item>>('/areas?q=', U.official)).items).toHaveLength(20);

    const tinhDoan = await get<Page<Item>>(`/areas?q=${encodeURIComponent('tỉnh đoàn')}`, U.official);
    expect(tinhDoan.items).toEqual([
      expect.objectContaining({
        id: 'area-na-tinhdoan',
        currentAssignment: expect.objectContaining({
          id: 'fx-a1',
          official: expect.objectContaining({ fullName: 'Ngô Thị Mai' }),
        }),
      }),
    ]);

    const { items, pages } = await allPages<Item>('/areas?limit=7', U.official, (a) => a.id);
    expect(pages).toBe(3);
    expect(items).toHaveLength(20);
    expect(items.find((a) => a.id === 'area-na-thaihoa')?.currentAssignment).toBeNull();
    expect((await api.call('GET', '/areas', U.committee)).statusCode).toBe(403);
  });

  it('GET /areas/:id: the history keeps closed assignments with their reason, not rejected proposals', async () => {
    const thaiHoa = await get<{ currentAssignment: unknown; history: Item[] }>('/areas/area-na-thaihoa', U.auditor);
    expect(thaiHoa.currentAssignment).toBeNull();
    expect(thaiHoa.history).toEqual([
      expect.objectContaining({
        id: 'fx-a5',
        state: 'closed',
        closureReason: 'ROTATED',
        closedAt: at(-5).toISOString(),
      }),
    ]);

    const tinhDoan = await get<{ history: Item[]; pendingProposals: Item[] }>('/areas/area-na-tinhdoan', U.auditor);
    expect(tinhDoan.history.map((a) => a.id)).toEqual(['fx-a1']);
    expect(tinhDoan.history[0]).toMatchObject({
      decision: { number: '15-QĐ/BTCTU/fx' },
      official: { id: 'official-cb-012', department: { id: DEPT.bvctnb } },
    });

    const front = await get<{ history: Item[]; pendingProposals: Item[] }>('/areas/area-na-mttq', U.auditor);
    expect(front.history).toEqual([]);
    expect(front.pendingProposals.map((a) => a.id)).toEqual(['fx-a9']);

    expect(errorOf(await api.call('GET', '/areas/area-nowhere', U.auditor)).code).toBe('NOT_FOUND');
  });

  it('GET /groups and /groups/:id: leader and members', async () => {
    const groups = await get<Page<Item & { leader: Item; memberCount: number }>>('/groups', U.official);
    expect(groups.items).toHaveLength(6);
    expect(groups.items[0]).toMatchObject({
      id: 'group-01',
      leader: { id: 'official-cb-001', fullName: 'Phan Văn Hùng' },
      memberCount: 4,
    });

    const group = await get<{
      leader: Item;
      members: (Item & { official: Item; isLeader: boolean })[];
      formerMembers: unknown[];
    }>('/groups/group-01', U.official);
    expect(group.leader).toMatchObject({ id: 'official-cb-001' });
    expect(group.members.map((m) => m.official.id)).toEqual([
      'official-cb-001',
      'official-cb-003',
      'official-cb-008',
      'official-cb-017',
    ]);
    expect(group.members.filter((m) => m.isLeader)).toHaveLength(1);
    expect(group.formerMembers).toEqual([]);
    expect((await api.call('GET', '/groups/group-99', U.official)).statusCode).toBe(404);
  });

  it('GET /officials: the staff list by department and name', async () => {
    const tccb = await get<Page<Item>>(`/officials?departmentId=${DEPT.tccb}`, U.official);
    expect(tccb.items.map((o) => o.code)).toEqual(['CB-006', 'CB-007', 'CB-008', 'CB-009', 'CB-010']);
    expect(Object.keys(tccb.items[0]!).sort()).toEqual(['active', 'code', 'department', 'fullName', 'id', 'position']);

    // "hương" is in Hương and in Phương, not in Hưng or Hùng.
    const huong = await get<Page<Item>>(`/officials?q=${encodeURIComponent('hương')}`, U.official);
    expect(huong.items.map((o) => o.fullName)).toEqual(['Võ Thị Thanh Hương', 'Hà Thị Phương']);
    const head = await get<Page<Item>>(`/officials?q=ld-01`, U.official);
    expect(head.items).toEqual([
      expect.objectContaining({ id: 'official-ld-01', position: 'HEAD_OF_BOARD', department: null }),
    ]);
    const { items } = await allPages<Item>('/officials?limit=15', U.official, (o) => o.id);
    expect(items).toHaveLength(34);
    expect((await api.call('GET', '/officials', U.committee)).statusCode).toBe(403);
  });

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

// ───────────────────────── assignment list ─────────────────────────

describe('GET /assignments', () => {
  it('filters by official and state, newest first, page by page without duplicates', async () => {
    const { items, pages } = await allPages<Item>(
      '/assignments?officialId=official-cb-013&limit=3',
      U.auditor,
      (a) => a.id,
    );
    expect(pages).toBe(2);
    expect(items.map((a) => a.id)).toEqual(['fx-a9', 'fx-a7', 'fx-a6', 'fx-a2']);
    const active = await get<Page<Item>>('/assignments?officialId=official-cb-013&state=active', U.auditor);
    expect(active.items.map((a) => a.id)).toEqual(['fx-a6', 'fx-a2']);
    const closed = await get<Page<Item>>('/assignments?officialId=official-cb-013&state=closed', U.auditor);
    expect(closed.items).toEqual([
      expect.objectContaining({ id: 'fx-a7', closureReason: 'REJECTED', approvedById: null }),
    ]);
    expect((await get<Page<Item>>('/assignments?state=active.rotationDue', U.auditor)).items.map((a) => a.id)).toEqual([
      'fx-a3',
    ]);
  });

  it('searches area and official names with diacritics as typed, in any case', async () => {
    const byArea = await get<Page<Item>>(`/assignments?q=${encodeURIComponent('TỈNH ĐOÀN')}`, U.auditor);
    expect(byArea.items.map((a) => a.id)).toEqual(['fx-a7', 'fx-a1']);
    expect((await get<Page<Item>>('/assignments?q=Tinh%20Doan', U.auditor)).items).toEqual([]);
    const byOfficial = await get<Page<Item>>(`/assignments?q=${encodeURIComponent('Ngô Thị Mai')}`, U.auditor);
    expect(byOfficial.items).toEqual([
      expect.objectContaining({
        id: 'fx-a1',
        area: expect.objectContaining({ name: 'Tỉnh đoàn' }),
        decision: { number: '15-QĐ/BTCTU/fx', issuedOn: expect.any(String) },
      }),
    ]);
    const combined = await get<Page<Item>>(
      `/assignments?q=${encodeURIComponent('đoàn')}&officialId=official-cb-012`,
      U.auditor,
    );
    expect(combined.items.map((a) => a.id)).toEqual(['fx-a1']);
  });

  it('is for Board staff only, and refuses unknown or bad parameters (400)', async () => {
    expect((await api.call('GET', '/assignments', U.committee)).statusCode).toBe(403);
    for (const query of ['foo=1', 'state=bogus', 'limit=0', 'limit=101', 'limit=abc']) {
      const response = await api.call('GET', `/assignments?${query}`, U.auditor);
      expect(response.statusCode, query).toBe(400);
      expect(errorOf(response).code).toBe('INVALID_INPUT');
    }
  });
});
