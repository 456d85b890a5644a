/**
 * A leader's filings through the HTTP API: the caller's communes with the filings their workflow opened, a filing on
 * time answered once under its Idempotency-Key (a retry gets the first answer, one audit row), and the refusals: a
 * commune another leader monitors (403), an unknown link (404), a period that is not of the cadence (422 naming the
 * field), a filing twice (422). On the time-skipping server; the link starts next year, so it passes on any day.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCommuneLinkWorkflows } from '../../activities/commune-links';
import type { CommuneLinkFilings } from '../../contracts/commune-filings';
import { yearFilingsOfLinks } from '../../domain/commune-filings/reads';
import { dayOf } from '../../machines/calendar';
import { errorOf } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';
import { type CommuneLinkFixture, createCommuneLinks } from '../support/commune-link';

let suite: ApiSuite | undefined;
const s = () => suite!;
let f: CommuneLinkFixture;
let year: number;

beforeAll(async () => {
  suite = await startApiSuite();
  const { h } = s();
  year = Number(dayOf(h.startedAt).slice(0, 4)) + 1;
  f = await createCommuneLinks(h.db.prisma, {
    tag: 'api',
    from: `${year}-01-01`,
    areaIds: [h.people.areas[1]!.id, h.people.areas[2]!.id],
    publishedById: h.people.leaders[0]!.id,
  });
  await startCommuneLinkWorkflows(
    { client: h.client, taskQueue: h.taskQueue },
    [f.linkId, f.otherLinkId].map((id) => ({ id, from: `${year}-01-01` })),
    dayOf(h.startedAt),
  );
});

afterAll(async () => {
  await suite?.close();
});

const filingUrl = (linkId: string, kind: string, period: string) =>
  `/commune-links/${linkId}/filings/${kind}/${period}`;

describe('commune filings', () => {
  it("lists the caller's communes with the filings their workflow opened", async () => {
    const own = async () => (await s().api.call('GET', '/commune-links', 'api.leader')).json<CommuneLinkFilings[]>();
    await expect.poll(async () => (await own())[0]?.filings.length ?? 0, { timeout: 30_000 }).toBe(5);
    const [link] = await own();
    expect(link).toMatchObject({ linkId: f.linkId, until: null });
    expect(link!.filings.map((x) => `${x.kind} ${x.period} ${x.status}`).sort()).toEqual(
      [
        `PERIODIC ${year}-Q1 OPEN`,
        `PERIODIC ${year}-Q2 OPEN`,
        `PERIODIC ${year}-Q3 OPEN`,
        `PROGRAMME ${year} OPEN`,
        `YEARLY ${year} OPEN`,
      ].sort(),
    );
    const one = await s().api.call('GET', `/commune-links/${f.linkId}/filings`, 'api.leader');
    expect(one.statusCode, one.body).toBe(200);
    expect((await s().api.call('GET', `/commune-links/${f.otherLinkId}/filings`, 'api.leader')).statusCode).toBe(403);
    expect((await s().api.call('GET', '/commune-links/no-such-link/filings', 'api.leader')).statusCode).toBe(404);
  });

  it('files on time once under its Idempotency-Key, and refuses what the rules refuse', async () => {
    const key = { 'idempotency-key': 'programme-first' };
    const body = { content: 'Chương trình theo dõi năm' };
    const first = await s().api.call('POST', filingUrl(f.linkId, 'programme', String(year)), 'api.leader', body, key);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ kind: 'PROGRAMME', period: String(year), late: false });
    const retry = await s().api.call('POST', filingUrl(f.linkId, 'programme', String(year)), 'api.leader', body, key);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toEqual(first.json());
    const rows = await s().h.db.prisma.auditEvent.findMany({
      where: { entityId: `${f.linkId}/PROGRAMME/${year}`, action: 'COMMUNE_FILING_FILED' },
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actorId).toBe(f.leaderUserId);
    expect((rows[0]!.payload as { policyVersion: { label: string } }).policyVersion.label).toBe('test.other-1');

    const twice = await s().api.call('POST', filingUrl(f.linkId, 'programme', String(year)), 'api.leader', body, {
      'idempotency-key': 'programme-second',
    });
    expect(twice.statusCode).toBe(422);
    expect(errorOf(twice)).toMatchObject({ rule: 'ALREADY_FILED' });

    const notMine = await s().api.call(
      'POST',
      filingUrl(f.otherLinkId, 'programme', String(year)),
      'api.leader',
      body,
      {
        'idempotency-key': 'not-mine',
      },
    );
    expect(notMine.statusCode).toBe(403);

    const halfYear = await s().api.call('POST', filingUrl(f.linkId, 'periodic', `${year}-H1`), 'api.leader', body, {
      'idempotency-key': 'wrong-period',
    });
    expect(halfYear.statusCode, halfYear.body).toBe(422);
    expect(errorOf(halfYear)).toMatchObject({ rule: 'PERIOD_NOT_OF_CADENCE', field: 'period' });

    const badShape = await s().api.call('POST', filingUrl(f.linkId, 'periodic', 'soon'), 'api.leader', body, {
      'idempotency-key': 'bad-shape',
    });
    expect(badShape.statusCode).toBe(400);

    const unknown = await s().api.call('POST', filingUrl('no-such-link', 'yearly', String(year)), 'api.leader', body, {
      'idempotency-key': 'unknown-link',
    });
    expect(unknown.statusCode).toBe(404);

    const row = await s().h.db.prisma.communeFiling.findUniqueOrThrow({
      where: { linkId_kind_period: { linkId: f.linkId, kind: 'PROGRAMME', period: String(year) } },
    });
    expect(row).toMatchObject({ status: 'FILED', filedById: f.leaderUserId, content: 'Chương trình theo dõi năm' });

    // What an agency's head follows of it (domain/agencies/reads.ts): the programme built, the reports still open.
    const followed = (await yearFilingsOfLinks(s().h.db.prisma, [f.linkId], year)).get(f.linkId);
    expect(followed?.programmePlan).toMatchObject({
      built: true,
      filedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
    });
    expect(followed?.reports.map((r) => `${r.reference} ${r.status}`)).toEqual([
      `${year}-Q1 OPEN`,
      `${year}-Q2 OPEN`,
      `${year}-Q3 OPEN`,
      `${year} OPEN`,
    ]);
  });
});
