/**
 * An agency's leaders' monitoring (seed 001, Quy định 26-QĐ/TU) through the HTTP API, on a fresh seeded database with
 * the demonstration's map and second programme: the agency's head sees their own agency's leaders and communes only,
 * another agency's head is refused, Board leadership and the auditor read every agency, an unknown agency is a 404, and
 * every read of the monitoring is audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgencyMonitoring, AgencySummary } from '../../contracts/agencies';
import { CONFIDENTIAL_READ } from '../../api/audited-read';
import { dayOf } from '../../machines/calendar';
import { PolicySchema, policyContradictions } from '../../machines/policy';
import { seedDemoMap } from '../../prisma/demo/map-2025';
import { PROGRAMME_26_ID, seedProgramme26 } from '../../prisma/demo/programme-26';
import { errorOf, SEEDED_USERS as U } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';

let suite: ApiSuite | undefined;
const s = () => suite!;
const STC = 'agency-na-stc';
const monitoring = (agencyId: string) => `/agencies/${agencyId}/monitoring`;

beforeAll(async () => {
  suite = await startApiSuite();
  await seedDemoMap(s().h.db.prisma);
  const seeded = await seedProgramme26(s().h.db.prisma);
  expect(seeded).toMatchObject({ agencies: 3 });
});

afterAll(async () => {
  await suite?.close();
});

describe('GET /agencies/:agencyId/monitoring', () => {
  it("shows an agency's head their own agency's leaders, their communes and the programme's days, and audits it", async () => {
    const response = await s().api.call('GET', monitoring(STC), 'stc.gd');
    expect(response.statusCode, response.body).toBe(200);
    const answer = response.json<AgencyMonitoring>();
    expect(answer.agency).toMatchObject({ id: STC, code: 'STC' });
    expect(answer.head).toMatchObject({ displayName: 'Lê Minh Khoa', title: 'Giám đốc Sở' });
    expect(answer.year).toBe(Number(dayOf(Date.now()).slice(0, 4)));
    expect(answer.leaders.map((l) => l.displayName)).toEqual(['Lê Minh Khoa', 'Phạm Thị Thu Trang']);
    expect(answer.leaders.flatMap((l) => l.communes.map((c) => c.areaName))).toEqual([
      'Phường Cửa Lò',
      'Phường Hoàng Mai',
    ]);
    const [programme] = answer.programmes;
    expect(programme).toMatchObject({ id: PROGRAMME_26_ID, version: 'QĐ26-2022.1', reportEveryMonths: 6 });
    expect(programme?.programmeDueOn).toBe(`${answer.year}-01-31`);
    // No filing of the yearly cadence is kept yet: empty lists, never a "missing" the records cannot show.
    const commune = answer.leaders[0]!.communes[0]!;
    expect(commune).toMatchObject({ reports: [], commentsReceived: [], fieldDays: [] });
    expect(commune.programmePlan).toEqual({ dueOn: `${answer.year}-01-31`, built: null, filedOn: null });
    expect(answer.leaders[1]!.totals).toMatchObject({ communes: 1, reportsMissing: 0 });

    const audited = await s().h.db.prisma.auditEvent.findMany({
      where: { action: CONFIDENTIAL_READ, entityType: 'AgencyMonitoring', entityId: STC },
    });
    expect(audited).toHaveLength(1);
    expect(audited[0]!.actorId).toBe('user-stc.gd');
  });

  it("refuses another agency's head (403) and a caller without the role", async () => {
    const other = await s().api.call('GET', monitoring(STC), 'snnmt.gd');
    expect(other.statusCode, other.body).toBe(403);
    expect(errorOf(other)).toMatchObject({ reason: 'CONFIDENTIAL' });
    for (const username of ['stc.pgd1', U.official, U.admin, 'btv.01', 'ducualo']) {
      const response = await s().api.call('GET', monitoring(STC), username);
      expect(response.statusCode, `${username}: ${response.body}`).toBe(403);
    }
  });

  it('lets Board leadership and the auditor read every agency', async () => {
    for (const username of [U.head, U.auditor]) {
      const response = await s().api.call('GET', monitoring('agency-na-snnmt'), username);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json<AgencyMonitoring>().leaders.map((l) => l.title)).toEqual([
        'Giám đốc Sở',
        'Phó Giám đốc Sở',
        'Phó Giám đốc Sở',
      ]);
    }
    const list = await s().api.call('GET', '/agencies', U.leader);
    expect(list.json<AgencySummary[]>().map((a) => a.code)).toEqual(['BTGDV', 'SNNMT', 'STC']);
    const own = await s().api.call('GET', '/agencies', 'stc.gd');
    expect(own.json<AgencySummary[]>().map((a) => a.code)).toEqual(['STC']);
  });

  it('answers 404 for an unknown agency and 400 for an id out of bounds', async () => {
    const unknown = await s().api.call('GET', monitoring('agency-that-is-not'), 'stc.gd');
    expect(unknown.statusCode, unknown.body).toBe(404);
    const tooLong = await s().api.call('GET', monitoring('x'.repeat(201)), U.head);
    expect(tooLong.statusCode, tooLong.body).toBe(400);
  });
});

describe('the administrator enters an agency and its people', () => {
  it('creates an account outside the Board, the agency and its head, each audited; others may not', async () => {
    const { api, h } = s();
    const account = await api.call('POST', '/admin/accounts', U.admin, {
      username: 'sxd.gd',
      displayName: 'Nguyễn Hữu Tâm',
      roles: ['AGENCY_HEAD', 'AGENCY_LEADER'],
    });
    expect(account.statusCode, account.body).toBe(201);
    const user = await h.db.prisma.user.findUniqueOrThrow({ where: { username: 'sxd.gd' } });
    expect(user.officialId).toBeNull();

    const key = { 'idempotency-key': `agency-sxd-${Date.now()}` };
    const body = { code: 'SXD', name: 'Sở Xây dựng' };
    const created = await api.call('POST', '/agencies', U.admin, body, key);
    expect(created.statusCode, created.body).toBe(201);
    const agency = created.json<{ id: string }>();
    const again = await api.call('POST', '/agencies', U.admin, body, key);
    expect(again.json<{ id: string }>().id).toBe(agency.id);
    const taken = await api.call('POST', '/agencies', U.admin, body);
    expect(taken.statusCode, taken.body).toBe(422);
    expect(errorOf(taken)).toMatchObject({ rule: 'AGENCY_CODE_TAKEN', field: 'code' });
    const byLeadership = await api.call('POST', '/agencies', U.head, { code: 'SYT', name: 'Sở Y tế' });
    expect(byLeadership.statusCode, byLeadership.body).toBe(403);

    const from = dayOf(Date.now());
    const members = `/agencies/${agency.id}/members`;
    const notAHead = await api.call('POST', members, U.admin, {
      userId: 'user-cb003',
      title: 'Giám đốc Sở',
      isHead: true,
      from,
    });
    expect(notAHead.statusCode, notAHead.body).toBe(422);
    expect(errorOf(notAHead)).toMatchObject({ rule: 'AGENCY_MEMBER_ROLE', field: 'isHead' });
    const head = await api.call('POST', members, U.admin, {
      userId: user.id,
      title: 'Giám đốc Sở',
      isHead: true,
      from,
    });
    expect(head.statusCode, head.body).toBe(201);
    const twice = await api.call('POST', members, U.admin, {
      userId: user.id,
      title: 'Giám đốc Sở',
      isHead: true,
      from,
    });
    expect(errorOf(twice)).toMatchObject({ rule: 'AGENCY_MEMBER_TWICE' });
    const unknown = await api.call('POST', '/agencies/agency-that-is-not/members', U.admin, {
      userId: user.id,
      title: 'Giám đốc Sở',
      isHead: true,
      from,
    });
    expect(unknown.statusCode, unknown.body).toBe(404);

    const seen = await api.call('GET', monitoring(agency.id), U.head);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json<AgencyMonitoring>()).toMatchObject({
      head: { displayName: 'Nguyễn Hữu Tâm', title: 'Giám đốc Sở' },
      leaders: [{ userId: user.id, communes: [] }],
    });
    const audited = await h.db.prisma.auditEvent.findMany({
      where: { entityId: agency.id, action: { in: ['AGENCY_CREATED', 'AGENCY_MEMBER_ADDED'] } },
      orderBy: { seq: 'asc' },
    });
    expect(audited.map((a) => a.action)).toEqual(['AGENCY_CREATED', 'AGENCY_MEMBER_ADDED']);
  });
});

describe("the demonstration's second programme", () => {
  it('is written once however often it is applied, its version valid, and never in production', async () => {
    const prisma = s().h.db.prisma;
    const counts = () =>
      Promise.all([
        prisma.programme.count(),
        prisma.programmeVersion.count({ where: { programmeId: PROGRAMME_26_ID } }),
        prisma.agency.count({ where: { id: { startsWith: 'agency-na-' } } }),
        prisma.agencyMember.count({ where: { agencyId: { startsWith: 'agency-na-' } } }),
        prisma.agencyLeaderArea.count({ where: { programmeId: PROGRAMME_26_ID } }),
        prisma.user.count(),
      ]);
    const before = await counts();
    expect(before.slice(1, 5)).toEqual([1, 3, 7, 5]);
    expect(await seedProgramme26(prisma)).toMatchObject({ agencies: 3, communes: 5, newUsers: [] });
    expect(await counts()).toEqual(before);
    const version = await prisma.programmeVersion.findFirstOrThrow({ where: { programmeId: PROGRAMME_26_ID } });
    expect(policyContradictions(PolicySchema.parse(version.policy))).toEqual([]);

    const environment = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      expect(await seedProgramme26(prisma)).toBeNull();
    } finally {
      process.env.NODE_ENV = environment;
    }
  });
});
