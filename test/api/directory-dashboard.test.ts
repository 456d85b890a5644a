/**
 * The directory (/me, departments, areas, groups, officials and the confidential personnel record), the assignment
 * list and search, and the dashboard, through the HTTP API in process, on the real time-skipping Temporal server and
 * a fresh seeded database.
 *
 * One assignment runs for real (proposed and approved through the API, then time skipped past its first monthly
 * plan deadline, which its workflow records as missed): the overdue list and summary are checked on it. The other
 * dashboard figures are read queries, checked on rows written directly in `beforeAll`, all dated around a fixed day
 * T (2024-03-01, long before the server's clock) and read with `asOf`, so the two sets never mix.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordOnce } from '../../activities/audit-log';
import { TokenSigner } from '../../api/auth/tokens';
import { buildServer } from '../../api/server';
import { addDays, dayOf, endOfDay, startOfDay } from '../../machines/calendar';
import { apiClient, errorOf, SEEDED_USERS as U } from '../support/api-client';
import { type LifecycleHarness, startLifecycleHarness } from '../support/lifecycle-harness';

let h: LifecycleHarness;
let app: FastifyInstance;
let api: ReturnType<typeof apiClient>;

const T = '2024-03-01';
const DAY_MS = 86_400_000;
/** The first instant of the day `days` after T, and the deadline instant (end of day) of that day. */
const at = (days: number) => new Date(startOfDay(addDays(T, days)));
const due = (days: number) => new Date(endOfDay(addDays(T, days)));
const shiftYears = (date: Date, years: number) => {
  const shifted = new Date(date);
  shifted.setUTCFullYear(shifted.getUTCFullYear() + years);
  return shifted;
};

const DEPT = { tcddv: 'department-tcddv', tccb: 'department-tccb', bvctnb: 'department-bvctnb' };

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
type Item = Record<string, unknown> & { id: string };

async function get<T = Record<string, unknown>>(url: string, username: string, status = 200): Promise<T> {
  const response = await api.call('GET', url, username);
  expect(response.statusCode, `${username} GET ${url}: ${response.body}`).toBe(status);
  return response.json<T>();
}

/** Every page of a list, checking that no item comes twice. */
async function allPages<T extends object>(url: string, username: string, key: (item: T) => string): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const page: Page<T> = await get<Page<T>>(`${url}${cursor ? `${sep}cursor=${encodeURIComponent(cursor)}` : ''}`, username);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages += 1;
    expect(pages).toBeLessThan(50);
  } while (cursor);
  expect(new Set(items.map(key)).size, 'no item on two pages').toBe(items.length);
  return { items, pages };
}

const countReads = (entityType: string, entityId: string) =>
  h.db.prisma.auditEvent.count({ where: { action: 'CONFIDENTIAL_READ', entityType, entityId } });

// ───────────────────────── fixtures (dated around T) ─────────────────────────

interface Fixture {
  id: string;
  officialId: string;
  areaId: string;
  state: string;
  eligibleAt: Date;
  dueAt: Date;
  approved?: boolean;
  closedAt?: Date;
  closureReason?: 'ROTATED' | 'REJECTED';
}

/** Rotation dates from the eligibility date, with the default policy's 3 and 5 years. */
const fromEligible = (eligibleAt: Date) => ({ eligibleAt, dueAt: shiftYears(eligibleAt, 2) });
const fromDue = (dueAt: Date) => ({ eligibleAt: shiftYears(dueAt, -2), dueAt });

