/**
 * The dashboard's areas and its meetings panel (field time, groups' sessions) filter by programme (`?programmeId=`),
 * on a fresh seeded database with the demonstration's map and second programme (seed 001): the second programme's
 * areas are its communes and wards with their agency leaders, the Board's its own kinds with no agency leader; the
 * meetings panel of the second programme (no Board assignment) is empty, the Board's holds the groups of its assignments;
 * an unknown programme is a 404 naming the field, an empty one a 400 naming it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardArea } from '../../contracts/dashboard';
import { DEFAULT_PROGRAMME_ID } from '../../machines/programme';
import { seedDemoMap, unitId } from '../../prisma/demo/map-2025';
import { PROGRAMME_26, PROGRAMME_26_ID, seedProgramme26 } from '../../prisma/demo/programme-26';
import { errorOf, SEEDED_USERS as U } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';

let suite: ApiSuite | undefined;
const s = () => suite!;

beforeAll(async () => {
  suite = await startApiSuite();
  await seedDemoMap(s().h.db.prisma);
  expect(await seedProgramme26(s().h.db.prisma)).toMatchObject({ agencies: 3 });
});

afterAll(async () => {
  await suite?.close();
});

/** Every page of GET /dashboard/areas with the filters. */
async function areas(filters: string): Promise<DashboardArea[]> {
  const items: DashboardArea[] = [];
  let cursor: string | null = null;
  do {
    const url: string = `/dashboard/areas?limit=100${filters}${cursor ? `&cursor=${cursor}` : ''}`;
    const response = await s().api.call('GET', url, U.leader);
    expect(response.statusCode, response.body).toBe(200);
    const page = response.json<{ items: DashboardArea[]; nextCursor: string | null }>();
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

describe("the dashboard's areas and meetings panel by programme", () => {
  it("the second programme's areas are its communes and wards with their agency leaders; the Board's hold none", async () => {
    const all = await areas('');
    const second = await areas(`&programmeId=${PROGRAMME_26_ID}`);
    const board = await areas(`&programmeId=${DEFAULT_PROGRAMME_ID}`);

    expect(second.length).toBeGreaterThan(0);
    expect(board.length).toBeGreaterThan(0);
    expect(second.every((a) => (PROGRAMME_26.areaKinds as readonly string[]).includes(a.kind))).toBe(true);
    expect(board.some((a) => (PROGRAMME_26.areaKinds as readonly string[]).includes(a.kind))).toBe(false);
    expect(board.every((a) => a.agencyLeaders.length === 0)).toBe(true);
    expect(second.every((a) => a.currentAssignment === null)).toBe(true);
    const ids = new Set(all.map((a) => a.id));
    expect([...second, ...board].every((a) => ids.has(a.id))).toBe(true);

    const kimLien = second.find((a) => a.id === unitId('17971'));
    expect(kimLien?.agencyLeaders).toEqual([
      expect.objectContaining({ displayName: 'Nguyễn Thị Bích Thủy', title: 'Phó Giám đốc Sở', from: '2025-07-01' }),
    ]);
    // Without a programme, the same leaders beside every other unit.
    expect(all.find((a) => a.id === unitId('17971'))?.agencyLeaders).toEqual(kimLien?.agencyLeaders);
  });

  it('the areas are those in force on the day asked, with the links in force then', async () => {
    const before = await areas(`&programmeId=${PROGRAMME_26_ID}&asOf=2025-06-30`);
    expect(before.length).toBeGreaterThan(0);
    expect(before.some((a) => a.id === unitId('17971'))).toBe(false);
    expect(before.every((a) => a.agencyLeaders.length === 0)).toBe(true);
  });

  it("the meetings panel of the second programme is empty; the Board's holds the groups of its assignments", async () => {
    // Group 1 monitors Tỉnh đoàn under an assignment of the Board's programme (a row written as the workflow would).
    const day = new Date();
    await s().h.db.prisma.assignment.create({
      data: {
        id: 'test-dashboard-programme-a1',
        workflowId: 'assignment-test-dashboard-programme-a1',
        areaId: 'area-na-tinhdoan',
        officialId: 'official-cb-001',
        groupId: 'group-01',
        state: 'active.serving',
        proposedById: 'official-ld-02',
        approvedById: 'official-ld-02',
        effectiveFrom: day,
        rotationEligibleAt: day,
        rotationDueAt: day,
      },
    });
    for (const path of ['/dashboard/field-time', '/dashboard/group-sessions']) {
      const second = await s().api.call('GET', `${path}?programmeId=${PROGRAMME_26_ID}`, U.leader);
      expect(second.statusCode, second.body).toBe(200);
      const body = second.json<{ officials?: unknown[]; groups?: unknown[] }>();
      expect(body.officials ?? body.groups).toEqual([]);
    }
    const all = await s().api.call('GET', '/dashboard/group-sessions', U.leader);
    const board = await s().api.call('GET', `/dashboard/group-sessions?programmeId=${DEFAULT_PROGRAMME_ID}`, U.leader);
    expect(board.statusCode, board.body).toBe(200);
    const groupIds = (r: typeof all) => r.json<{ groups: { groupId: string }[] }>().groups.map((g) => g.groupId);
    expect(groupIds(board)).toEqual(['group-01']);
    expect(groupIds(all)).toContain('group-01');
    expect(groupIds(all).length).toBeGreaterThan(1);
  });

  it('an unknown programme is a 404 naming the field, an empty one a 400 naming it', async () => {
    for (const path of ['/dashboard/areas', '/dashboard/field-time', '/dashboard/group-sessions']) {
      const unknown = await s().api.call('GET', `${path}?programmeId=no-such-programme`, U.leader);
      expect(unknown.statusCode, `${path}: ${unknown.body}`).toBe(404);
      expect(errorOf(unknown)).toMatchObject({ code: 'NOT_FOUND', field: 'programmeId', id: 'no-such-programme' });
      const empty = await s().api.call('GET', `${path}?programmeId=`, U.leader);
      expect(empty.statusCode, `${path}: ${empty.body}`).toBe(400);
      expect((errorOf(empty).issues as { path: string }[]).map((i) => i.path)).toContain('programmeId');
    }
  });
});
