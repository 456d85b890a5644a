/**
 * The directory (/me, departments, areas, groups and officials) and the assignment list and search, through the HTTP
 * API in process, on the real time-skipping Temporal server and a fresh seeded database. All are read on rows written
 * directly in `beforeAll` (test/support/dashboard-fixtures.ts), dated around a fixed day T long before the server's
 * clock. The assignment that runs for real and the personnel record are in test/api/directory.test.ts.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient, errorOf, SEEDED_USERS as U } from '../support/api-client';
import { apiReads, type Item, type Page } from '../support/api-reads';
import { at, DEPT, insertFixtures } from '../support/dashboard-fixtures';
import { type ApiSuite, startApiSuite } from '../support/api-suite';
import type { LifecycleHarness } from '../support/lifecycle-harness';

let h: LifecycleHarness;
let suite: ApiSuite | undefined;
let app: FastifyInstance;
let api: ReturnType<typeof apiClient>;

const { get, allPages } = apiReads(() => ({ api, h }));

beforeAll(async () => {
  suite = await startApiSuite();
  ({ h, app, api } = suite);
  await insertFixtures(h.db);
});

afterAll(async () => {
  await suite?.close();
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
        decision: { id: expect.any(String), number: '15-QĐ/BTCTU/fx', issuedOn: expect.any(String), signature: null },
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
