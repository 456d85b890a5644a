/**
 * A running assignment's rotation follows its programme's version in force: a version published after the assignment
 * began, with the rotation mandatory a year earlier, makes the assignment's rotation due at that year, and its
 * anniversary's, deadline's and escalation's audit rows name the version; an assignment of another programme keeps its
 * terms. Recorded (RECORD_HISTORIES=1) in test/histories/rotation-policy-in-force: the run that passed the second
 * anniversary, behind patched('rotation-policy-in-force') and patched('rotation-escalation-policy-in-force'). On the
 * time-skipping server, from any day of the year.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addYears, dayOf, startOfDay } from '../../machines/calendar';
import { DEFAULT_POLICY, PolicySchema } from '../../machines/policy';
import { DEFAULT_PROGRAMME_ID } from '../../machines/programme';
import { visibleTimeline } from '../../domain/timeline/reads';
import { assignmentStateQuery } from '../../workflows/assignment.messages';
import { assignmentWorkflowId } from '../../workflows/ids';
import { startActiveAssignment } from '../support/assignments';
import { historiesDir } from '../support/histories';
import { type LifecycleHarness, startLifecycleHarness } from '../support/lifecycle-harness';
import { createOtherProgramme } from '../support/other-programme';

const DAY = 86_400_000;
const OTHER_PROGRAMME = 'test-programme-other';
const LATER = 'test.rotation-mandatory-2';

describe("a running assignment's rotation follows the version in force", () => {
  let h: LifecycleHarness;
  beforeAll(async () => {
    h = await startLifecycleHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a version published with the rotation mandatory a year earlier makes it due then, for its programme only', async () => {
    // Short terms keep the test short: open from year 1, mandatory at year 3, as both assignments start.
    const started = PolicySchema.parse({
      ...DEFAULT_POLICY,
      version: 'test.rotation-start',
      rotation: { ...DEFAULT_POLICY.rotation, eligibleAfterYears: 1, mandatoryAfterYears: 3 },
    });
    const { people } = h;
    const publishedById = people.leaders[0]!.id;
    await createOtherProgramme(h.db.prisma, {
      id: OTHER_PROGRAMME,
      code: 'TEST_OTHER',
      policy: started,
      publishedById,
    });
    const ours = await startActiveAssignment(h, {
      assignmentId: 'rotation-follows',
      areaId: people.areas[2]!.id,
      official: people.specialists[2]!,
      proposedBy: people.departmentHead,
      policy: started,
    });
    const other = await startActiveAssignment(h, {
      assignmentId: 'rotation-other-programme',
      areaId: people.areas[3]!.id,
      official: people.specialists[3]!,
      proposedBy: people.departmentHead,
      policy: started,
    });
    await h.db.prisma.assignment.update({
      where: { id: 'rotation-other-programme' },
      data: { programmeId: OTHER_PROGRAMME },
    });
    const today = ours.today;
    // Published the day after both began, in the Board's programme (as POST /programmes/:id/versions does).
    const tomorrow = dayOf(startOfDay(today) + DAY + 12 * 3_600_000);
    await h.db.prisma.programmeVersion.create({
      data: {
        programmeId: DEFAULT_PROGRAMME_ID,
        label: LATER,
        policy: { ...started, version: LATER, rotation: { ...started.rotation, mandatoryAfterYears: 2 } },
        effectiveFrom: tomorrow,
        publishedById,
      },
    });

    await h.sleepUntil(startOfDay(addYears(today, 2)) + DAY);
    await expect
      .poll(async () => (await ours.handle.query(assignmentStateQuery)).state, { timeout: 60_000 })
      .toBe('active.rotationDue');
    await expect
      .poll(async () => (await other.handle.query(assignmentStateQuery)).yearsServed, { timeout: 60_000 })
      .toBe(2);
    expect((await other.handle.query(assignmentStateQuery)).state).toBe('active.rotationEligible');

    const versionsOn = async (assignmentId: string, action: string) =>
      (await h.db.prisma.auditEvent.findMany({ where: { assignmentId, action }, orderBy: { seq: 'asc' } })).map(
        (row) => (row.payload as { policyVersion?: { label: string } }).policyVersion?.label,
      );
    // The steps' rows are written by local activities, which the time-skipping clock does not wait for.
    const poll = { timeout: 60_000 };
    await expect.poll(() => versionsOn('rotation-follows', 'TERM_ANNIVERSARY'), poll).toEqual([LATER, LATER]);
    await expect.poll(() => versionsOn('rotation-follows', 'ROTATION_DEADLINE_OPENED'), poll).toEqual([LATER]);
    await expect.poll(() => versionsOn('rotation-follows', 'ROTATION_DEADLINE_MISSED'), poll).toEqual([LATER]);
    await expect
      .poll(() => versionsOn('rotation-other-programme', 'TERM_ANNIVERSARY'), poll)
      .toEqual(['test.rotation-start', 'test.rotation-start']);
    // The rotation's deadline falls on the second anniversary for ours, the third for the other.
    const dueAt = async (assignmentId: string) =>
      (
        await h.db.prisma.deadline.findFirst({ where: { assignmentId, subject: 'ROTATION_DECISION' } })
      )?.dueAt.getTime();
    await expect.poll(() => dueAt('rotation-follows'), poll).toBe(startOfDay(addYears(today, 2)));
    await expect.poll(() => dueAt('rotation-other-programme'), poll).toBe(startOfDay(addYears(today, 3)));
    const ourView = await ours.handle.query(assignmentStateQuery);
    expect(ourView.deadlines.rotationDueAt).toBe(new Date(startOfDay(addYears(today, 2))).toISOString());

    const { steps } = await visibleTimeline(h.db.prisma, people.leaders[0]!, 'rotation-follows', {
      includeReads: false,
    });
    expect(steps.filter((s) => s.action === 'TERM_ANNIVERSARY').map((s) => s.policyVersion)).toEqual([
      { programmeId: DEFAULT_PROGRAMME_ID, label: LATER },
      { programmeId: DEFAULT_PROGRAMME_ID, label: LATER },
    ]);

    await recordRunBefore('rotation-policy-in-force', assignmentWorkflowId('rotation-follows'));
    await ours.handle.terminate('test done');
    await other.handle.terminate('test done');
  });

  /** Records the run that continued as new into the latest one: here, the run that passed the second anniversary. */
  async function recordRunBefore(scenario: string, workflowId: string): Promise<void> {
    if (process.env.RECORD_HISTORIES !== '1') return;
    const latest = await h.client.workflow.getHandle(workflowId).fetchHistory();
    const runId = latest.events?.[0]?.workflowExecutionStartedEventAttributes?.continuedExecutionRunId;
    if (!runId) throw new Error(`${workflowId}: its latest run did not continue another`);
    const history = await h.client.workflow.getHandle(workflowId, runId).fetchHistory();
    const dir = join(historiesDir, scenario);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `${workflowId}.json`), historyToJSON(history));
  }
});
