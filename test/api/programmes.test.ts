/**
 * Programmes and their versions through the HTTP API, on a fresh seeded database: the Board's own programme is there
 * with today's rules as its first version; a draft's preview names each changed field and the running assignments it
 * reaches and writes nothing; publishing is audited and idempotent; bad fields are 400s naming them, a version at odds
 * with itself or with its programme's cadence a 422 naming the rule, and a version in force never changes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayOf } from '../../machines/calendar';
import { DEFAULT_POLICY, type Policy } from '../../machines/policy';
import { DEFAULT_PROGRAMME_ID } from '../../machines/programme';
import { policyInForce, type PolicyInForce } from '../../domain/programmes/reads';
import { PROGRAMME_26_FIRST_VERSION } from '../../prisma/demo/programme-26';
import { apiClient, errorOf, SEEDED_USERS as U } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';
import { createOtherProgramme } from '../support/other-programme';
import type { LifecycleHarness } from '../support/lifecycle-harness';

let h: LifecycleHarness;
let suite: ApiSuite | undefined;
let api: ReturnType<typeof apiClient>;
/** The first version, as the database was created with it: the rules the product ran on before versions were data. */
let first: PolicyInForce;
const FIRST = DEFAULT_POLICY.version;

beforeAll(async () => {
  suite = await startApiSuite();
  ({ h, api } = suite);
  first = await policyInForce(h.db.prisma, DEFAULT_PROGRAMME_ID, '2000-01-01');
});

afterAll(async () => {
  await suite?.close();
});

const today = () => dayOf(Date.now());
const VERSIONS = `/programmes/${DEFAULT_PROGRAMME_ID}/versions`;
type Response = Awaited<ReturnType<typeof api.call>>;

function draft(label: string, effectiveFrom: string, change: (p: Policy) => void = () => undefined) {
  const policy = structuredClone(first.policy);
  policy.version = label;
  change(policy);
  return { effectiveFrom, policy };
}

function expectRule(response: Response, rule: string, field?: string) {
  expect(response.statusCode, response.body).toBe(422);
  expect(errorOf(response)).toMatchObject({ code: 'RuleViolated', rule, ...(field && { field }) });
}

function expectField(response: Response, path: string) {
  expect(response.statusCode, response.body).toBe(400);
  expect((errorOf(response).issues as { path: string }[]).map((i) => i.path)).toContain(path);
}

const versionRows = () => h.db.prisma.programmeVersion.count({ where: { programmeId: DEFAULT_PROGRAMME_ID } });