const FX: Record<string, Fixture> = {
  // cb-012 (BVCTNB) at Tỉnh đoàn: eligible for rotation 60 days after T; carries deadlines, evaluations, complaints.
  a1: { id: 'fx-a1', officialId: 'official-cb-012', areaId: 'area-na-tinhdoan', state: 'active.serving', ...fromEligible(at(60)) },
  // cb-013 (BVCTNB): eligible 200 days after T (outside the default 90-day window).
  a2: { id: 'fx-a2', officialId: 'official-cb-013', areaId: 'area-na-hlhpn', state: 'active.serving', ...fromEligible(at(200)) },
  // cb-015 (BVCTNB): mandatory rotation 10 days overdue at T, a rotation proposal pending.
  a3: { id: 'fx-a3', officialId: 'official-cb-015', areaId: 'area-na-hoangmai', state: 'active.rotationDue', ...fromDue(at(-10)) },
  // cb-009 (TCCB): mandatory rotation 30 days after T.
  a4: { id: 'fx-a4', officialId: 'official-cb-009', areaId: 'area-na-dienchau', state: 'active.rotationEligible', ...fromDue(at(30)) },
  // cb-010 (TCCB): closed by rotation, its dates would otherwise be due.
  a5: { id: 'fx-a5', officialId: 'official-cb-010', areaId: 'area-na-thaihoa', state: 'closed', ...fromDue(at(-1)), closedAt: at(-5), closureReason: 'ROTATED' },
  // cb-013: eligible since 100 days before T, not "reaching" the threshold in the window.
  a6: { id: 'fx-a6', officialId: 'official-cb-013', areaId: 'area-na-kbnn', state: 'active.rotationEligible', ...fromEligible(at(-100)) },
  // cb-013: a rejected proposal for Tỉnh đoàn: no part of the area's history.
  a7: { id: 'fx-a7', officialId: 'official-cb-013', areaId: 'area-na-tinhdoan', state: 'closed', ...fromEligible(at(900)), approved: false, closedAt: at(-300), closureReason: 'REJECTED' },
  // cb-014, the auditor, once monitored Sở Nội vụ; a complaint about them stays open.
  a8: { id: 'fx-a8', officialId: 'official-cb-014', areaId: 'area-na-snv', state: 'closed', ...fromEligible(at(-400)), closedAt: at(-30), closureReason: 'ROTATED' },
  // cb-013: a proposal awaiting leadership for the Fatherland Front.
  a9: { id: 'fx-a9', officialId: 'official-cb-013', areaId: 'area-na-mttq', state: 'awaitingApproval', ...fromEligible(at(1200)), approved: false },
};

