/**
 * GET /agency-leaders, the narrow read the Standing Committee's proposal forms choose leaders from, on a fresh seeded
 * database with the demonstration's map and second programme (seed 001): who may read it and who not, a shape that
 * carries names, posts and today's communes but nothing of the leaders' monitoring, a leader of two agencies as two
 * memberships, memberships not in place today left out, and a department head proposing one of the leaders it lists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgencyLeaderList } from '../../contracts/agency-leaders';
import { addDays, dayOf } from '../../machines/calendar';
import { seedDemoMap, unitId } from '../../prisma/demo/map-2025';
import { PROGRAMME_26_ID, seedProgramme26 } from '../../prisma/demo/programme-26';
import { SEEDED_USERS as U } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';

let suite: ApiSuite | undefined;
const s = () => suite!;
const today = () => dayOf(Date.now());
/** Phạm Thị Thu Trang, a deputy director of the Finance department, who monitors Hoàng Mai (17110). */
const TRANG_USER = 'user-stc.pgd1';
const TRANG_AT_STC = 'agency-na-stc-stc.pgd1';
/** Her second post, in the Propaganda and Mass Mobilisation Board, from today. */
const TRANG_AT_BTGDV = 'agency-leaders-test-trang-btgdv';

beforeAll(async () => {
  suite = await startApiSuite();
  const { prisma } = s().h.db;
  await seedDemoMap(prisma);
  expect(await seedProgramme26(prisma)).toMatchObject({ agencies: 3 });
  await prisma.agencyMember.createMany({
    data: [
      // A leader of two agencies at once: two memberships.
      {
        id: TRANG_AT_BTGDV,
        agencyId: 'agency-na-btgdv',
        userId: TRANG_USER,
        title: 'Phó Trưởng ban kiêm nhiệm',
        from: today(),
      },
      // A post that ended yesterday and one that starts tomorrow: neither is in place today.
      {
        id: 'agency-leaders-test-ended',
        agencyId: 'agency-na-stc',
        userId: 'user-snnmt.pgd2',
        title: 'Phó Giám đốc Sở (đã thôi)',
        from: '2020-01-01',
        until: addDays(today(), -1),
      },
      {
        id: 'agency-leaders-test-later',
        agencyId: 'agency-na-stc',
        userId: 'user-btgdv.ptb1',
        title: 'Phó Giám đốc Sở (sắp nhận)',
        from: addDays(today(), 1),
      },
    ],
  });
});

afterAll(async () => {
  await suite?.close();
});

const leaders = async (username: string) => {
  const response = await s().api.call('GET', '/agency-leaders', username);
  expect(response.statusCode, `${username}: ${response.body}`).toBe(200);
  return response.json<AgencyLeaderList>();
};

describe('GET /agency-leaders', () => {
  it('answers those who propose, decide or audit the proposals and the administrator; refuses anyone else', async () => {
    for (const username of [U.head, U.leader, U.departmentHead, U.officialsHead, 'btv.01', U.auditor, U.admin]) {
      expect((await leaders(username)).items.length, username).toBeGreaterThan(0);
    }
    for (const username of [U.official, U.committee, 'stc.gd', 'stc.pgd1', 'dukimlien']) {
      const response = await s().api.call('GET', '/agency-leaders', username);
      expect(response.statusCode, `${username}: ${response.body}`).toBe(403);
    }
    const odd = await s().api.call('GET', '/agency-leaders?agencyId=agency-na-stc', U.departmentHead);
    expect(odd.statusCode, odd.body).toBe(400);
  });

  it("lists each membership in place today with its agency, post and today's communes, and nothing of the monitoring", async () => {
    const answer = await leaders(U.departmentHead);
    expect(answer.day).toBe(today());
    const thuy = answer.items.find((l) => l.memberId === 'agency-na-snnmt-snnmt.pgd1');
    expect(thuy).toEqual({
      memberId: 'agency-na-snnmt-snnmt.pgd1',
      userId: 'user-snnmt.pgd1',
      displayName: 'Nguyễn Thị Bích Thủy',
      title: 'Phó Giám đốc Sở',
      isHead: false,
      agency: { id: 'agency-na-snnmt', code: 'SNNMT', name: 'Sở Nông nghiệp và Môi trường' },
      communes: [
        expect.objectContaining({ programmeId: PROGRAMME_26_ID, areaId: unitId('17971'), areaName: 'Xã Kim Liên' }),
      ],
    });
    // A head who holds AGENCY_LEADER may be proposed too, and says so.
    expect(answer.items.find((l) => l.memberId === 'agency-na-stc-stc.gd')).toMatchObject({
      isHead: true,
      communes: [expect.objectContaining({ areaId: unitId('16732') })],
    });
    // Seven seeded memberships and the second post; not the ended one nor the one to come.
    expect(answer.items.map((l) => l.memberId)).toHaveLength(8);
    expect(answer.items.map((l) => l.memberId)).not.toContain('agency-leaders-test-ended');
    expect(answer.items.map((l) => l.memberId)).not.toContain('agency-leaders-test-later');
    // Names, posts and communes only: no filings, reports, comment forms, field days or totals.
    const text = JSON.stringify(answer);
    for (const word of ['programmePlan', 'reports', 'commentsReceived', 'fieldDays', 'totals', 'filings'])
      expect(text, word).not.toContain(word);
    for (const item of answer.items)
      expect(Object.keys(item).sort()).toEqual(
        ['agency', 'communes', 'displayName', 'isHead', 'memberId', 'title', 'userId'].sort(),
      );
  });

  it('lists a leader of two agencies once per agency, and a department head proposes her through the second', async () => {
    const answer = await leaders(U.departmentHead);
    const trang = answer.items.filter((l) => l.userId === TRANG_USER);
    expect(trang.map((l) => [l.memberId, l.agency.code, l.communes.map((c) => c.areaId)])).toEqual([
      [TRANG_AT_BTGDV, 'BTGDV', []],
      [TRANG_AT_STC, 'STC', [unitId('17110')]],
    ]);

    const proposal = await s().api.call(
      'POST',
      '/commune-proposals',
      U.departmentHead,
      { programmeId: PROGRAMME_26_ID, areaId: unitId('16690'), memberId: TRANG_AT_BTGDV, reason: 'Phân công' },
      { 'idempotency-key': 'agency-leaders-test-proposal' },
    );
    expect(proposal.statusCode, proposal.body).toBe(201);
    expect(proposal.json()).toMatchObject({
      status: 'PENDING',
      leader: { displayName: 'Phạm Thị Thu Trang', agencyName: 'Ban Tuyên giáo và Dân vận Tỉnh ủy' },
    });
  });
});
