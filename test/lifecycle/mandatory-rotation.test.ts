import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, PolicySchema } from '../../machines/policy';
import { approveUpdate, assignmentStateQuery, rejectUpdate } from '../../workflows/assignment.messages';
import { addYears, dayOf, startOfDay } from '../../workflows/calendar';
import { decisionBy, refusalOf, startActiveAssignment } from '../support/assignments';
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

  it('cannot be rejected once due, and is escalated to the Head of Board until leadership decides', async () => {
    // A province may set shorter terms; 1 and 2 years keep the test short with the same rules.
    const policy = PolicySchema.parse({ ...DEFAULT_POLICY, version: 'short-terms', rotation: { ...DEFAULT_POLICY.rotation, eligibleAfterYears: 1, mandatoryAfterYears: 2 } });
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
    const refusal = await refusalOf(handle.executeUpdate(rejectUpdate, { args: [{ actor: people.leaders[1]!, comment: 'Chưa luân chuyển' }] }));
    expect(refusal).toMatchObject({ type: 'RuleViolated', rule: 'ROTATION_MANDATORY' });

    await h.sleepUntil(startOfDay(addYears(today, 2)) + 40 * DAY);
    const decisionDay = dayOf(await h.env.currentTimeMs());
    const approved = await handle.executeUpdate(approveUpdate, { args: [{ actor: people.leaders[1]!, decision: decisionBy(people.leaders[1]!, decisionDay) }] });
    expect(approved.state).toBe('handingOver');
    expect(await handle.result()).toMatchObject({ state: 'closed', closureReason: 'ROTATED' });

    const deadline = await h.db.prisma.deadline.findFirstOrThrow({
      where: { assignmentId: 'mandatory', subject: 'ROTATION_DECISION' },
      include: { escalations: { orderBy: { level: 'asc' } } },
    });
    expect(deadline.status).toBe('MISSED');
    // Missed at the term, then every 10 working days: 40 days hold two more escalations, not four.
    expect(deadline.escalations.length).toBeGreaterThanOrEqual(3);
    expect(deadline.escalations.length).toBeLessThanOrEqual(4);
    expect(deadline.escalations.every((e) => e.target === 'HEAD_OF_BOARD' && e.recipientId === people.headOfBoard.id)).toBe(true);
    const actions = (await h.db.prisma.auditEvent.findMany({ where: { assignmentId: 'mandatory', action: { startsWith: 'ROTATION_' } }, orderBy: { seq: 'asc' } })).map((r) => r.action);
    expect(actions.filter((a) => a === 'ROTATION_DEADLINE_MISSED')).toHaveLength(1);
    expect(actions.filter((a) => a === 'ROTATION_ESCALATED').length).toBe(deadline.escalations.length - 1);
    expect(actions).not.toContain('ROTATION_DEADLINE_MET');
  });
});
