import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../domain/audit/chain';
import { DEFAULT_POLICY } from '../../machines/policy';
import {
  evaluationStateQuery,
  proposeRatingUpdate,
  rateUpdate,
  submitAreaEvaluationUpdate,
} from '../../workflows/annual-evaluation.messages';
import { approveUpdate, assignmentStateQuery, proposeUpdate, rejectUpdate } from '../../workflows/assignment.messages';
import { assignmentWorkflow } from '../../workflows/assignment.workflow';
import { dayOf, nextMonth } from '../../machines/calendar';
import { annualEvaluationWorkflowId, assignmentWorkflowId, monthlyCycleWorkflowId } from '../../workflows/ids';
import { filePlanUpdate, fileReportUpdate, monthlyCycleStateQuery } from '../../workflows/monthly-cycle.messages';
import { recordHistories } from '../support/histories';
import { type LifecycleHarness, startLifecycleHarness } from '../support/lifecycle-harness';
import { type DriverAction, drive, noonInVietnam } from '../support/scenario-driver';

/** Months (by index in the term) whose plan comes only after escalation, and whose report never comes. */
const LATE_PLAN = (i: number) => i % 12 === 4;
const MISSING_REPORT = (i: number) => i % 12 === 8;
const LATE_EVALUATION_YEAR_INDEX = 2;