async function insertFixtures(): Promise<void> {
  const prisma = h.db.prisma;
  const decision = await prisma.decision.create({
    data: { number: '15-QĐ/BTCTU/fx', issuedOn: shiftYears(at(60), -3), kind: 'APPOINTMENT', summary: 'Phân công theo dõi Tỉnh đoàn', signerId: 'official-ld-02' },
  });
  for (const [i, f] of Object.values(FX).entries()) {
    await prisma.assignment.create({
      data: {
        id: f.id,
        workflowId: `assignment-${f.id}`,
        areaId: f.areaId,
        officialId: f.officialId,
        state: f.state,
        proposedById: 'official-cb-011',
        approvedById: f.approved === false ? null : 'official-ld-02',
        decisionId: f.id === 'fx-a1' ? decision.id : null,
        effectiveFrom: shiftYears(f.eligibleAt, -3),
        rotationEligibleAt: f.eligibleAt,
        rotationDueAt: f.dueAt,
        closedAt: f.closedAt ?? null,
        closureReason: f.closureReason ?? null,
        // Distinct creation instants: the list is newest first.
        createdAt: new Date(at(-1000).getTime() + i * 60_000),
      },
    });
  }
  await prisma.approvalRequest.create({
    data: { id: 'fx-rotation-a3', assignmentId: 'fx-a3', kind: 'ROTATION', proposedById: 'official-ld-03', reason: 'Luân chuyển', payload: {}, createdAt: at(-20) },
  });

  // Monthly deadlines of a1.
  const deadline = (id: string, subject: 'MONTHLY_PLAN' | 'MONTHLY_REPORT', reference: string, dueDay: number, status: 'OPEN' | 'MET' | 'MISSED', escalationLevel = 0) =>
    prisma.deadline.create({
      data: { id, assignmentId: 'fx-a1', subject, reference, dueAt: due(dueDay), status, escalationLevel, ...(status === 'MISSED' && { missedAt: at(dueDay + 1) }) },
    });
  await deadline('fx-d1-plan-2024-01', 'MONTHLY_PLAN', '2024-01', -50, 'MISSED', 2); // filed late: not overdue
  await deadline('fx-d2-report-2024-01', 'MONTHLY_REPORT', '2024-01', -25, 'MISSED', 1); // never filed: overdue
  await deadline('fx-d3-plan-2024-02', 'MONTHLY_PLAN', '2024-02', -20, 'OPEN'); // past due, miss not recorded; filed at T+2
  await deadline('fx-d4-report-2024-02', 'MONTHLY_REPORT', '2024-02', 4, 'OPEN'); // due 4 days after T
  await deadline('fx-d5-plan-2023-12', 'MONTHLY_PLAN', '2023-12', -85, 'MET');
  await prisma.escalation.createMany({
    data: [
      { deadlineId: 'fx-d1-plan-2024-01', level: 1, target: 'GROUP_LEADER', recipientId: 'official-cb-011', at: at(-49) },
      { deadlineId: 'fx-d1-plan-2024-01', level: 2, target: 'LEADER_IN_CHARGE', recipientId: 'official-ld-02', at: at(-46) },
      { deadlineId: 'fx-d2-report-2024-01', level: 1, target: 'GROUP_LEADER', recipientId: 'official-cb-011', at: at(-24) },
    ],
  });
  const plan = { assignmentId: 'fx-a1', content: 'Kế hoạch làm việc với Ban Thường vụ Tỉnh đoàn', filedById: 'official-cb-012' };
  await prisma.monthlyPlan.createMany({
    data: [
      { ...plan, period: '2023-12', filedAt: at(-90), late: false },
      { ...plan, period: '2024-01', filedAt: at(-45), late: true },
      { ...plan, period: '2024-02', filedAt: at(2), late: true },
    ],
  });

  // Annual evaluations of a1.
  const evaluation = { assignmentId: 'fx-a1' };
  await prisma.annualEvaluation.createMany({
    data: [
      { ...evaluation, id: 'fx-e2023', year: 2023, state: 'requested.overdue', requestedAt: at(-91), dueAt: due(-55) },
      { ...evaluation, id: 'fx-e2022', year: 2022, state: 'ratingProposed', requestedAt: at(-456), dueAt: due(-420), receivedAt: at(-425), proposedRating: 'GOOD', proposedById: 'official-cb-011' },
      { ...evaluation, id: 'fx-e2021', year: 2021, state: 'rated', requestedAt: at(-821), dueAt: due(-785), receivedAt: at(-790), proposedRating: 'GOOD', rating: 'EXCELLENT', ratedAt: at(-760), ratedById: 'official-ld-02' },
      { ...evaluation, id: 'fx-e2024', year: 2024, state: 'requested.awaiting', requestedAt: at(275), dueAt: due(310) },
    ],
  });

  // Complaints: two open about cb-012, one closed, one open about the auditor.
  const complaint = (id: string, assignmentId: string, officialId: string, state: string, filedDay: number, dueDay: number) =>
    prisma.complaint.create({
      data: { id, workflowId: `complaint-${id}`, assignmentId, officialId, summary: 'Đơn phản ánh', source: 'Đơn thư', state, filedById: 'official-cb-014', filedAt: at(filedDay), verificationDueAt: due(dueDay) },
    });
  await complaint('fx-c1', 'fx-a1', 'official-cb-012', 'underVerification.inTime', -10, 30);
  await complaint('fx-c2', 'fx-a1', 'official-cb-012', 'underVerification.overdue', -60, -15);
  await complaint('fx-c3', 'fx-a1', 'official-cb-012', 'verifiedUnfounded', -200, -160);
  await complaint('fx-c4', 'fx-a8', 'official-cb-014', 'filed', -5, 40);

  // A change of position reported on a1, through the audit chain as the workflow writes it.
  await recordOnce(
    h.db,
    {
      idempotencyKey: 'fx-a1-position-change',
      at: at(-3).toISOString(),
      actorId: 'official-cb-011',
      action: 'GROUND_ESTABLISHED',
      entityType: 'Assignment',
      entityId: 'fx-a1',
      assignmentId: 'fx-a1',
      payload: { ground: { kind: 'POSITION_CHANGED', note: 'Bổ nhiệm Phó Trưởng phòng' } },
    },
    async () => {},
  );
}

