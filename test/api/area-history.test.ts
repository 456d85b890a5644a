/**
 * History keeps its names: records stay on the unit they were made for, under the name it bore then. On a fresh seeded
 * database with the real time-skipping server, the 1 July 2025 reorganisation of Nghệ An's communes is recorded as
 * Nghị quyết 1678/NQ-UBTVQH15 has it for two of the seeded communes (Xã Kim Liên and four others into the new Xã Kim
 * Liên; Thị trấn Nam Đàn and two others into Xã Vạn An), with an assignment on each former unit written directly (dated
 * long before the server's clock); and an area renamed, with a month missed before the rename.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOfDay } from '../../machines/calendar';
import { formerUnitsOf, approvedHistory, successionsOf } from '../../domain/areas-history/reads';
import { formerlyLabel } from '../../labels/area-history';
import { apiClient, SEEDED_USERS as U } from '../support/api-client';
import { apiReads, type Item, type Page } from '../support/api-reads';
import { type ApiSuite, startApiSuite } from '../support/api-suite';
import type { LifecycleHarness } from '../support/lifecycle-harness';

let h: LifecycleHarness;
let suite: ApiSuite | undefined;
let api: ReturnType<typeof apiClient>;
const { get } = apiReads(() => ({ api, h }));

const day = (d: string) => new Date(startOfDay(d));
const KIM_LIEN_OLD = 'area-na-namdan-kimlien';
const NAM_DAN_TOWN = 'area-na-namdan-tt';
const KIM_LIEN_NEW = 'area-hist-kimlien-17971';
const VAN_AN = 'area-hist-vanan-17950';

async function assignmentOn(id: string, areaId: string, officialId: string, from: string, closedOn: string | null) {
  await h.db.prisma.assignment.create({
    data: {
      id,
      workflowId: `assignment-${id}`,
      areaId,
      officialId,
      state: closedOn ? 'closed' : 'active.serving',
      proposedById: 'official-cb-001',
      approvedById: 'official-ld-03',
      effectiveFrom: day(from),
      rotationEligibleAt: day(`${Number(from.slice(0, 4)) + 3}${from.slice(4)}`),
      rotationDueAt: day(`${Number(from.slice(0, 4)) + 5}${from.slice(4)}`),
      closedAt: closedOn ? day(closedOn) : null,
    },
  });
}

beforeAll(async () => {
  suite = await startApiSuite();
  ({ h, api } = suite);
  const prisma = h.db.prisma;
  for (const [id, code, name] of [
    [KIM_LIEN_NEW, '17971', 'Xã Kim Liên'],
    [VAN_AN, '17950', 'Xã Vạn An'],
  ] as const) {
    await prisma.area.create({
      data: {
        id,
        code: `HIST-${code}`,
        officialCode: code,
        name,
        kind: 'COMMUNE',
        level: 'COMMUNE',
        validFrom: day('2025-07-01'),
      },
    });
  }
  await prisma.area.updateMany({
    where: { id: { in: [KIM_LIEN_OLD, NAM_DAN_TOWN] } },
    data: { validUntil: day('2025-06-30') },
  });
  const merge = (id: string, predecessor: string, successor: string) =>
    prisma.reorganization.create({
      data: {
        id,
        kind: 'MERGE',
        legalBasisNumber: '1678/NQ-UBTVQH15',
        legalBasisDate: day('2025-06-16'),
        effectiveOn: day('2025-07-01'),
        recordedById: 'user-admin',
        recordedAt: new Date(),
        areas: {
          create: [
            { areaId: predecessor, side: 'PREDECESSOR', ceases: true },
            { areaId: successor, side: 'SUCCESSOR' },
          ],
        },
      },
    });
  await merge('reorg-hist-kimlien', KIM_LIEN_OLD, KIM_LIEN_NEW);
  await merge('reorg-hist-vanan', NAM_DAN_TOWN, VAN_AN);
  await assignmentOn('hist-a-kimlien', KIM_LIEN_OLD, 'official-cb-009', '2022-01-01', '2025-07-01');
  await assignmentOn('hist-a-namdan-tt', NAM_DAN_TOWN, 'official-cb-018', '2023-06-01', '2025-07-01');
  await assignmentOn('hist-a-kimlien-new', KIM_LIEN_NEW, 'official-cb-009', '2025-07-01', null);

  // A rename: Hội LHPN's area bore another name until 31 May 2024; a plan of April 2024 was missed and never filed.
  await prisma.areaName.createMany({
    data: [
      { areaId: 'area-na-hlhpn', name: 'Hội Phụ nữ tỉnh (tên cũ)', validUntil: day('2024-05-31') },
      { areaId: 'area-na-hlhpn', name: 'Hội Liên hiệp Phụ nữ tỉnh', validFrom: day('2024-06-01') },
    ],
  });
  await assignmentOn('hist-a-hlhpn', 'area-na-hlhpn', 'official-cb-003', '2024-01-01', null);
  await prisma.deadline.createMany({
    data: [
      {
        assignmentId: 'hist-a-hlhpn',
        subject: 'MONTHLY_PLAN',
        reference: '2024-04',
        dueAt: day('2024-04-08'),
        status: 'MISSED',
        missedAt: day('2024-04-09'),
      },
      {
        assignmentId: 'hist-a-hlhpn',
        subject: 'MONTHLY_PLAN',
        reference: '2024-07',
        dueAt: day('2024-07-05'),
        status: 'MISSED',
        missedAt: day('2024-07-06'),
      },
    ],
  });
  // Its 2023 evaluation, still outstanding: about the unit under its 2023 name.
  await prisma.annualEvaluation.create({
    data: {
      id: 'hist-e-hlhpn-2023',
      assignmentId: 'hist-a-hlhpn',
      year: 2023,
      state: 'requested.overdue',
      requestedAt: day('2023-12-01'),
      dueAt: day('2023-12-20'),
    },
  });
});

afterAll(async () => {
  await suite?.close();
});

describe("a successor's page shows its former units' history under their own names", () => {
  it('lists the former unit, how and when it went in, and its assignments, which stay attached to it', async () => {
    const former = await formerUnitsOf(h.db.prisma, KIM_LIEN_NEW);
    expect(former).toEqual([
      expect.objectContaining({
        area: { id: KIM_LIEN_OLD, name: 'Xã Kim Liên', officialCode: null },
        into: { id: KIM_LIEN_NEW, name: 'Xã Kim Liên', officialCode: '17971' },
        kind: 'MERGE',
        effectiveOn: '2025-07-01',
        legalBasisNumber: '1678/NQ-UBTVQH15',
        legalBasisDate: '2025-06-16',
        history: [
          expect.objectContaining({ id: 'hist-a-kimlien', area: expect.objectContaining({ id: KIM_LIEN_OLD }) }),
        ],
      }),
    ]);
    expect(formerlyLabel(former[0]!.area.name)).toBe('trước đây: Xã Kim Liên');
    expect(formerlyLabel(former[0]!.area.name, 'en')).toBe('formerly: Xã Kim Liên');
    // The successor's own history holds only its own assignment: nothing moved unit.
    expect((await approvedHistory(h.db.prisma, KIM_LIEN_NEW)).map((a) => a.id)).toEqual(['hist-a-kimlien-new']);
    // The former unit's history read is the one its own page uses.
    expect(former[0]!.history).toEqual(await approvedHistory(h.db.prisma, KIM_LIEN_OLD));
    // A unit nothing went into has no former units; a former unit's own former units would follow (none here).
    expect(await formerUnitsOf(h.db.prisma, 'area-na-vinh')).toEqual([]);
    expect(await formerUnitsOf(h.db.prisma, KIM_LIEN_OLD)).toEqual([]);
  });

  it('says what became of a unit that ceased', async () => {
    expect(await successionsOf(h.db.prisma, NAM_DAN_TOWN)).toEqual([
      expect.objectContaining({
        kind: 'MERGE',
        effectiveOn: '2025-07-01',
        area: { id: NAM_DAN_TOWN, name: 'Thị trấn Nam Đàn', officialCode: null },
        successors: [{ id: VAN_AN, name: 'Xã Vạn An', officialCode: '17950' }],
      }),
    ]);
    expect(await successionsOf(h.db.prisma, VAN_AN)).toEqual([]);
  });
});

describe('the timeline names the unit as it was, and what became of it', () => {
  type Timeline = {
    assignmentId: string;
    area?: { id: string; name: string; officialCode: string | null; note: string | null };
  };

  it('"Thị trấn Nam Đàn (sáp nhập vào Xã Vạn An từ 01/07/2025)", in Vietnamese and in English', async () => {
    const vi = await get<Timeline>('/assignments/hist-a-namdan-tt/timeline', U.leader);
    expect(vi.area).toEqual({
      id: NAM_DAN_TOWN,
      name: 'Thị trấn Nam Đàn',
      officialCode: null,
      note: 'Thị trấn Nam Đàn (sáp nhập vào Xã Vạn An từ 01/07/2025)',
    });
    const en = await get<Timeline>('/assignments/hist-a-kimlien/timeline?lang=en', U.auditor);
    expect(en.area?.note).toBe('Xã Kim Liên (merged into Xã Kim Liên from 01/07/2025)');
    const current = await get<Timeline>('/assignments/hist-a-kimlien-new/timeline', U.leader);
    expect(current.area).toMatchObject({ name: 'Xã Kim Liên', officialCode: '17971', note: null });
  });

  it("reads a former unit's assignment through the same access rules as any other", async () => {
    // An area committee has no timeline at all, whatever the unit; an unknown assignment is 404, not a bare area.
    expect((await api.call('GET', '/assignments/hist-a-kimlien/timeline', U.committee)).statusCode).toBe(403);
    expect((await api.call('GET', '/assignments/hist-none/timeline', U.leader)).statusCode).toBe(404);
  });
});

describe('the dashboard counts a month under the unit as it stood that month', () => {
  it('a month missed before a rename is listed under the former name, one after under the new', async () => {
    const page = await get<Page<Item & { period: string; area: { id: string; name: string } }>>(
      '/dashboard/overdue?kind=PLAN&officialId=official-cb-003&asOf=2024-12-31T00:00:00.000Z',
      U.leader,
    );
    expect(page.items.map((i) => [i.period, i.area.name])).toEqual([
      ['2024-04', 'Hội Phụ nữ tỉnh (tên cũ)'],
      ['2024-07', 'Hội Liên hiệp Phụ nữ tỉnh'],
    ]);
  });

  it("an outstanding evaluation of a year is listed under the unit's name of that year", async () => {
    const page = await get<Page<Item & { year: number; area: { id: string; name: string } }>>(
      '/dashboard/evaluations-outstanding?year=2023&asOf=2024-12-31T00:00:00.000Z',
      U.leader,
    );
    expect(page.items.filter((e) => e.id === 'hist-e-hlhpn-2023').map((e) => e.area.name)).toEqual([
      'Hội Phụ nữ tỉnh (tên cũ)',
    ]);
  });
});