describe('programmes', () => {
  it("lists the Board's own programme with today's rules in force, readable by Board staff", async () => {
    // The rules the product ran on before versions were data: the code's default policy, label and rules alike.
    expect(first.label).toBe(DEFAULT_POLICY.version);
    expect(first.policy).toEqual(DEFAULT_POLICY);
    expect(first.policy).toMatchObject({
      version: FIRST,
      rotation: DEFAULT_POLICY.rotation,
      monthly: DEFAULT_POLICY.monthly,
      evaluation: DEFAULT_POLICY.evaluation,
      complaint: DEFAULT_POLICY.complaint,
      meetings: DEFAULT_POLICY.meetings,
    });
    const list = await api.call('GET', '/programmes', U.official);
    expect(list.statusCode, list.body).toBe(200);
    const running = await h.db.prisma.assignment.count({ where: { closedAt: null } });
    expect(list.json()).toEqual([
      expect.objectContaining({
        id: DEFAULT_PROGRAMME_ID,
        name: 'Quy chế nhóm công chức theo dõi địa bàn',
        decidedBy: 'BOARD_LEADERSHIP',
        monitoredBy: 'BOARD_OFFICIALS_IN_GROUPS',
        cadenceKind: 'MONTHLY_PLAN_AND_REPORT',
        termRule: 'ROTATION',
        inForce: { label: FIRST, effectiveFrom: '2000-01-01' },
        runningAssignments: running,
      }),
    ]);
    const detail = await api.call('GET', `/programmes/${DEFAULT_PROGRAMME_ID}`, U.auditor);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json<{ versions: unknown[] }>().versions).toEqual([
      expect.objectContaining({ label: FIRST, status: 'IN_FORCE', policy: first.policy }),
    ]);
    expect((await api.call('GET', '/programmes/nope', U.admin)).statusCode).toBe(404);
    expect((await api.call('GET', '/programmes', U.committee)).statusCode).toBe(403);
  });

  it('previews a draft: each changed field against the version it follows, the running assignments it reaches; writes nothing', async () => {
    const body = draft('2027.1', addDays(today(), 30), (p) => {
      p.monthly.planDueWorkingDayOfMonth = 7;
      p.meetings.groupSessions.minimumPerQuarter = 2;
    });
    const preview = await api.call('POST', `${VERSIONS}/preview`, U.admin, body);
    expect(preview.statusCode, preview.body).toBe(200);
    const running = await h.db.prisma.assignment.count({
      where: { programmeId: DEFAULT_PROGRAMME_ID, closedAt: null },
    });
    expect(preview.json()).toMatchObject({
      candidate: { label: '2027.1', effectiveFrom: body.effectiveFrom },
      follows: { label: FIRST, effectiveFrom: '2000-01-01' },
      changes: [
        { field: 'meetings.groupSessions.minimumPerQuarter', from: 1, to: 2 },
        { field: 'monthly.planDueWorkingDayOfMonth', from: 5, to: 7 },
      ],
      touches: { count: running },
    });
    expect(await versionRows()).toBe(1);
    expect((await api.call('POST', `${VERSIONS}/preview`, U.official, body)).statusCode).toBe(403);
  });

  it('publishes a version from a later day, audited, once under its Idempotency-Key; Board leadership may too', async () => {
    const from = addDays(today(), 40);
    const body = {
      ...draft('2027.2', from, (p) => (p.monthly.planDueWorkingDayOfMonth = 8)),
      note: 'Thông báo của Ban',
    };
    const key = { 'idempotency-key': 'programme-version-1' };
    const first = await api.call('POST', VERSIONS, U.leader, body, key);
    expect(first.statusCode, first.body).toBe(201);
    const again = await api.call('POST', VERSIONS, U.leader, body, key);
    expect(again.statusCode, again.body).toBe(201);
    const version = first.json<{ id: string; status: string; label: string }>();
    expect(again.json<{ id: string }>().id).toBe(version.id);
    expect(version).toMatchObject({
      label: '2027.2',
      status: 'PENDING',
      effectiveFrom: from,
      note: 'Thông báo của Ban',
    });
    const audit = await h.db.prisma.auditEvent.findMany({ where: { action: 'PROGRAMME_VERSION_PUBLISHED' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.payload).toMatchObject({
      label: '2027.2',
      effectiveFrom: from,
      changes: [{ field: 'monthly.planDueWorkingDayOfMonth', from: 5, to: 8 }],
    });
    // Today and until the day before, the first version holds; from its day, the new one.
    expect((await policyInForce(h.db.prisma, DEFAULT_PROGRAMME_ID, addDays(from, -1))).label).toBe(FIRST);
    const inForce = await policyInForce(h.db.prisma, DEFAULT_PROGRAMME_ID, from);
    expect(inForce).toMatchObject({ label: '2027.2', policy: { monthly: { planDueWorkingDayOfMonth: 8 } } });
    expect((await api.call('POST', VERSIONS, U.official, draft('2027.3', from))).statusCode).toBe(403);
  });

  it('answers a bad field with a 400 naming it, and a version at odds with itself with a 422 naming the rule', async () => {
    const later = addDays(today(), 50);
    expectField(
      await api.call(
        'POST',
        VERSIONS,
        U.admin,
        draft('x1', later, (p) => (p.monthly.planDueWorkingDayOfMonth = 0)),
      ),
      'policy.monthly.planDueWorkingDayOfMonth',
    );
    expectField(
      await api.call('POST', VERSIONS, U.admin, { ...draft('x2', later), effectiveFrom: '2027-02-30' }),
      'effectiveFrom',
    );
    expectField(await api.call('POST', VERSIONS, U.admin, { ...draft('x3', later), smuggled: 1 }), '');
    const cases: [string, (p: Policy) => void, string][] = [
      [
        'ROTATION_MANDATORY_BEFORE_ELIGIBLE',
        (p) => (p.rotation.mandatoryAfterYears = 3),
        'policy.rotation.mandatoryAfterYears',
      ],
      [
        'PLAN_DUE_OUTSIDE_MONTH',
        (p) => (p.monthly.planDueWorkingDayOfMonth = 18),
        'policy.monthly.planDueWorkingDayOfMonth',
      ],
      [
        'PLAN_REMINDER_BEFORE_MONTH',
        (p) => (p.monthly.reminderWorkingDaysBefore = 5),
        'policy.monthly.reminderWorkingDaysBefore',
      ],
      ['EVALUATION_REQUEST_DAY_NOT_IN_YEAR', (p) => (p.evaluation.requestOn = '02-30'), 'policy.evaluation.requestOn'],
      [
        'MONTHLY_ESCALATION_AFTER_CLOSING',
        (p) => (p.monthly.escalateToLeaderInChargeAfterWorkingDays = 12),
        'policy.monthly.escalateToLeaderInChargeAfterWorkingDays',
      ],
    ];
    for (const [rule, change, field] of cases) {
      expectRule(await api.call('POST', VERSIONS, U.admin, draft('bad', later, change)), rule, field);
      expectRule(await api.call('POST', `${VERSIONS}/preview`, U.admin, draft('bad', later, change)), rule, field);
    }
    expect(await versionRows()).toBe(2);
  });

  it('keeps a version in force immutable: a correction is a new version from a later day', async () => {
    expectRule(
      await api.call('POST', VERSIONS, U.admin, draft('2000.fix', '2000-01-01')),
      'VERSION_IN_EFFECT_IMMUTABLE',
    );
    expectRule(await api.call('POST', VERSIONS, U.admin, draft('old', addDays(today(), -1))), 'EFFECTIVE_DATE_IN_PAST');
    const now = await api.call('POST', VERSIONS, U.admin, draft('2026.today', today()));
    expect(now.statusCode, now.body).toBe(201);
    expect(now.json()).toMatchObject({ status: 'IN_FORCE' });
    expectRule(await api.call('POST', VERSIONS, U.admin, draft('2026.today2', today())), 'VERSION_IN_EFFECT_IMMUTABLE');
    expectRule(await api.call('POST', VERSIONS, U.admin, draft('2027.2', addDays(today(), 60))), 'VERSION_LABEL_TAKEN');
    expectRule(await api.call('POST', VERSIONS, U.admin, draft('2027.9', addDays(today(), 40))), 'VERSION_DAY_TAKEN');
    const detail = await api.call('GET', `/programmes/${DEFAULT_PROGRAMME_ID}`, U.admin);
    expect(detail.json<{ versions: { label: string; status: string }[] }>().versions).toEqual([
      expect.objectContaining({ label: FIRST, status: 'PAST' }),
      expect.objectContaining({ label: '2026.today', status: 'IN_FORCE' }),
      expect.objectContaining({ label: '2027.2', status: 'PENDING' }),
    ]);
  });

  it("refuses a version at odds with its programme's cadence: a yearly programme's without `yearly`, a monthly one's with it", async () => {
    const yearlyId = 'test-programme-yearly-cadence';
    await createOtherProgramme(h.db.prisma, {
      id: yearlyId,
      code: 'TEST_YEARLY_CADENCE',
      publishedById: 'system',
      cadenceKind: 'YEARLY_PROGRAMME_PERIODIC_REPORTS',
      policy: { ...PROGRAMME_26_FIRST_VERSION, version: 'test.other-1' },
    });
    const yearlyVersions = `/programmes/${yearlyId}/versions`;
    const later = addDays(today(), 70);
    const { yearly: _dropped, ...withoutYearly } = structuredClone(PROGRAMME_26_FIRST_VERSION);
    const bare = { effectiveFrom: later, policy: { ...withoutYearly, version: 'y.bare' } };
    for (const url of [yearlyVersions, `${yearlyVersions}/preview`])
      expectRule(await api.call('POST', url, U.admin, bare), 'YEARLY_CADENCE_REQUIRED', 'policy.yearly');
    const stray = draft('m.stray', later, (p) => (p.yearly = PROGRAMME_26_FIRST_VERSION.yearly));
    for (const url of [VERSIONS, `${VERSIONS}/preview`])
      expectRule(await api.call('POST', url, U.admin, stray), 'YEARLY_CADENCE_NOT_IN_PROGRAMME', 'policy.yearly');
    expect(await h.db.prisma.programmeVersion.count({ where: { programmeId: yearlyId } })).toBe(1);

    // The same version with its `yearly` block is the yearly programme's next version.
    const whole = { effectiveFrom: later, policy: { ...PROGRAMME_26_FIRST_VERSION, version: 'y.whole' } };
    const published = await api.call('POST', yearlyVersions, U.admin, whole);
    expect(published.statusCode, published.body).toBe(201);
    expect(published.json()).toMatchObject({ label: 'y.whole', status: 'PENDING' });
  });
});