beforeAll(async () => {
  h = await startLifecycleHarness();
  app = buildServer(
    { prisma: h.db.prisma, provider: h.db.provider, temporal: h.client, taskQueue: h.taskQueue },
    { tokens: new TokenSigner(Buffer.from('test-secret-of-at-least-32-bytes!!')) },
  );
  await app.ready();
  api = apiClient(app);
  await insertFixtures();
});

afterAll(async () => {
  await app?.close();
  await h?.close();
});

const asOfT = `asOf=${T}`;

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
      h.db.prisma.deadline.findUnique({ where: { assignmentId_subject_reference: { assignmentId, subject: 'MONTHLY_PLAN', reference: firstMonth } } }),
    );
    await h.sleepUntil(planDeadline.dueAt.getTime() + DAY_MS);
    await poll(() => h.db.prisma.deadline.findFirst({ where: { id: planDeadline.id, status: 'MISSED' } }));
    serverNow = new Date(await h.env.currentTimeMs()).toISOString();
  });

  it('lists the missed plan on the overdue dashboard with its escalation', async () => {
    const page = await get<Page<Item>>(`/dashboard/overdue?kind=PLAN&officialId=official-cb-003&asOf=${serverNow}`, U.leader);
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
    expect((await get<Page<Item>>(`/dashboard/overdue?kind=REPORT&officialId=official-cb-003&asOf=${serverNow}`, U.leader)).items).toEqual([]);

    const summary = await get<{ overdue: { plans: number; reports: number } }>(`/dashboard/summary?officialId=official-cb-003&asOf=${serverNow}`, U.auditor);
    expect(summary.overdue).toEqual({ plans: 1, reports: 0 });
    // A department head of another department does not see it; the official's own (TCDDV: cb001) would.
    expect((await get<Page<Item>>(`/dashboard/overdue?officialId=official-cb-003&asOf=${serverNow}`, U.departmentHead)).items).toEqual([]);
    expect((await get<Page<Item>>(`/dashboard/overdue?officialId=official-cb-003&asOf=${serverNow}`, 'cb001')).items).toHaveLength(1);
  });

  it('shows in /me, in the area and in the assignment search', async () => {
    const me = await get<{ official: Item; assignments: Item[]; memberships: Item[]; area: unknown }>('/me', U.official);
    expect(me.official).toMatchObject({ id: 'official-cb-003', fullName: 'Đặng Minh Tuấn', department: { code: 'TCDDV' } });
    expect(me.assignments).toEqual([expect.objectContaining({ id: assignmentId, state: 'active.serving', area: expect.objectContaining({ id: 'area-na-namdan' }) })]);
    expect(me.memberships).toEqual([expect.objectContaining({ group: { id: 'group-01', name: 'Nhóm theo dõi địa bàn số 1' }, isLeader: false })]);
    expect(me.area).toBeNull();

    const area = await get<{ currentAssignment: Item; history: Item[]; children: Item[]; leaderInCharge: Item }>('/areas/area-na-namdan', U.official);
    expect(area.currentAssignment).toMatchObject({ id: assignmentId, official: { id: 'official-cb-003' } });
    expect(area.history).toEqual([expect.objectContaining({ id: assignmentId, decision: expect.objectContaining({ number: '21-QĐ/BTCTU/dash' }), closedAt: null })]);
    expect(area.children.map((c) => c.name).sort()).toEqual(['Thị trấn Nam Đàn', 'Xã Kim Liên']);
    expect(area.leaderInCharge).toMatchObject({ id: 'official-ld-03' });

    const byName = await get<Page<Item>>(`/assignments?q=${encodeURIComponent('Đặng Minh Tuấn')}`, U.auditor);
    expect(byName.items.map((i) => i.id)).toEqual([assignmentId]);
    // Typed decomposed (NFD), lower case: the same official.
    const decomposed = await get<Page<Item>>(`/assignments?q=${encodeURIComponent('minh tuấn'.normalize('NFD'))}`, U.auditor);
    expect(decomposed.items.map((i) => i.id)).toEqual([assignmentId]);
    // Without the diacritics it is another name.
    expect((await get<Page<Item>>('/assignments?q=Minh%20Tuan', U.auditor)).items).toEqual([]);
    expect((await get<Page<Item>>('/assignments?areaId=area-na-namdan&state=active', U.official)).items.map((i) => i.id)).toEqual([assignmentId]);
  });
});

