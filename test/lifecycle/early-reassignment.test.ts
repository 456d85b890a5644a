import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from '../../machines/policy';
import {
  evaluationStateQuery,
  proposeRatingUpdate,
  rateUpdate,
  submitAreaEvaluationUpdate,
} from '../../workflows/annual-evaluation.messages';
import {
  approveUpdate,
  assignmentStateQuery,
  proposeUpdate,
  reportPositionChangeUpdate,
} from '../../workflows/assignment.messages';
import { dayOf } from '../../machines/calendar';
import { recordVerificationUpdate, startVerificationUpdate } from '../../workflows/complaint.messages';
import { complaintWorkflow } from '../../workflows/complaint.workflow';
import { annualEvaluationWorkflowId, assignmentWorkflowId, complaintWorkflowId } from '../../workflows/ids';
import { decisionBy, refusalOf, startActiveAssignment } from '../support/assignments';
import { recordHistories } from '../support/histories';
import { type LifecycleHarness, startLifecycleHarness } from '../support/lifecycle-harness';
import { noonInVietnam } from '../support/scenario-driver';

describe('early reassignment', () => {
  let h: LifecycleHarness;
  beforeAll(async () => {
    h = await startLifecycleHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  const fileComplaint = async (complaintId: string, assignmentId: string, officialId: string) =>
    h.client.workflow.start(complaintWorkflow, {
      taskQueue: h.taskQueue,
      workflowId: complaintWorkflowId(complaintId),
      args: [
        {
          complaintId,
          assignmentId,
          assignmentWorkflowId: assignmentWorkflowId(assignmentId),
          officialId,
          filedBy: 'citizen-nguyen-van-a',
          summary: 'Phản ánh về việc công chức theo dõi địa bàn không nắm tình hình cơ sở',
          source: 'Đơn thư',
          headOfBoardId: h.people.headOfBoard.id,
          policy: DEFAULT_POLICY.complaint,
          nonWorkingDays: [],
        },
      ],
    });

  /** Waits (in server time) until the system has opened its proposal, then has a leader approve it. */
  const approveSystemProposal = async (assignmentId: string) => {
    const handle = h.client.workflow.getHandle(assignmentWorkflowId(assignmentId));
    let view = await handle.query(assignmentStateQuery);
    // Bounded in real time too: on a loaded machine the successor's search (an activity) can outlast 20 skipped seconds.
    for (
      let i = 0, giveUpAt = Date.now() + 60_000;
      (i < 20 || Date.now() < giveUpAt) && !view.pendingProposal;
      i += 1
    ) {
      await h.env.sleep(1000);
      view = await handle.query(assignmentStateQuery);
    }
    expect(view.pendingProposal).toMatchObject({ kind: 'EARLY_REASSIGNMENT', proposedBy: 'system' });
    const today = dayOf(await h.env.currentTimeMs());
    const leader = h.people.leaders[1]!;
    await handle.executeUpdate(approveUpdate, { args: [{ actor: leader, decision: decisionBy(leader, today) }] });
    return handle.result();
  };

  it('after a complaint verified as well-founded: leadership approves, the successor starts, the assignment closes', async () => {
    const { people } = h;
    const official = people.specialists[1]!;
    await h.withWorker(async () => {
      await startActiveAssignment(h, {
        assignmentId: 'complaint-founded',
        areaId: people.areas[1]!.id,
        official,
        proposedBy: people.departmentHead,
      });
      const complaint = await fileComplaint('c-founded', 'complaint-founded', official.id);
      await complaint.executeUpdate(startVerificationUpdate, { args: [{ actor: people.auditor }] });
      await complaint.executeUpdate(recordVerificationUpdate, {
        args: [{ actor: people.auditor, outcome: 'WELL_FOUNDED', findings: 'Xác minh có cơ sở' }],
      });
      const final = await approveSystemProposal('complaint-founded');
      expect(final).toMatchObject({ state: 'closed', closureReason: 'REASSIGNED_EARLY', areaLeftUnmonitored: false });
      expect(final.grounds).toEqual([{ kind: 'VERIFIED_COMPLAINT', complaintId: 'c-founded' }]);
      expect(await complaint.result()).toEqual({ outcome: 'WELL_FOUNDED', action: 'REASSIGNMENT_APPROVED' });
      await recordHistories(h.client, 'complaint-founded', [
        assignmentWorkflowId('complaint-founded'),
        complaintWorkflowId('c-founded'),
      ]);
    });
    const complaintRow = await h.db.prisma.complaint.findUniqueOrThrow({
      where: { id: 'c-founded' },
      include: { verification: true },
    });
    expect(complaintRow.state).toBe('actedOn');
    expect(complaintRow.verification?.outcome).toBe('WELL_FOUNDED');
    const actions = (
      await h.db.prisma.auditEvent.findMany({ where: { assignmentId: 'complaint-founded' }, orderBy: { seq: 'asc' } })
    ).map((r) => r.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'COMPLAINT_FILED',
        'COMPLAINT_VERIFIED_WELL_FOUNDED',
        'GROUND_ESTABLISHED',
        'EARLY_REASSIGNMENT_PROPOSED',
        'EARLY_REASSIGNMENT_APPROVED',
        'ASSIGNMENT_CLOSED',
        'COMPLAINT_ACTED_ON',
      ]),
    );
  });

  it('an unfounded complaint changes nothing, and cannot ground a reassignment', async () => {
    const { people } = h;
    const official = people.specialists[2]!;
    await h.withWorker(async () => {
      const { handle } = await startActiveAssignment(h, {
        assignmentId: 'complaint-unfounded',
        areaId: people.areas[2]!.id,
        official,
        proposedBy: people.departmentHead,
      });
      const complaint = await fileComplaint('c-unfounded', 'complaint-unfounded', official.id);
      await complaint.executeUpdate(startVerificationUpdate, { args: [{ actor: people.auditor }] });
      await complaint.executeUpdate(recordVerificationUpdate, {
        args: [{ actor: people.auditor, outcome: 'UNFOUNDED', findings: 'Không có cơ sở' }],
      });
      expect(await complaint.result()).toEqual({ outcome: 'UNFOUNDED', action: undefined });
      const view = await handle.query(assignmentStateQuery);
      expect(view).toMatchObject({ state: 'active.serving', pendingProposal: null, grounds: [] });
      const refusal = await refusalOf(
        handle.executeUpdate(proposeUpdate, {
          args: [
            {
              actor: people.leaders[0]!,
              proposal: {
                kind: 'EARLY_REASSIGNMENT',
                ground: { kind: 'VERIFIED_COMPLAINT', complaintId: 'c-unfounded' },
                successorOfficialId: people.specialists[3]!.id,
                reason: 'x',
              },
            },
          ],
        }),
      );
      expect(refusal).toMatchObject({ type: 'RuleViolated', rule: 'GROUND_NOT_ESTABLISHED' });
      expect((await handle.query(assignmentStateQuery)).pendingProposal).toBeNull();
    });
    expect(
      await h.db.prisma.approvalRequest.count({
        where: { assignmentId: 'complaint-unfounded', kind: 'EARLY_REASSIGNMENT' },
      }),
    ).toBe(0);
  });

  it('after a "not completed" rating the system opens an early reassignment that leadership decides', async () => {
    const { people } = h;
    const official = people.specialists[4]!;
    const area = people.areas[3]!;
    await h.withWorker(async () => {
      const { today } = await startActiveAssignment(h, {
        assignmentId: 'not-completed',
        areaId: area.id,
        official,
        proposedBy: people.departmentHead,
      });
      const year = Number(today.slice(0, 4)) + (today.slice(5) <= '06-30' ? 0 : 1);
      await h.sleepUntil(noonInVietnam(`${year}-12-03`));
      const evaluation = h.client.workflow.getHandle(annualEvaluationWorkflowId('not-completed', year));
      expect((await evaluation.query(evaluationStateQuery)).state).toBe('requested.awaiting');
      await evaluation.executeUpdate(submitAreaEvaluationUpdate, {
        args: [
          {
            actor: people.committeeOf(area.id),
            evaluation: {
              responsibility: 'Chưa cao',
              method: 'Chưa sâu sát',
              coordination: 'Hạn chế',
              contributions: 'Ít',
              shortcomings: 'Không đi cơ sở',
              proposesReplacement: false,
            },
          },
        ],
      });
      // The official works alone: they propose their own rating as "group leader"; leadership rates.
      await evaluation.executeUpdate(proposeRatingUpdate, {
        args: [{ actor: official, rating: 'NOT_COMPLETED', notes: 'Tự nhận chưa hoàn thành' }],
      });
      await evaluation.executeUpdate(rateUpdate, { args: [{ actor: people.leaders[0]!, rating: 'NOT_COMPLETED' }] });
      const final = await approveSystemProposal('not-completed');
      expect(final).toMatchObject({ state: 'closed', closureReason: 'REASSIGNED_EARLY' });
      expect(final.grounds).toEqual([{ kind: 'NOT_COMPLETED_RATING', year }]);
    });
  });

  it('after a change of position the assignment closes as such, once a successor has taken over', async () => {
    const { people } = h;
    const official = people.specialists[5]!;
    await h.withWorker(async () => {
      const { handle } = await startActiveAssignment(h, {
        assignmentId: 'position-change',
        areaId: people.areas[4]!.id,
        official,
        proposedBy: people.departmentHead,
      });
      const refused = await refusalOf(
        handle.executeUpdate(reportPositionChangeUpdate, { args: [{ actor: official, note: 'Tự báo' }] }),
      );
      expect(refused).toMatchObject({ type: 'RuleViolated', rule: 'POSITION_CHANGE_REPORTER' });
      await handle.executeUpdate(reportPositionChangeUpdate, {
        args: [{ actor: people.departmentHead, note: 'Được điều động làm Phó Trưởng phòng' }],
      });
      const final = await approveSystemProposal('position-change');
      expect(final).toMatchObject({ state: 'closed', closureReason: 'POSITION_CHANGED' });
    });
    const record = await h.db.prisma.assignment.findUniqueOrThrow({
      where: { id: 'position-change' },
      include: { successor: true },
    });
    expect(record.closureReason).toBe('POSITION_CHANGED');
    expect(record.successor).not.toBeNull();
  });
});
