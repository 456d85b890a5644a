/**
 * The days a leader of a provincial agency spends in the commune, as their reports give them (seed 001: "too little
 * time at the grassroots" is a failing the agency's leadership follows; "đi báo việc, về báo công": a day counts once a
 * report gives it). Through the HTTP API on the time-skipping server: a periodic report and the yearly report each
 * give days (a day twice counts once, kept sorted), the leader reads them per filing, the agency's head reads their
 * union for the commune and its count; and each refusal (the programme gives none, a day after today, a day outside
 * the report's period, a day that is no calendar day) answers its 4xx before anything reaches the workflow, with
 * nothing recorded; the workflow refuses a day outside the period sent to it directly.
 *
 * Dates are relative to the API's clock (the process's: "today" below) and the link's year is today's: the year's run
 * owes the whole year (as if started on its first day), its escalations set late enough that its filings stay open
 * even when the server's quiet start falls in the next year, so it holds on any day of the year.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgencyMonitoring } from '../../contracts/agencies';
import type { CommuneLinkFilings } from '../../contracts/commune-filings';
import { checkFieldDays } from '../../domain/commune-filings/reads';
import { Refusal } from '../../domain/refusal';
import { addDays, dayOf } from '../../machines/calendar';
import { communeMonitoringWorkflowId } from '../../machines/commune-filings';
import { DEFAULT_POLICY, PolicySchema } from '../../machines/policy';
import { fileCommuneFilingUpdate } from '../../workflows/commune-monitoring.messages';
import { errorOf } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';
import { type CommuneLinkFixture, createCommuneLinks, TEST_YEARLY } from '../support/commune-link';

let suite: ApiSuite | undefined;
const s = () => suite!;
let f: CommuneLinkFixture;
/** The API's day, and its year: the link's and the agency page's. */
const today = dayOf(Date.now());
const year = Number(today.slice(0, 4));
const firstDay = `${year}-01-01`;
/** A second day of the first quarter, not after today (on 1 January, the first day again). */
const secondDay = today < `${year}-01-02` ? firstDay : `${year}-01-02`;
const unique = (days: string[]) => [...new Set(days)].sort();