// ───────────────────────── directory ─────────────────────────

describe('directory', () => {
  it('GET /me for a group leader, an area committee and the administrator', async () => {
    const leader = await get<{ roles: string[]; memberships: Item[] }>('/me', 'cb001');
    expect(leader.roles).toEqual(expect.arrayContaining(['DEPARTMENT_HEAD', 'GROUP_LEADER']));
    expect(leader.memberships).toEqual([expect.objectContaining({ group: expect.objectContaining({ id: 'group-01' }), isLeader: true })]);

    const committee = await get<{ roles: string[]; official: unknown; assignments: unknown[]; area: Item }>('/me', U.committee);
    expect(committee.roles).toEqual(['AREA_COMMITTEE']);
    expect(committee.official).toBeNull();
    expect(committee.assignments).toEqual([]);
    expect(committee.area).toMatchObject({ id: 'area-na-vinh', name: 'Thành phố Vinh', kind: 'CITY', currentAssignment: null });

    const admin = await get<{ user: Item; official: unknown }>('/me', U.admin);
    expect(admin.user).toMatchObject({ username: 'admin' });
    expect(admin.official).toBeNull();
    expect((await app.inject({ method: 'GET', url: '/me' })).statusCode).toBe(401);
  });

  it('GET /departments with their heads', async () => {
    const page = await get<Page<Item & { head: Item | null; officialCount: number }>>('/departments', U.official);
    expect(page.items.map((d) => d.code)).toEqual(['BVCTNB', 'CSD', 'NCTH', 'TCCB', 'TCDDV', 'VP']);
    expect(page.items.find((d) => d.code === 'TCCB')).toMatchObject({ name: 'Phòng Tổ chức cán bộ', head: { fullName: 'Nguyễn Thị Thu Hà', position: 'DEPARTMENT_HEAD' }, officialCount: 5 });
    expect((await api.call('GET', '/departments', U.committee)).statusCode).toBe(403);
  });

  it('GET /areas: by kind, by name (diacritics as typed, any case), with who monitors them, page by page', async () => {
    const communes = await get<Page<Item>>('/areas?kind=COMMUNE', U.official);
    expect(communes.items.map((a) => a.name)).toEqual(['Xã Kim Liên', 'Xã Nghi Phong']);

    const namDan = await get<Page<Item>>(`/areas?q=${encodeURIComponent('đàn')}`, U.official);
    expect(namDan.items.map((a) => a.name).sort()).toEqual(['Huyện Nam Đàn', 'Thị trấn Nam Đàn']);
    expect((await get<Page<Item>>(`/areas?q=${encodeURIComponent('NAM ĐÀN'.normalize('NFD'))}`, U.official)).items).toHaveLength(2);
    expect((await get<Page<Item>>('/areas?q=Nam%20Dan', U.official)).items).toEqual([]);
    expect((await get<Page<Item>>('/areas?q=', U.official)).items).toHaveLength(20);

    const tinhDoan = await get<Page<Item>>(`/areas?q=${encodeURIComponent('tỉnh đoàn')}`, U.official);
    expect(tinhDoan.items).toEqual([
      expect.objectContaining({ id: 'area-na-tinhdoan', currentAssignment: expect.objectContaining({ id: 'fx-a1', official: expect.objectContaining({ fullName: 'Ngô Thị Mai' }) }) }),
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
    expect(thaiHoa.history).toEqual([expect.objectContaining({ id: 'fx-a5', state: 'closed', closureReason: 'ROTATED', closedAt: at(-5).toISOString() })]);

    const tinhDoan = await get<{ history: Item[]; pendingProposals: Item[] }>('/areas/area-na-tinhdoan', U.auditor);
    expect(tinhDoan.history.map((a) => a.id)).toEqual(['fx-a1']);
    expect(tinhDoan.history[0]).toMatchObject({ decision: { number: '15-QĐ/BTCTU/fx' }, official: { id: 'official-cb-012', department: { id: DEPT.bvctnb } } });

    const front = await get<{ history: Item[]; pendingProposals: Item[] }>('/areas/area-na-mttq', U.auditor);
    expect(front.history).toEqual([]);
    expect(front.pendingProposals.map((a) => a.id)).toEqual(['fx-a9']);

    expect(errorOf(await api.call('GET', '/areas/area-nowhere', U.auditor)).code).toBe('NOT_FOUND');
  });

  it('GET /groups and /groups/:id: leader and members', async () => {
    const groups = await get<Page<Item & { leader: Item; memberCount: number }>>('/groups', U.official);
    expect(groups.items).toHaveLength(6);
    expect(groups.items[0]).toMatchObject({ id: 'group-01', leader: { id: 'official-cb-001', fullName: 'Phan Văn Hùng' }, memberCount: 4 });

    const group = await get<{ leader: Item; members: (Item & { official: Item; isLeader: boolean })[]; formerMembers: unknown[] }>('/groups/group-01', U.official);
    expect(group.leader).toMatchObject({ id: 'official-cb-001' });
    expect(group.members.map((m) => m.official.id)).toEqual(['official-cb-001', 'official-cb-003', 'official-cb-008', 'official-cb-017']);
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
    expect(head.items).toEqual([expect.objectContaining({ id: 'official-ld-01', position: 'HEAD_OF_BOARD', department: null })]);
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
      expect(record.official).toMatchObject({ fullName: 'Ngô Thị Mai', position: 'DEPUTY_DEPARTMENT_HEAD', department: { id: DEPT.bvctnb }, email: 'cb-012@btctu.nghean.example' });
      expect(record.positionChanges).toEqual([{ at: at(-3).toISOString(), assignmentId: 'fx-a1', note: 'Bổ nhiệm Phó Trưởng phòng', reportedById: 'official-cb-011' }]);
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
      const last = await h.db.prisma.auditEvent.findFirst({ where: { action: 'CONFIDENTIAL_READ', entityId: 'official-cb-012' }, orderBy: { seq: 'desc' } });
      expect(last).toMatchObject({ actorId: 'user-admin', entityType: 'Official' });
      expect(last?.payload).toMatchObject({ ids: ['fx-e2021', 'fx-e2022', 'fx-e2023', 'fx-e2024'] });
    });

    it('is refused (403, unaudited) to another official, another department\'s head and area committees', async () => {
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
      expect(own.memberships).toEqual([expect.objectContaining({ group: expect.objectContaining({ id: 'group-01' }), until: null })]);
    });
  });
});

