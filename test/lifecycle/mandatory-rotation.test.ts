import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, PolicySchema } from '../../machines/policy';
import { assignmentStateQuery } from '../../workflows/assignment.messages';
import { addYears, startOfDay } from '../../machines/calendar';
import { startActiveAssignment } from '../support/assignments';
import { type LifecycleHarness, startLifecycleHarness } from '../support/lifecycle-harness';

const DAY = 86_400_000;

describe('the mandatory rotation', () => {
  let h: LifecycleHarness;
  beforeAll(async () => {
    h = await startLifecycleHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('is escalated to the Head of Board every 10 working days while undecided', async () => {
    // A province may set shorter terms; 1 and 2 years keep the test short with the same rules.
    const policy = PolicySchema.parse({
      ...DEFAULT_POLICY,
      version: 'short-terms',
      rotation: { ...DEFAULT_POLICY.rotation, eligibleAfterYears: 1, mandatoryAfterYears: 2 },
    });
    const { people } = h;
    const { handle, today } = await startActiveAssignment(h, {
      assignmentId: 'mandatory',
      areaId: people.areas[9]!.id,
      official: people.specialists[10]!,
      proposedBy: people.departmentHead,
      policy,
    });

    await h.sleepUntil(startOfDay(addYears(today, 1)) + DAY);
    let view = await handle.query(assignmentStateQuery);
    expect(view.state).toBe('active.rotationEligible');
    expect(view.pendingProposal).toMatchObject({ kind: 'ROTATION', proposedBy: 'system' });

    await h.sleepUntil(startOfDay(addYears(today, 2)) + DAY);
    view = await handle.query(assignmentStateQuery);
    expect(view.state).toBe('active.rotationDue');
    expect(view.allowedEvents).toContain('APPROVE');
    // That REJECT is refused here (ROTATION_MANDATORY) is asserted on the machine: a refused update at this
    // point intermittently left the Java time-skipping server unable to complete the next workflow task.

    await h.sleepUntil(startOfDay(addYears(today, 2)) + 40 * DAY);
    view = await handle.query(assignmentStateQuery);
    expect(view).toMatchObject({ state: 'active.rotationDue', pendingProposal: { kind: 'ROTATION' } });
    expect(view.deadlines.nextRotationEscalation).not.toBeNull();
    // Deciding now is the five-year scenario's approval and handover. Here the Java time-skipping server
    // intermittently failed the task that accepts an update while cancelling the escalation timer
    // ("invalid history builder state for action"), so this test stops at the escalations.
    await handle.terminate('test done');

    const deadline = await h.db.prisma.deadline.findFirstOrThrow({
      where: { assignmentId: 'mandatory', subject: 'ROTATION_DECISION' },
      include: { escalations: { orderBy: { level: 'asc' } } },
    });
    expect(deadline.status).toBe('MISSED');
    // Missed at the term, then every 10 working days: 40 days hold two more escalations, not four.
    expect(deadline.escalations.length).toBeGreaterThanOrEqual(3);
    expect(deadline.escalations.length).toBeLessThanOrEqual(4);
    expect(
      deadline.escalations.every((e) => e.target === 'HEAD_OF_BOARD' && e.recipientId === people.headOfBoard.id),
    ).toBe(true);
    const actions = (
      await h.db.prisma.auditEvent.findMany({
        where: { assignmentId: 'mandatory', action: { startsWith: 'ROTATION_' } },
        orderBy: { seq: 'asc' },
      })
    ).map((r) => r.action);
    expect(actions.filter((a) => a === 'ROTATION_DEADLINE_MISSED')).toHaveLength(1);
    expect(actions.filter((a) => a === 'ROTATION_ESCALATED').length).toBe(deadline.escalations.length - 1);
    expect(actions).not.toContain('ROTATION_DEADLINE_MET');
    expect(actions).not.toContain('ROTATION_REJECTED');
  });
});
