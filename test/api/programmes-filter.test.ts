/**
 * The dashboard and the exports filter by programme (`?programmeId=`): on the dashboard's fixture rows (dated around
 * T, read with `asOf`), one assignment moved to a second programme; each programme's lists hold its own assignments'
 * items and together the whole list, the plans' and reports' exports too; the rotations' thresholds are the
 * programme's; an unknown programme is a 404 naming the field, an empty one a 400 naming it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../machines/policy';
import { DEFAULT_PROGRAMME_ID } from '../../machines/programme';
import { errorOf, SEEDED_USERS as U } from '../support/api-client';
import { type Item, type Page } from '../support/api-reads';
import { insertFixtures, T } from '../support/dashboard-fixtures';
import { type ApiSuite, startApiSuite } from '../support/api-suite';
import { createOtherProgramme } from '../support/other-programme';

let suite: ApiSuite | undefined;
const OTHER = 'test-programme-filter-other';
let moved: string;

async function call(url: string, username: string) {
  const token = await suite!.api.tokenOf(username);
  return suite!.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
}

async function overdue(filters: string): Promise<(Item & { assignmentId: string })[]> {
  const response = await call(`/dashboard/overdue?asOf=${T}&limit=100${filters}`, U.leader);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Page<Item & { assignmentId: string }>>().items;
}

const ids = (items: Item[]) => items.map((i) => i.id).sort();

beforeAll(async () => {
  suite = await startApiSuite();
  const { prisma } = suite.h.db;
  await insertFixtures(suite.h.db);
  await createOtherProgramme(prisma, {
    id: OTHER,
    code: 'TEST_FILTER_OTHER',
    publishedById: 'system',
    policy: {
      ...DEFAULT_POLICY,
      version: 'test.other-1',
      rotation: { ...DEFAULT_POLICY.rotation, eligibleAfterYears: 2, mandatoryAfterYears: 4 },
    },
  });
  // The assignment of the first overdue item moves to the other programme.
  moved = (await overdue(''))[0]!.assignmentId;
  await prisma.assignment.update({ where: { id: moved }, data: { programmeId: OTHER } });
}, 120_000);

afterAll(async () => {
  await suite?.close();
});

describe('the dashboard and the exports filter by programme', () => {
  it("the dashboard's lists and summary hold the programme's assignments only; the rotations' terms are its own", async () => {
    const all = await overdue('');
    const ours = await overdue(`&programmeId=${DEFAULT_PROGRAMME_ID}`);
    const other = await overdue(`&programmeId=${OTHER}`);
    expect(other.length).toBeGreaterThan(0);
    expect(other.every((i) => i.assignmentId === moved)).toBe(true);
    expect(ours.some((i) => i.assignmentId === moved)).toBe(false);
    expect(ids([...ours, ...other])).toEqual(ids(all));

    const summary = await call(`/dashboard/summary?asOf=${T}&programmeId=${OTHER}`, U.leader);
    expect(summary.statusCode, summary.body).toBe(200);
    const { plans, reports } = summary.json<{ overdue: { plans: number; reports: number } }>().overdue;
    expect(plans + reports).toBe(other.length);

    const rotations = await call(`/dashboard/rotations-due?asOf=${T}&programmeId=${OTHER}`, U.leader);
    expect(rotations.statusCode, rotations.body).toBe(200);
    expect(rotations.json()).toMatchObject({ policy: { eligibleAfterYears: 2, mandatoryAfterYears: 4 } });
    const board = await call(`/dashboard/rotations-due?asOf=${T}`, U.leader);
    expect(board.json()).toMatchObject({ policy: { eligibleAfterYears: 3, mandatoryAfterYears: 5 } });
  });

  it('an unknown programme is a 404 naming the field, an empty one a 400 naming it', async () => {
    for (const url of [
      `/dashboard/overdue?programmeId=no-such-programme`,
      `/dashboard/summary?programmeId=no-such-programme`,
      `/exports/overdue.csv?programmeId=no-such-programme`,
      `/exports/evaluations.csv?year=2023&programmeId=no-such-programme`,
      `/exports/summaries/month.xlsx?month=2024-01&programmeId=no-such-programme`,
      `/exports/summaries/year.xlsx?year=2023&programmeId=no-such-programme`,
      `/exports/plans.csv?programmeId=no-such-programme`,
      `/exports/reports.xlsx?programmeId=no-such-programme`,
      `/plans?programmeId=no-such-programme`,
      `/reports?programmeId=no-such-programme`,
    ]) {
      const response = await call(url, U.head);
      expect(response.statusCode, `${url}: ${response.body}`).toBe(404);
      expect(errorOf(response)).toMatchObject({ code: 'NOT_FOUND', field: 'programmeId', id: 'no-such-programme' });
    }
    for (const url of [
      '/dashboard/overdue?programmeId=',
      '/exports/summaries/year.xlsx?year=2023&programmeId=',
      '/exports/plans.csv?programmeId=',
    ]) {
      const response = await call(url, U.head);
      expect(response.statusCode, `${url}: ${response.body}`).toBe(400);
      expect((errorOf(response).issues as { path: string }[]).map((i) => i.path)).toContain('programmeId');
    }
  });

  it("the exports hold the programme's rows: the overdue list's file, the month's summary", async () => {
    const other = await overdue(`&programmeId=${OTHER}`);
    const csv = await call(`/exports/overdue.csv?asOf=${T}&programmeId=${OTHER}`, U.leader);
    expect(csv.statusCode, csv.body).toBe(200);
    const lines = csv.rawPayload.toString('utf8').trim().split('\r\n');
    expect(lines.length - 1).toBe(other.length);

    // The month's summary is an audited read of the plans and reports it counted: the other programme's only.
    const { prisma } = suite!.h.db;
    const month = '2024-01';
    const summary = await call(`/exports/summaries/month.xlsx?month=${month}&programmeId=${OTHER}`, U.head);
    expect(summary.statusCode, summary.body).toBe(200);
    const read = await prisma.auditEvent.findFirstOrThrow({
      where: { action: 'CONFIDENTIAL_READ', entityId: `summary:month:${month}` },
      orderBy: { seq: 'desc' },
    });
    const readIds = JSON.stringify(read.payload);
    const plansOfMoved = await prisma.monthlyPlan.findMany({
      where: { period: month },
      select: { id: true, assignmentId: true },
    });
    expect(plansOfMoved.filter((p) => p.assignmentId !== moved).some((p) => readIds.includes(p.id))).toBe(false);
  });

  it("the plans' and reports' exports hold the programme's filings only, and both programmes' together the whole list", async () => {
    const rowsOf = async (list: 'plans' | 'reports', filter: string) => {
      const response = await call(`/exports/${list}.csv?${filter}`, U.leader);
      expect(response.statusCode, `${list} ${filter}: ${response.body}`).toBe(200);
      return response.rawPayload.toString('utf8').trim().split('\r\n').slice(1).sort();
    };
    let otherRows = 0;
    for (const list of ['plans', 'reports'] as const) {
      const listed = await call(`/${list}?programmeId=${OTHER}&limit=100`, U.leader);
      expect(listed.statusCode, listed.body).toBe(200);
      const items = listed.json<Page<Item & { assignmentId: string }>>().items;
      expect(items.every((i) => i.assignmentId === moved)).toBe(true);

      const other = await rowsOf(list, `programmeId=${OTHER}`);
      const ours = await rowsOf(list, `programmeId=${DEFAULT_PROGRAMME_ID}`);
      expect(other).toHaveLength(items.length);
      expect([...ours, ...other].sort()).toEqual(await rowsOf(list, ''));
      otherRows += other.length;
    }
    // The moved assignment had an overdue filing: the other programme's exports are not empty.
    expect(otherRows).toBeGreaterThan(0);
  });
});
