/**
 * A running assignment follows its programme's version in force: a version published with a later plan day, in force
 * from a later month, moves that month's plan deadline and not the month's before, nor that month's deadline of an
 * assignment of another programme running beside it; the month's audit rows and the timeline
 * name the version each month's days come from; the year's evaluation is requested under the version in force on its
 * day. Recorded (RECORD_HISTORIES=1) in test/histories/policy-in-force: the paths behind patched('policy-in-force') and
 * patched('evaluation-policy-in-force'). On the time-skipping server, from a quiet working day (any day of
 * the year, any hour: the server's "today" decides the months, never the process clock).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadNonWorkingDays } from '../../activities/calendar';
import { endOfDay, nextMonth, startOfDay, WorkingCalendar } from '../../machines/calendar';
import { DEFAULT_PROGRAMME_ID } from '../../machines/programme';
import { policyInForce } from '../../domain/programmes/reads';
import { visibleTimeline } from '../../domain/timeline/reads';
import { annualEvaluationWorkflowId, assignmentWorkflowId, monthlyCycleWorkflowId } from '../../workflows/ids';
import { startActiveAssignment } from '../support/assignments';
import { recordHistories } from '../support/histories';
import { type LifecycleHarness, startLifecycleHarness } from '../support/lifecycle-harness';
import { createOtherProgramme } from '../support/other-programme';

const HOUR = 3_600_000;
const LATER_PLAN_DAY = 8;
const OTHER_PROGRAMME = 'programme-test-other';

describe('running assignments follow the version in force', () => {
  let h: LifecycleHarness;
  beforeAll(async () => {
    h = await startLifecycleHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it("a version published with a later plan day moves next month's deadline, and the timeline names it", async () => {
    const first = await policyInForce(h.db.prisma, DEFAULT_PROGRAMME_ID, '2000-01-01');
    const { people } = h;
    const assignmentId = 'follows-versions';
    const { handle, today } = await startActiveAssignment(h, {
      assignmentId,
      areaId: people.areas[4]!.id,
      official: people.specialists[4]!,
      proposedBy: people.departmentHead,
    });
    // Beside it, an assignment of another programme whose only version has the first version's rules.
    await createOtherProgramme(h.db.prisma, {
      id: OTHER_PROGRAMME,
      code: 'TEST_OTHER',
      policy: first.policy,
      publishedById: people.leaders[0]!.id,
    });
    const otherId = 'other-programme-keeps-its-version';
    const other = await startActiveAssignment(h, {
      assignmentId: otherId,
      areaId: people.areas[3]!.id,
      official: people.specialists[3]!,
      proposedBy: people.departmentHead,
    });
    await h.db.prisma.assignment.update({ where: { id: otherId }, data: { programmeId: OTHER_PROGRAMME } });
    // The first whole month under the first version, the one after under the new one (this month may have begun
    // before the assignment, its plan already due).
    const month = nextMonth(today.slice(0, 7));
    const next = nextMonth(month);
    // Published meanwhile (as POST /programmes/:id/versions does), in force from the first of the month after next.
    await h.db.prisma.programmeVersion.create({
      data: {
        id: 'version-later-plan-day',
        programmeId: DEFAULT_PROGRAMME_ID,
        label: 'test.later-plan-day',
        policy: {
          ...first.policy,
          version: 'test.later-plan-day',
          monthly: { ...first.policy.monthly, planDueWorkingDayOfMonth: LATER_PLAN_DAY },
        },
        effectiveFrom: `${next}-01`,
        publishedById: people.leaders[0]!.id,
      },
    });

    const planDeadline = (period: string, of = assignmentId) =>
      h.db.prisma.deadline.findUnique({
        where: {
          assignmentId_subject_reference: { assignmentId: of, subject: 'MONTHLY_PLAN', reference: period },
        },
      });
    await h.sleepUntil(startOfDay(`${next}-01`) + 2 * HOUR);
    await expect.poll(() => planDeadline(next), { timeout: 60_000 }).not.toBeNull();
    await expect.poll(() => planDeadline(next, otherId), { timeout: 60_000 }).not.toBeNull();

    const years = { fromYear: Number(month.slice(0, 4)), toYear: Number(next.slice(0, 4)) };
    const calendar = new WorkingCalendar(await loadNonWorkingDays({ db: h.db } as never)(years));
    const thisMonth = await planDeadline(month);
    expect(thisMonth?.dueAt.getTime()).toBe(
      endOfDay(calendar.nthWorkingDayOfMonth(month, first.policy.monthly.planDueWorkingDayOfMonth)),
    );
    expect((await planDeadline(next))?.dueAt.getTime()).toBe(
      endOfDay(calendar.nthWorkingDayOfMonth(next, LATER_PLAN_DAY)),
    );
    // The other programme's month keeps its own version's plan day, and its audit row names that version.
    expect((await planDeadline(next, otherId))?.dueAt.getTime()).toBe(
      endOfDay(calendar.nthWorkingDayOfMonth(next, first.policy.monthly.planDueWorkingDayOfMonth)),
    );
    const otherOpened = await h.db.prisma.auditEvent.findFirst({
      where: {
        assignmentId: otherId,
        action: 'MONTHLY_PLAN_DEADLINE_OPENED',
        entityId: `${otherId}/MONTHLY_PLAN/${next}`,
      },
    });
    expect((otherOpened?.payload as { policyVersion?: unknown }).policyVersion).toEqual({
      programmeId: OTHER_PROGRAMME,
      label: 'test.other-1',
    });

    const monthsPlans = [month, next].map((period) => `${assignmentId}/MONTHLY_PLAN/${period}`);
    const opened = await h.db.prisma.auditEvent.findMany({
      where: { assignmentId, action: 'MONTHLY_PLAN_DEADLINE_OPENED', entityId: { in: monthsPlans } },
      orderBy: { seq: 'asc' },
    });
    expect(opened.map((row) => (row.payload as { policyVersion?: { label: string } }).policyVersion?.label)).toEqual([
      first.label,
      'test.later-plan-day',
    ]);
    const { steps } = await visibleTimeline(h.db.prisma, people.leaders[0]!, assignmentId, { includeReads: false });
    expect(
      steps
        .filter((s) => s.action === 'MONTHLY_PLAN_DEADLINE_OPENED' && monthsPlans.includes(s.entityId))
        .map((s) => s.policyVersion),
    ).toEqual([
      { programmeId: DEFAULT_PROGRAMME_ID, label: first.label },
      { programmeId: DEFAULT_PROGRAMME_ID, label: 'test.later-plan-day' },
    ]);

    // The year's evaluation, requested on its day under the version then in force (the later one), the label on its
    // deadline's audit row. Its first year: this one when the assignment began by June, else the next.
    const year = Number(today.slice(0, 4)) + (today.slice(5) <= '06-30' ? 0 : 1);
    await h.sleepUntil(startOfDay(`${year}-${first.policy.evaluation.requestOn}`) + 12 * HOUR);
    const evaluationOpened = () =>
      h.db.prisma.auditEvent.findFirst({
        where: { assignmentId, action: 'AREA_EVALUATION_DEADLINE_OPENED' },
        orderBy: { seq: 'asc' },
      });
    await expect.poll(evaluationOpened, { timeout: 120_000 }).not.toBeNull();
    expect(((await evaluationOpened())!.payload as { policyVersion?: unknown }).policyVersion).toEqual({
      programmeId: DEFAULT_PROGRAMME_ID,
      label: 'test.later-plan-day',
    });

    // The paths behind patched('policy-in-force') and patched('evaluation-policy-in-force'), for the replay suite:
    // the assignment's run that started the later months and requested the evaluation, a month under each version,
    // and the evaluation.
    await recordHistories(h.client, 'policy-in-force', [
      assignmentWorkflowId(assignmentId),
      monthlyCycleWorkflowId(assignmentId, month),
      monthlyCycleWorkflowId(assignmentId, next),
      annualEvaluationWorkflowId(assignmentId, year),
    ]);
    await handle.terminate('test done');
    await other.handle.terminate('test done');
  });
});