// ───────────────────────── assignment list ─────────────────────────

describe('GET /assignments', () => {
  it('filters by official and state, newest first, page by page without duplicates', async () => {
    const { items, pages } = await allPages<Item>('/assignments?officialId=official-cb-013&limit=3', U.auditor, (a) => a.id);
    expect(pages).toBe(2);
    expect(items.map((a) => a.id)).toEqual(['fx-a9', 'fx-a7', 'fx-a6', 'fx-a2']);
    const active = await get<Page<Item>>('/assignments?officialId=official-cb-013&state=active', U.auditor);
    expect(active.items.map((a) => a.id)).toEqual(['fx-a6', 'fx-a2']);
    const closed = await get<Page<Item>>('/assignments?officialId=official-cb-013&state=closed', U.auditor);
    expect(closed.items).toEqual([expect.objectContaining({ id: 'fx-a7', closureReason: 'REJECTED', approvedById: null })]);
    expect((await get<Page<Item>>('/assignments?state=active.rotationDue', U.auditor)).items.map((a) => a.id)).toEqual(['fx-a3']);
  });

  it('searches area and official names with diacritics as typed, in any case', async () => {
    const byArea = await get<Page<Item>>(`/assignments?q=${encodeURIComponent('TỈNH ĐOÀN')}`, U.auditor);
    expect(byArea.items.map((a) => a.id)).toEqual(['fx-a7', 'fx-a1']);
    expect((await get<Page<Item>>('/assignments?q=Tinh%20Doan', U.auditor)).items).toEqual([]);
    const byOfficial = await get<Page<Item>>(`/assignments?q=${encodeURIComponent('Ngô Thị Mai')}`, U.auditor);
    expect(byOfficial.items).toEqual([expect.objectContaining({ id: 'fx-a1', area: expect.objectContaining({ name: 'Tỉnh đoàn' }), decision: { number: '15-QĐ/BTCTU/fx', issuedOn: expect.any(String) } })]);
    const combined = await get<Page<Item>>(`/assignments?q=${encodeURIComponent('đoàn')}&officialId=official-cb-012`, U.auditor);
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

// ───────────────────────── dashboard ─────────────────────────

describe('dashboard', () => {
  it('overdue: missed or past due and not filed, as of the day asked', async () => {
    const atT = await get<Page<Item> & { asOf: string }>(`/dashboard/overdue?officialId=official-cb-012&${asOfT}`, U.leader);
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
    expect(atT.items[1]).toMatchObject({ kind: 'PLAN', status: 'OPEN', daysOverdue: 20, escalationLevel: 0, lastEscalation: null });

    // Ten days later the February plan has been filed (late) and the February report is past due.
    const later = await get<Page<Item>>(`/dashboard/overdue?officialId=official-cb-012&asOf=${addDays(T, 10)}T12:00:00%2B07:00`, U.leader);
    expect(later.items.map((d) => d.id)).toEqual(['fx-d2-report-2024-01', 'fx-d4-report-2024-02']);
    expect(later.items[1]).toMatchObject({ daysOverdue: 6 });

    const plans = await get<Page<Item>>(`/dashboard/overdue?kind=PLAN&areaId=area-na-tinhdoan&${asOfT}`, U.auditor);
    expect(plans.items.map((d) => d.id)).toEqual(['fx-d3-plan-2024-02']);
    const pageOne = await get<Page<Item>>(`/dashboard/overdue?departmentId=${DEPT.bvctnb}&limit=1&${asOfT}`, U.auditor);
    expect(pageOne.items.map((d) => d.id)).toEqual(['fx-d2-report-2024-01']);
    const pageTwo = await get<Page<Item>>(`/dashboard/overdue?departmentId=${DEPT.bvctnb}&limit=1&cursor=${pageOne.nextCursor}&${asOfT}`, U.auditor);
    expect(pageTwo.items.map((d) => d.id)).toEqual(['fx-d3-plan-2024-02']);
    expect(pageTwo.nextCursor).toBeNull();
  });

  it('evaluations outstanding: not yet rated, who acts next, each read audited', async () => {
    const before = await countReads('AnnualEvaluation', 'dashboard:evaluations-outstanding');
    const page = await get<Page<Item>>(`/dashboard/evaluations-outstanding?${asOfT}`, U.leader);
    expect(page.items.map((e) => e.id)).toEqual(['fx-e2022', 'fx-e2023']);
    expect(page.items[0]).toMatchObject({ year: 2022, state: 'ratingProposed', waitingFor: 'BOARD_LEADERSHIP', overdue: false, official: { id: 'official-cb-012' }, area: { id: 'area-na-tinhdoan' } });
    expect(page.items[1]).toMatchObject({ year: 2023, waitingFor: 'AREA_COMMITTEE', overdue: true, dueAt: due(-55).toISOString() });
    expect(JSON.stringify(page)).not.toMatch(/GOOD|proposedRating/);
    expect((await get<Page<Item>>(`/dashboard/evaluations-outstanding?year=2023&${asOfT}`, U.auditor)).items.map((e) => e.id)).toEqual(['fx-e2023']);
    // A year later the 2024 request is out too.
    expect((await get<Page<Item>>(`/dashboard/evaluations-outstanding?asOf=${addDays(T, 300)}&officialId=official-cb-012`, U.leader)).items).toHaveLength(3);
    expect((await countReads('AnnualEvaluation', 'dashboard:evaluations-outstanding')) - before).toBe(3);
    const audit = await h.db.prisma.auditEvent.findFirst({ where: { action: 'CONFIDENTIAL_READ', entityType: 'AnnualEvaluation' }, orderBy: { seq: 'asc' } });
    expect(audit).toMatchObject({ actorId: 'official-ld-02', payload: expect.objectContaining({ ids: ['fx-e2022', 'fx-e2023'] }) });
  });

  it('rotations due: mandatory first (overdue included), then eligible, within the window', async () => {
    type Rotation = Item & { assignmentId: string; threshold: string; years: number; daysUntil: number };
    const { items, pages } = await allPages<Rotation>(`/dashboard/rotations-due?limit=1&${asOfT}`, U.leader, (r) => r.assignmentId);
    expect(pages).toBe(3);
    expect(items.map((r) => [r.assignmentId, r.threshold, r.years, r.daysUntil])).toEqual([
      ['fx-a3', 'MANDATORY', 5, -10],
      ['fx-a4', 'MANDATORY', 5, 30],
      ['fx-a1', 'ELIGIBLE', 3, 60],
    ]);
    expect(items[0]).toMatchObject({ state: 'active.rotationDue', pendingProposal: { id: 'fx-rotation-a3', kind: 'ROTATION' }, date: at(-10).toISOString() });
    expect(items[1]).toMatchObject({ pendingProposal: null, official: { department: { id: DEPT.tccb } } });

    const full = await get<Page<Rotation> & { horizon: string; policy: unknown }>(`/dashboard/rotations-due?${asOfT}`, U.auditor);
    expect(full.horizon).toBe(at(90).toISOString());
    expect(full.policy).toEqual({ eligibleAfterYears: 3, mandatoryAfterYears: 5 });
    const year = await get<Page<Rotation>>(`/dashboard/rotations-due?withinDays=365&${asOfT}`, U.auditor);
    expect(year.items.map((r) => r.assignmentId)).toEqual(['fx-a3', 'fx-a4', 'fx-a1', 'fx-a2']);
    const now = await get<Page<Rotation>>(`/dashboard/rotations-due?withinDays=0&${asOfT}`, U.auditor);
    expect(now.items.map((r) => r.assignmentId)).toEqual(['fx-a3']);
    expect((await get<Page<Rotation>>(`/dashboard/rotations-due?areaId=area-na-dienchau&${asOfT}`, U.auditor)).items.map((r) => r.assignmentId)).toEqual(['fx-a4']);
  });

  it('a department head sees their own department only, and no complaints', async () => {
    // cb011 heads BVCTNB: fx-a4 (cb-009, TCCB) is not theirs.
    const rotations = await get<Page<Item & { assignmentId: string }>>(`/dashboard/rotations-due?${asOfT}`, U.departmentHead);
    expect(rotations.items.map((r) => r.assignmentId)).toEqual(['fx-a3', 'fx-a1']);
    const other = await api.call('GET', `/dashboard/rotations-due?departmentId=${DEPT.tccb}&${asOfT}`, U.departmentHead);
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
    });
  });

  it('open complaints: leadership and the auditor, never about oneself, each read audited', async () => {
    const before = await countReads('Complaint', 'dashboard:complaints-open');
    const leader = await get<Page<Item>>(`/dashboard/complaints-open?${asOfT}`, U.leader);
    expect(leader.items.map((c) => c.id)).toEqual(['fx-c2', 'fx-c1', 'fx-c4']);
    expect(leader.items[0]).toMatchObject({ state: 'underVerification.overdue', verificationOverdue: true, official: { id: 'official-cb-012' } });
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
    });
    const auditor = await get<{ complaintsOpen: number; rotationsDue: unknown }>(`/dashboard/summary?withinDays=365&${asOfT}`, U.auditor);
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
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json<{ paths: Record<string, { get?: { parameters?: { name: string }[] } }> }>();
    for (const path of ['/me', '/areas', '/areas/{id}', '/officials/{id}', '/assignments', '/dashboard/overdue', '/dashboard/rotations-due', '/dashboard/summary']) {
      expect(doc.paths[path]?.get, path).toBeDefined();
    }
    expect(doc.paths['/dashboard/rotations-due']!.get!.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['withinDays', 'asOf', 'limit', 'cursor']));
  });
});

async function poll<T>(read: () => Promise<T | null>): Promise<T> {
  for (let i = 0; i < 200; i += 1) {
    const value = await read();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('timed out waiting for the workflow to write');
}