beforeAll(async () => {
  suite = await startApiSuite();
  const { h } = s();
  f = await createCommuneLinks(h.db.prisma, {
    tag: 'days',
    from: firstDay,
    areaIds: [h.people.areas[1]!.id, h.people.areas[2]!.id],
    publishedById: h.people.leaders[0]!.id,
  });
  // The year's last escalation some three months after the yearly report's day: the run (and its filings, late)
  // stays open past the year's end, where the server's quiet start may fall in the last days of December.
  await h.db.prisma.programmeVersion.update({
    where: { programmeId_label: { programmeId: f.programmeId, label: 'test.other-1' } },
    data: {
      policy: PolicySchema.parse({
        ...DEFAULT_POLICY,
        version: 'test.other-1',
        yearly: { ...TEST_YEARLY, escalateToStandingCommitteeOfficeAfterWorkingDays: 60 },
      }),
    },
  });
  // The year's run from its first day: every filing of the year owed (the first quarter's report already late).
  await h.client.workflow.start('communeMonitoringWorkflow', {
    taskQueue: h.taskQueue,
    workflowId: communeMonitoringWorkflowId(f.linkId),
    args: [{ linkId: f.linkId, year }],
  });
  // Its five filings opened (the programme, three quarters, the yearly report).
  for (let waited = 0; (await h.db.prisma.communeFiling.count({ where: { linkId: f.linkId } })) < 5; waited += 200) {
    if (waited > 30_000) throw new Error("the link's workflow opened no filings in 30 s");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
});

afterAll(async () => {
  await suite?.close();
});

const file = (kind: string, period: string, body: Record<string, unknown>, key: string) =>
  s().api.call('POST', `/commune-links/${f.linkId}/filings/${kind}/${period}`, 'days.leader', body, {
    'idempotency-key': `field-days-${key}`,
  });
const filingRow = (kind: string, period: string) =>
  s().h.db.prisma.communeFiling.findUniqueOrThrow({
    where: { linkId_kind_period: { linkId: f.linkId, kind, period } },
  });
const filedAudits = (kind: string, period: string) =>
  s().h.db.prisma.auditEvent.findMany({
    where: {
      entityType: 'CommuneFiling',
      entityId: `${f.linkId}/${kind}/${period}`,
      action: { in: ['COMMUNE_FILING_FILED', 'COMMUNE_FILING_FILED_LATE'] },
    },
  });

describe('days at the commune given by reports', () => {
  it('keeps the days with each report, shows them to the leader, and gives the agency page their union', async () => {
    const quarter = await file(
      'periodic',
      `${year}-Q1`,
      { content: 'Báo cáo quý I', daysInCommune: [secondDay, firstDay, secondDay] },
      'q1',
    );
    expect(quarter.statusCode, quarter.body).toBe(200);
    const yearly = await file(
      'yearly',
      String(year),
      { content: 'Báo cáo năm', daysInCommune: [today, firstDay] },
      'y',
    );
    expect(yearly.statusCode, yearly.body).toBe(200);

    expect(JSON.parse((await filingRow('PERIODIC', `${year}-Q1`)).fieldDays!)).toEqual(unique([firstDay, secondDay]));
    const [audit] = await filedAudits('YEARLY', String(year));
    expect((audit!.payload as { fieldDays: string[] }).fieldDays).toEqual(unique([firstDay, today]));

    // The leader's own view: the days per filing, none on the programme.
    const own = await s().api.call('GET', `/commune-links/${f.linkId}/filings`, 'days.leader');
    expect(own.statusCode, own.body).toBe(200);
    const byKey = new Map(own.json<CommuneLinkFilings>().filings.map((x) => [`${x.kind} ${x.period}`, x.fieldDays]));
    expect(byKey.get(`PERIODIC ${year}-Q1`)).toEqual(unique([firstDay, secondDay]));
    expect(byKey.get(`YEARLY ${year}`)).toEqual(unique([firstDay, today]));
    expect(byKey.get(`PROGRAMME ${year}`)).toEqual([]);
    expect(byKey.get(`PERIODIC ${year}-Q2`)).toEqual([]);

    // The agency's head: the union of the year's days for the commune, and its count in the leader's totals.
    const page = await s().api.call('GET', `/agencies/${f.agencyId}/monitoring`, 'days.head');
    expect(page.statusCode, page.body).toBe(200);
    const answer = page.json<AgencyMonitoring>();
    expect(answer.year).toBe(year);
    const union = unique([firstDay, secondDay, today]);
    const leader = answer.leaders.find((l) => l.userId === f.leaderUserId)!;
    expect(leader.communes.map((c) => c.fieldDays)).toEqual([union]);
    expect(leader.totals.fieldDays).toBe(union.length);
    const other = answer.leaders.find((l) => l.userId === f.otherLeaderUserId)!;
    expect(other.communes.map((c) => c.fieldDays)).toEqual([[]]);
    expect(other.totals.fieldDays).toBe(0);
  });

  it('refuses the programme with days, a day after today, outside the period, or no calendar day, recording nothing', async () => {
    const refusals: [string, string, unknown[], number, string | undefined][] = [
      ['programme', String(year), [firstDay], 422, 'FIELD_DAYS_ON_PROGRAMME'],
      ['periodic', `${year}-Q2`, [addDays(today, 1)], 422, 'FIELD_DAY_IN_FUTURE'],
      // The first day of the year: past, but not in the second quarter.
      ['periodic', `${year}-Q2`, [firstDay], 422, 'FIELD_DAY_OUTSIDE_PERIOD'],
      ['periodic', `${year}-Q2`, [`${year}-02-30`], 400, undefined],
      ['periodic', `${year}-Q2`, ['01/04/2027'], 400, undefined],
      ['periodic', `${year}-Q2`, 'not a list' as unknown as unknown[], 400, undefined],
    ];
    for (const [i, [kind, period, days, status, rule]] of refusals.entries()) {
      const label = `${kind} ${period} ${JSON.stringify(days)}`;
      const response = await file(kind, period, { content: 'Nội dung', daysInCommune: days }, `refused-${i}`);
      expect(response.statusCode, `${label}: ${response.body}`).toBe(status);
      if (rule) expect(errorOf(response), label).toMatchObject({ rule, field: 'daysInCommune' });
      else expect(response.body, label).toContain('daysInCommune');
    }
    for (const [kind, period] of [
      ['PROGRAMME', String(year)],
      ['PERIODIC', `${year}-Q2`],
    ] as const) {
      const row = await filingRow(kind, period);
      expect(['OPEN', 'MISSED'], `${kind} ${period}`).toContain(row.status);
      expect(row).toMatchObject({ fieldDays: null, filedAt: null, content: null });
      expect(await filedAudits(kind, period)).toEqual([]);
    }
    // The programme filed without days is accepted.
    const programme = await file('programme', String(year), { content: 'Chương trình năm' }, 'programme');
    expect(programme.statusCode, programme.body).toBe(200);
    expect((await filingRow('PROGRAMME', String(year))).fieldDays).toBeNull();
  });

  it("has the workflow refuse a day outside the report's period sent to it directly", async () => {
    const handle = s().h.client.workflow.getHandle(communeMonitoringWorkflowId(f.linkId));
    const sent = handle.executeUpdate(fileCommuneFilingUpdate, {
      args: [
        {
          actor: { id: f.leaderUserId, roles: ['AGENCY_LEADER'] },
          kind: 'PERIODIC',
          period: `${year}-Q3`,
          content: 'Báo cáo quý III',
          fieldDays: [firstDay],
        },
      ],
    });
    const failure = await sent.then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(String((failure as WorkflowUpdateFailedError).cause)).toContain(firstDay);
    expect((await filingRow('PERIODIC', `${year}-Q3`)).fieldDays).toBeNull();
  });

  it('checks a day against the link: none before the leader began monitoring the commune or after it ended', () => {
    const check = (days: string[], link: { from: string; until: string | null }) =>
      checkFieldDays(days, { kind: 'YEARLY', period: '2030', everyMonths: 3, link, today: '2030-12-31' });
    expect(check(['2030-05-02', '2030-05-01', '2030-05-02'], { from: '2030-05-01', until: null })).toEqual([
      '2030-05-01',
      '2030-05-02',
    ]);
    const refusal = (days: string[], link: { from: string; until: string | null }) => {
      try {
        check(days, link);
        return null;
      } catch (error) {
        return error instanceof Refusal ? { status: error.statusCode, ...error.extra } : error;
      }
    };
    expect(refusal(['2030-04-30'], { from: '2030-05-01', until: null })).toEqual({
      status: 422,
      rule: 'FIELD_DAY_OUTSIDE_LINK',
      field: 'daysInCommune',
    });
    expect(refusal(['2030-09-01'], { from: '2030-01-01', until: '2030-08-31' })).toMatchObject({
      rule: 'FIELD_DAY_OUTSIDE_LINK',
    });
    expect(
      checkFieldDays(['2030-06-30'], {
        kind: 'PERIODIC',
        period: '2030-H1',
        everyMonths: 6,
        link: { from: '2030-01-01', until: null },
        today: '2030-07-01',
      }),
    ).toEqual(['2030-06-30']);
    expect(
      (() => {
        try {
          return checkFieldDays(['2030-07-01'], {
            kind: 'PERIODIC',
            period: '2030-H1',
            everyMonths: 6,
            link: { from: '2030-01-01', until: null },
            today: '2030-07-01',
          });
        } catch (error) {
          return (error as Refusal).extra;
        }
      })(),
    ).toMatchObject({ rule: 'FIELD_DAY_OUTSIDE_PERIOD' });
  });
});
