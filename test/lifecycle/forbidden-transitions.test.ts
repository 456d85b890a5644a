import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveUpdate, assignmentStateQuery, proposeUpdate, rejectUpdate } from '../../workflows/assignment.messages';
import { assignmentWorkflowId } from '../../workflows/ids';
import { decisionBy, refusalOf, startActiveAssignment } from '../support/assignments';
import { type LifecycleHarness, startLifecycleHarness } from '../support/lifecycle-harness';

describe('forbidden transitions are refused by the running workflow, and leave no trace but the refusal', () => {
  let h: LifecycleHarness;
  beforeAll(async () => {
    h = await startLifecycleHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('nobody approves their own proposal', async () => {
    const [leaderA, leaderB] = h.people.leaders as [never, never];
    await h.withWorker(async () => {
      const { handle, today } = await startActiveAssignment(h, {
        assignmentId: 'self-approval',
        areaId: h.people.areas[5]!.id,
        official: h.people.specialists[6]!,
        proposedBy: leaderA,
        approver: null,
      });
      const refusal = await refusalOf(
        handle.executeUpdate(approveUpdate, { args: [{ actor: leaderA, decision: decisionBy(leaderA, today) }] }),
      );
      expect(refusal).toMatchObject({ type: 'RuleViolated', rule: 'NO_SELF_APPROVAL' });
      expect((await handle.query(assignmentStateQuery)).state).toBe('awaitingApproval');
      const approved = await handle.executeUpdate(approveUpdate, {
        args: [{ actor: leaderB, decision: decisionBy(leaderB, today) }],
      });
      // Effective today: the start may already have happened by the time the approval is recorded.
      expect(['scheduled', 'active.serving']).toContain(approved.state);
      await h.env.sleep(1_000);
      expect((await handle.query(assignmentStateQuery)).state).toBe('active.serving');
    });
    const actions = (
      await h.db.prisma.auditEvent.findMany({ where: { assignmentId: 'self-approval' }, orderBy: { seq: 'asc' } })
    ).map((r) => r.action);
    expect(actions).toEqual(['ASSIGNMENT_PROPOSED', 'APPOINTMENT_APPROVED', 'ASSIGNMENT_STARTED']);
    const approval = await h.db.prisma.approvalDecision.findFirstOrThrow({
      where: { request: { assignmentId: 'self-approval' } },
    });
    expect(approval.decidedById).toBe((leaderB as { id: string }).id);
  });

  it('only Board leadership approves or rejects', async () => {
    const { people } = h;
    await h.withWorker(async () => {
      const { handle, today } = await startActiveAssignment(h, {
        assignmentId: 'non-leader',
        areaId: people.areas[6]!.id,
        official: people.specialists[7]!,
        proposedBy: people.departmentHead,
        approver: null,
      });
      for (const actor of [people.departmentHead, people.auditor, people.group.leader]) {
        const refusal = await refusalOf(
          handle.executeUpdate(approveUpdate, { args: [{ actor, decision: decisionBy(actor, today) }] }),
        );
        expect(refusal).toMatchObject({ type: 'RuleViolated', rule: 'ONLY_LEADERSHIP_DECIDES' });
      }
      const rejection = await refusalOf(
        handle.executeUpdate(rejectUpdate, { args: [{ actor: people.auditor, comment: 'không' }] }),
      );
      expect(rejection).toMatchObject({ type: 'RuleViolated', rule: 'ONLY_LEADERSHIP_DECIDES' });
      expect((await handle.query(assignmentStateQuery)).state).toBe('awaitingApproval');
    });
    expect(await h.db.prisma.approvalDecision.count({ where: { request: { assignmentId: 'non-leader' } } })).toBe(0);
  });

  it('an event the state does not accept is refused with the events allowed now', async () => {
    const { people } = h;
    await h.withWorker(async () => {
      const { handle } = await startActiveAssignment(h, {
        assignmentId: 'wrong-state',
        areaId: people.areas[7]!.id,
        official: people.specialists[8]!,
        proposedBy: people.departmentHead,
        approver: null,
      });
      const refusal = await refusalOf(
        handle.executeUpdate(proposeUpdate, {
          args: [
            {
              actor: people.leaders[0]!,
              proposal: { kind: 'ROTATION', successorOfficialId: people.specialists[9]!.id, reason: 'x' },
            },
          ],
        }),
      );
      expect(refusal.type).toBe('TransitionRefused');
      expect(refusal.allowedEvents).toEqual(['APPROVE', 'REJECT', 'WITHDRAW']);
    });
  });

  it('bad input is refused with the field that is wrong, before it enters history', async () => {
    const { people } = h;
    await h.withWorker(async () => {
      const { handle } = await startActiveAssignment(h, {
        assignmentId: 'bad-input',
        areaId: people.areas[8]!.id,
        official: people.specialists[9]!,
        proposedBy: people.departmentHead,
        approver: null,
      });
      const refusal = await refusalOf(
        handle.executeUpdate(approveUpdate, {
          args: [{ actor: people.leaders[0]!, decision: { number: '', issuedOn: '22/11/2026', signerId: 'x' } }],
        } as never),
      );
      expect(refusal.type).toBe('InvalidInput');
      expect(refusal.message).toContain('decision.number: the decision number is required');
      expect(refusal.message).toContain('decision.issuedOn');
      const history = await h.client.workflow.getHandle(assignmentWorkflowId('bad-input')).fetchHistory();
      expect(history.events!.some((e) => e.workflowExecutionUpdateAcceptedEventAttributes)).toBe(false);
    });
  });
});