describe('a five-year assignment on the time-skipping server, with the real policy', () => {
  let h: LifecycleHarness;
  beforeAll(async () => {
    h = await startLifecycleHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('runs 60 monthly cycles, 5 evaluations and a rotation with handover, and audits each step exactly once', async () => {
    const { client, people } = h;
    const [leaderA, leaderB] = people.leaders as [(typeof people.leaders)[0], (typeof people.leaders)[0]];
    const official = people.group.member;
    const area = people.areas.find((a) => a.leaderInChargeId)!;
    const successor = people.specialists[0]!;
    const startYear = new Date(await h.env.currentTimeMs()).getUTCFullYear() + 1;
    const assignmentId = 'five-year';
    const workflowId = assignmentWorkflowId(assignmentId);
    const committee = people.committeeOf(area.id);
    const wallStart = performance.now();

    await h.withWorker(async () => {
      const handle = await client.workflow.start(assignmentWorkflow, {
        taskQueue: h.taskQueue,
        workflowId,
        args: [
          {
            assignmentId,
            areaId: area.id,
            officialId: official.id,
            groupId: people.group.id,
            proposedBy: people.departmentHead.id,
            reason: 'Phân công theo dõi địa bàn',
            effectiveFrom: `${startYear}-01-01`,
            policy: DEFAULT_POLICY,
          },
        ],
      });
      const approved = await handle.executeUpdate(approveUpdate, {
        args: [
          {
            actor: leaderA,
            decision: {
              number: `01-QĐ/BTCTU/${startYear}`,
              issuedOn: dayOf(await h.env.currentTimeMs()),
              signerId: leaderA.id,
            },
          },
        ],
      });
      expect(approved.state).toBe('scheduled');

      const actions: DriverAction[] = [];
      let month = `${startYear}-01`;
      for (let i = 0; i < 60; i += 1, month = nextMonth(month)) {
        const cycle = client.workflow.getHandle(monthlyCycleWorkflowId(assignmentId, month));
        const period = month;
        actions.push({
          at: noonInVietnam(`${period}-02`),
          label: `plan ${period}`,
          run: async () => {
            if (LATE_PLAN(i)) {
              const view = await cycle.query(monthlyCycleStateQuery);
              if (!view.state.includes('plan.escalated')) return 'retry';
            }
            const filed = await cycle.executeUpdate(filePlanUpdate, {
              args: [
                {
                  actor: official,
                  plan: {
                    content: `Kế hoạch công tác tháng ${period}: làm việc với Ban Thường vụ`,
                    plannedFor: `${period}-10`,
                    place: 'Trụ sở Huyện ủy',
                  },
                },
              ],
            });
            expect(filed.late).toBe(LATE_PLAN(i));
          },
        });
        if (!MISSING_REPORT(i)) {
          actions.push({
            at: noonInVietnam(`${nextMonth(period)}-01`),
            label: `report ${period}`,
            run: async () => {
              const filed = await cycle.executeUpdate(fileReportUpdate, {
                args: [
                  {
                    actor: official,
                    report: { situation: 'Tình hình ổn định', results: 'Đã dự họp và nắm tình hình cơ sở' },
                  },
                ],
              });
              expect(filed.late).toBe(false);
            },
          });
        }
      }
      for (let y = 0; y < 5; y += 1) {
        const year = startYear + y;
        const evaluation = client.workflow.getHandle(annualEvaluationWorkflowId(assignmentId, year));
        actions.push({
          at: noonInVietnam(`${year}-12-03`),
          label: `evaluation ${year}`,
          run: async () => {
            if (
              y === LATE_EVALUATION_YEAR_INDEX &&
              !(await evaluation.query(evaluationStateQuery)).state.includes('requested.escalated')
            )
              return 'retry';
            await evaluation.executeUpdate(submitAreaEvaluationUpdate, {
              args: [
                {
                  actor: committee,
                  evaluation: {
                    responsibility: 'Có tinh thần trách nhiệm cao',
                    method: 'Phương pháp sâu sát cơ sở',
                    coordination: 'Phối hợp tốt với cấp ủy',
                    contributions: 'Tham mưu kịp thời về công tác cán bộ',
                    shortcomings: 'Chưa dành đủ một phần ba thời gian cho cơ sở',
                    proposesReplacement: false,
                  },
                },
              ],
            });
            await evaluation.executeUpdate(proposeRatingUpdate, {
              args: [{ actor: people.group.leader, rating: 'GOOD', notes: 'Đề xuất hoàn thành tốt' }],
            });
            const rated = await evaluation.executeUpdate(rateUpdate, { args: [{ actor: leaderB, rating: 'GOOD' }] });
            expect(rated.state).toBe('rated');
          },
        });
      }
      actions.push({
        at: noonInVietnam(`${startYear + 3}-01-02`),
        label: 'reject the rotation proposed at 3 years',
        run: async () => {
          const view = await handle.query(assignmentStateQuery);
          expect(view.state).toBe('active.rotationEligible');
          expect(view.pendingProposal).toMatchObject({ kind: 'ROTATION', proposedBy: 'system' });
          await handle.executeUpdate(rejectUpdate, {
            args: [{ actor: leaderB, comment: 'Cần tiếp tục theo dõi địa bàn trong nhiệm kỳ' }],
          });
        },
      });
      actions.push({
        at: noonInVietnam(`${startYear + 4}-11-10`),
        label: 'rotate at the end of year 5',
        run: async () => {
          await handle.executeUpdate(proposeUpdate, {
            args: [
              {
                actor: people.departmentHead,
                proposal: { kind: 'ROTATION', successorOfficialId: successor.id, reason: 'Luân chuyển sau 5 năm' },
              },
            ],
          });
          const view = await handle.executeUpdate(approveUpdate, {
            args: [
              {
                actor: leaderA,
                decision: {
                  number: `99-QĐ/BTCTU/${startYear + 4}`,
                  issuedOn: `${startYear + 4}-11-10`,
                  signerId: leaderA.id,
                },
                successorEffectiveFrom: `${startYear + 5}-01-01`,
              },
            ],
          });
          expect(view.state).toBe('handingOver');
        },
      });
      await drive(actions, h.sleepUntil);

      const final = await handle.result();
      expect(final).toMatchObject({ state: 'closed', closureReason: 'ROTATED', areaLeftUnmonitored: false });
      const lastCycle = client.workflow.getHandle(monthlyCycleWorkflowId(assignmentId, `${startYear + 4}-12`));
      expect(await lastCycle.result()).toEqual({ plan: 'met', report: 'met' });
      const successorView = await client.workflow
        .getHandle(assignmentWorkflowId(final.successorAssignmentId!))
        .query(assignmentStateQuery);
      expect(successorView.state).toBe('active.serving');
      expect(successorView.officialId).toBe(successor.id);

      // Histories stay bounded: one run per year of service.
      const lastRun = await handle.fetchHistory();
      expect(lastRun.events!.length).toBeLessThan(400);
      await recordHistories(client, 'five-year-assignment', [
        workflowId,
        monthlyCycleWorkflowId(assignmentId, `${startYear}-05`),
        monthlyCycleWorkflowId(assignmentId, `${startYear}-09`),
        annualEvaluationWorkflowId(assignmentId, startYear + 2),
      ]);
    });
    const wallSeconds = (performance.now() - wallStart) / 1000;
    console.log(`five-year assignment: ${wallSeconds.toFixed(1)} s of wall time`);

    const prisma = h.db.prisma;
    const rows = await prisma.auditEvent.groupBy({ by: ['action'], where: { assignmentId }, _count: { _all: true } });
    const counts = Object.fromEntries(rows.map((r) => [r.action, r._count._all]));
    expect(counts).toEqual({
      ASSIGNMENT_PROPOSED: 1,
      APPOINTMENT_APPROVED: 1,
      ASSIGNMENT_STARTED: 1,
      TERM_ANNIVERSARY: 4,
      ROTATION_DEADLINE_OPENED: 1,
      ROTATION_PROPOSED: 2,
      ROTATION_REJECTED: 1,
      ROTATION_APPROVED: 1,
      ROTATION_DEADLINE_MET: 1,
      HANDOVER_STARTED: 1,
      ASSIGNMENT_CLOSED: 1,
      MONTHLY_PLAN_DEADLINE_OPENED: 60,
      MONTHLY_REPORT_DEADLINE_OPENED: 60,
      MONTHLY_PLAN_FILED: 55,
      MONTHLY_PLAN_REMINDER_SENT: 5,
      MONTHLY_PLAN_DEADLINE_MISSED: 5,
      MONTHLY_PLAN_ESCALATED: 5,
      MONTHLY_PLAN_FILED_LATE: 5,
      MONTHLY_REPORT_FILED: 55,
      MONTHLY_REPORT_REMINDER_SENT: 5,
      MONTHLY_REPORT_DEADLINE_MISSED: 5,
      MONTHLY_REPORT_ESCALATED: 5,
      MONTHLY_REPORT_NOT_FILED: 5,
      EVALUATION_REQUESTED: 5,
      AREA_EVALUATION_DEADLINE_OPENED: 5,
      AREA_EVALUATION_DEADLINE_MET: 4,
      AREA_EVALUATION_REMINDER_SENT: 1,
      AREA_EVALUATION_DEADLINE_MISSED: 1,
      AREA_EVALUATION_ESCALATED: 1,
      AREA_EVALUATION_RECEIVED: 5,
      RATING_PROPOSED: 5,
      EVALUATION_RATED: 5,
    });

    // Missed deadlines are recorded against the official, escalated to the group leader, then the leader in charge.
    const missed = await prisma.deadline.findMany({
      where: { assignmentId, status: 'MISSED' },
      include: { escalations: { orderBy: { level: 'asc' } } },
    });
    expect(missed).toHaveLength(11);
    const monthlyMissed = missed.filter((d) => d.subject !== 'AREA_EVALUATION');
    expect(
      monthlyMissed.every((d) => d.escalations.map((e) => e.target).join() === 'GROUP_LEADER,LEADER_IN_CHARGE'),
    ).toBe(true);
    expect(monthlyMissed[0]!.escalations[0]!.recipientId).toBe(people.group.leader.id);
    expect(monthlyMissed[0]!.escalations[1]!.recipientId).toBe(area.leaderInChargeId);
    expect(await prisma.monthlyPlan.count({ where: { assignmentId, late: true } })).toBe(5);
    expect(await prisma.monthlyReport.count({ where: { assignmentId } })).toBe(55);

    // The read model and the approval trail agree with the workflow.
    const record = await prisma.assignment.findUniqueOrThrow({
      where: { id: assignmentId },
      include: { successor: true, approvals: { include: { decision: true } } },
    });
    expect(record).toMatchObject({ state: 'closed', closureReason: 'ROTATED' });
    expect(record.successor?.officialId).toBe(successor.id);
    expect(record.approvals.map((a) => `${a.kind}:${a.status}`).sort()).toEqual([
      'APPOINTMENT:APPROVED',
      'ROTATION:APPROVED',
      'ROTATION:REJECTED',
    ]);
    expect(record.approvals.every((a) => a.decision?.decidedById !== a.proposedById)).toBe(true);
    const ratings = await prisma.annualEvaluation.findMany({ where: { assignmentId }, orderBy: { year: 'asc' } });
    expect(ratings.map((r) => r.rating)).toEqual(['GOOD', 'GOOD', 'GOOD', 'GOOD', 'GOOD']);

    // The audit chain is intact from the first row.
    expect(await verifyAuditChain(prisma)).toMatchObject({ intact: true });
  });
});
