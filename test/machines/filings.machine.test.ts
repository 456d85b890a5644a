import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import type { Actor } from '../../machines/actor';
import {
  type AnnualEvaluationEvent,
  annualEvaluationMachine,
  annualEvaluationViolation,
} from '../../machines/annual-evaluation.machine';
import { type ComplaintEvent, complaintMachine, complaintViolation } from '../../machines/complaint.machine';
import { monthlyCycleMachine, monthlyCycleViolation } from '../../machines/monthly-cycle.machine';
import { stateName } from '../../machines/rules';

const official: Actor = { id: 'o1', roles: ['OFFICIAL'] };
const stranger: Actor = { id: 'o9', roles: ['OFFICIAL'] };

describe('monthly cycle machine', () => {
  const start = () =>
    initialTransition(monthlyCycleMachine, { assignmentId: 'a', period: '2027-03', filerIds: ['o1'] })[0];

  it('wants the plan before the report ("đi báo việc, về báo công")', () => {
    const snapshot = start();
    expect(snapshot.can({ type: 'FILE_REPORT', actor: official })).toBe(false);
    expect(monthlyCycleViolation(snapshot.context, { type: 'FILE_REPORT', actor: official }, 'due')?.rule).toBe(
      'PLAN_NOT_ON_RECORD',
    );
    const planned = transition(monthlyCycleMachine, snapshot, { type: 'FILE_PLAN', actor: official })[0];
    expect(planned.can({ type: 'FILE_REPORT', actor: official })).toBe(true);
  });

  it('marks a filing after the deadline as late and finishes when both are settled', () => {
    let [s] = [start()];
    [s] = transition(monthlyCycleMachine, s, { type: 'DEADLINE_MISSED', item: 'PLAN' });
    [s] = transition(monthlyCycleMachine, s, { type: 'ESCALATED', item: 'PLAN', level: 2 });
    [s] = transition(monthlyCycleMachine, s, { type: 'FILE_PLAN', actor: official });
    expect(stateName(s)).toBe('plan.filedLate | report.due');
    [s] = transition(monthlyCycleMachine, s, { type: 'DEADLINE_MISSED', item: 'REPORT' });
    [s] = transition(monthlyCycleMachine, s, { type: 'CLOSE_UNFILED', item: 'REPORT' });
    expect(s.status).toBe('done');
    expect(stateName(s)).toBe('plan.filedLate | report.notFiled');
  });

  it('refuses filings from officials not assigned to the area', () => {
    const snapshot = start();
    expect(snapshot.can({ type: 'FILE_PLAN', actor: stranger })).toBe(false);
    expect(monthlyCycleViolation(snapshot.context, { type: 'FILE_PLAN', actor: stranger }, 'due')?.rule).toBe(
      'FILER_NOT_ASSIGNED',
    );
  });
});

describe('annual evaluation machine', () => {
  const committee: Actor = { id: 'u-committee', roles: ['AREA_COMMITTEE'], areaId: 'area-1' };
  const otherCommittee: Actor = { id: 'u-other', roles: ['AREA_COMMITTEE'], areaId: 'area-2' };
  const groupLeader: Actor = { id: 'gl', roles: ['GROUP_LEADER'] };
  const leader: Actor = { id: 'leader', roles: ['BOARD_LEADER'] };
  const evaluation = {
    responsibility: 'r',
    method: 'm',
    coordination: 'c',
    contributions: 'k',
    shortcomings: 's',
    proposesReplacement: false,
  };

  it("accepts the evaluation only from this area's committee, then proposal, then rating", () => {
    let [s] = initialTransition(annualEvaluationMachine, {
      assignmentId: 'a',
      areaId: 'area-1',
      year: 2027,
      groupLeaderId: 'gl',
    });
    const fromOther = { type: 'SUBMIT_AREA_EVALUATION', actor: otherCommittee, evaluation } as const;
    expect(s.can(fromOther)).toBe(false);
    expect(annualEvaluationViolation(s.context, fromOther)?.rule).toBe('NOT_THIS_AREA_COMMITTEE');
    [s] = transition(annualEvaluationMachine, s, { type: 'SUBMIT_AREA_EVALUATION', actor: committee, evaluation });
    expect(s.can({ type: 'PROPOSE_RATING', actor: leader, rating: 'GOOD', notes: '' })).toBe(false);
    [s] = transition(annualEvaluationMachine, s, {
      type: 'PROPOSE_RATING',
      actor: groupLeader,
      rating: 'GOOD',
      notes: '',
    });
    const selfRating: AnnualEvaluationEvent = {
      type: 'RATE',
      actor: { ...groupLeader, roles: ['BOARD_LEADER'] },
      rating: 'EXCELLENT',
    };
    expect(s.can(selfRating)).toBe(false);
    expect(annualEvaluationViolation(s.context, selfRating)?.rule).toBe('NO_SELF_APPROVAL');
    [s] = transition(annualEvaluationMachine, s, { type: 'RATE', actor: leader, rating: 'NOT_COMPLETED' });
    expect(s.status).toBe('done');
    expect(s.context.rating).toEqual({ rating: 'NOT_COMPLETED', ratedBy: 'leader' });
  });
});

describe('complaint machine', () => {
  const auditor: Actor = { id: 'aud', roles: ['AUDITOR'] };
  const start = () =>
    initialTransition(complaintMachine, {
      complaintId: 'c',
      assignmentId: 'a',
      officialId: 'o1',
      filedBy: 'citizen',
    })[0];

  it('is verified only by the security department or leadership, never by the official concerned', () => {
    const s = start();
    expect(s.can({ type: 'START_VERIFICATION', actor: official })).toBe(false);
    expect(complaintViolation(s.context, { type: 'START_VERIFICATION', actor: official })?.rule).toBe('VERIFIER_ROLE');
    const selfAuditor: ComplaintEvent = { type: 'START_VERIFICATION', actor: { id: 'o1', roles: ['AUDITOR'] } };
    expect(complaintViolation(s.context, selfAuditor)?.rule).toBe('VERIFIER_NOT_INDEPENDENT');
  });

  it('ends unfounded with nothing to act on, or well-founded awaiting leadership', () => {
    let [s] = transition(complaintMachine, start(), { type: 'START_VERIFICATION', actor: auditor });
    const [unfounded] = transition(complaintMachine, s, {
      type: 'RECORD_VERIFICATION',
      actor: auditor,
      outcome: 'UNFOUNDED',
      findings: 'f',
    });
    expect(unfounded.status).toBe('done');
    expect(stateName(unfounded)).toBe('verifiedUnfounded');
    [s] = transition(complaintMachine, s, {
      type: 'RECORD_VERIFICATION',
      actor: auditor,
      outcome: 'WELL_FOUNDED',
      findings: 'f',
    });
    expect(stateName(s)).toBe('verifiedWellFounded');
    [s] = transition(complaintMachine, s, { type: 'ACTED_ON', action: 'REASSIGNMENT_APPROVED' });
    expect(s.status).toBe('done');
  });
});
