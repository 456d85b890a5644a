import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import type { Actor } from '../../machines/actor';
import { type AssignmentEvent, assignmentMachine } from '../../machines/assignment.machine';
import { monthlyCycleMachine } from '../../machines/monthly-cycle.machine';
import { annualEvaluationMachine, annualEvaluationViolation } from '../../machines/annual-evaluation.machine';
import { offeredEventTypes, stateName } from '../../machines/rules';
import { startOfDay } from '../../machines/calendar';
import { DEFAULT_POLICY } from '../../machines/policy';
import { nextTimedEvent, type ScheduleState } from '../../workflows/assignment/schedule';

const leaderA: Actor = { id: 'leader-a', roles: ['BOARD_LEADER'] };
const leaderB: Actor = { id: 'leader-b', roles: ['BOARD_LEADER'] };
const official: Actor = { id: 'official-1', roles: ['OFFICIAL'] };
const decision = { number: '101-QĐ/BTCTU', issuedOn: '2027-01-01', signerId: 'leader-b' };
const reorganized = { type: 'AREA_REORGANIZED', reorganizationId: 'r1' } as const;

function assignment(...events: AssignmentEvent[]) {
  let [snapshot] = initialTransition(assignmentMachine, {
    assignmentId: 'a1',
    officialId: official.id,
    proposedBy: leaderA.id,
    eligibleAfterYears: 3,
    mandatoryAfterYears: 5,
  });
  for (const event of events) [snapshot] = transition(assignmentMachine, snapshot, event);
  return snapshot;
}

describe('an area that ceases in a reorganisation', () => {
  it('closes a running assignment with AREA_REORGANIZED: no ground, no successor, the area not "left unmonitored"', () => {
    const active = assignment({ type: 'APPROVE', actor: leaderB, decision }, { type: 'EFFECTIVE_DATE_REACHED' });
    const rotationDue = transition(assignmentMachine, active, { type: 'TERM_ANNIVERSARY', yearsServed: 5 })[0];
    for (const snapshot of [active, rotationDue]) {
      const [closed] = transition(assignmentMachine, snapshot, reorganized);
      expect(closed.status).toBe('done');
      expect(closed.context).toMatchObject({
        closureReason: 'AREA_REORGANIZED',
        grounds: [],
        areaLeftUnmonitored: false,
      });
      expect(closed.context.successorAssignmentId).toBeUndefined();
    }
    // The system's event, not a person's: never offered.
    expect(offeredEventTypes(active)).not.toContain('AREA_REORGANIZED');
  });

  it('closes an approved assignment not yet in effect, and drops a pending proposal', () => {
    const scheduled = assignment({ type: 'APPROVE', actor: leaderB, decision });
    expect(transition(assignmentMachine, scheduled, reorganized)[0].context.closureReason).toBe('AREA_REORGANIZED');
    const proposing = assignment(
      { type: 'APPROVE', actor: leaderB, decision },
      { type: 'EFFECTIVE_DATE_REACHED' },
      {
        type: 'PROPOSE',
        actor: leaderA,
        proposal: { kind: 'BOARD_REASSIGNMENT', successorOfficialId: 'o2', reason: 'Yêu cầu nhiệm vụ của Cơ quan' },
      },
    );
    expect(proposing.context.pending).toBeDefined();
    const [closed] = transition(assignmentMachine, proposing, reorganized);
    expect(closed.context).toMatchObject({ closureReason: 'AREA_REORGANIZED', pending: undefined });
  });

  it('leaves a proposal awaiting its appointment decision and a closed assignment alone', () => {
    const awaiting = assignment();
    expect(awaiting.can(reorganized)).toBe(false);
    const rejected = assignment({ type: 'REJECT', actor: leaderB, comment: 'không' });
    expect(rejected.can(reorganized)).toBe(false);
  });

  it("closes a month's open filings as reorganized, and leaves the settled ones as they were", () => {
    let [month] = [
      initialTransition(monthlyCycleMachine, { assignmentId: 'a', period: '2027-06', filerIds: [official.id] })[0],
    ];
    [month] = transition(monthlyCycleMachine, month, { type: 'FILE_PLAN', actor: official });
    [month] = transition(monthlyCycleMachine, month, reorganized);
    expect(month.status).toBe('done');
    expect(stateName(month)).toBe('plan.filed | report.reorganized');
    let [missed] = [
      initialTransition(monthlyCycleMachine, { assignmentId: 'a', period: '2027-07', filerIds: [official.id] })[0],
    ];
    [missed] = transition(monthlyCycleMachine, missed, { type: 'DEADLINE_MISSED', item: 'PLAN' });
    [missed] = transition(monthlyCycleMachine, missed, reorganized);
    expect(stateName(missed)).toBe('plan.reorganized | report.reorganized');
    expect(offeredEventTypes(missed)).toEqual([]);
  });
});

describe('the calendar of an assignment whose area ceases', () => {
  const at = (day: string) => startOfDay(day);
  const state: ScheduleState = {
    state: 'active.serving',
    effectiveFrom: '2027-06-01',
    cursor: { nextAnniversary: 1, nextEvaluationYear: 2027, nextMonth: '2027-07' },
    policy: DEFAULT_POLICY,
    ceasesAt: at('2027-07-01'),
  };

  it('closes at the start of the effective day, before the month that begins then', () => {
    expect(nextTimedEvent(state)).toEqual({ kind: 'ceases', at: at('2027-07-01') });
    expect(nextTimedEvent({ ...state, ceasesAt: undefined })).toEqual({
      kind: 'month',
      at: at('2027-07-01'),
      month: '2027-07',
    });
  });

  it('takes what falls before the effective day first, and closes at once when the day is past', () => {
    expect(nextTimedEvent({ ...state, ceasesAt: at('2027-07-15') })).toMatchObject({ kind: 'month' });
    expect(nextTimedEvent({ ...state, ceasesAt: at('2027-06-15') })).toEqual({ kind: 'ceases', at: at('2027-06-15') });
    expect(nextTimedEvent({ ...state, state: 'scheduled', ceasesAt: at('2027-05-20') })).toEqual({
      kind: 'ceases',
      at: at('2027-05-20'),
    });
    expect(nextTimedEvent({ ...state, state: 'closed' })).toBeUndefined();
  });
});

describe('a pending evaluation of an area that ceases', () => {
  const committeeOf = (areaId: string): Actor => ({ id: `committee-${areaId}`, roles: ['AREA_COMMITTEE'], areaId });
  const evaluation = {
    responsibility: 'r',
    method: 'm',
    coordination: 'c',
    contributions: 'k',
    shortcomings: 's',
    proposesReplacement: false,
  };
  const requested = () =>
    initialTransition(annualEvaluationMachine, {
      assignmentId: 'a',
      areaId: 'xa-a',
      year: 2027,
      groupLeaderId: 'g',
    })[0];
  const submit = (areaId: string) => ({
    type: 'SUBMIT_AREA_EVALUATION' as const,
    actor: committeeOf(areaId),
    evaluation,
  });

  it("passes to the one successor's committee: the former area's committee no longer sends it", () => {
    const [moved] = transition(annualEvaluationMachine, requested(), { ...reorganized, successorAreaId: 'xa-c' });
    expect(stateName(moved)).toBe('requested.awaiting');
    expect(annualEvaluationViolation(moved.context, submit('xa-a'))?.rule).toBe('NOT_THIS_AREA_COMMITTEE');
    expect(annualEvaluationViolation(moved.context, submit('xa-c'))).toBeNull();
  });

  it('closes with the reason when no single successor takes it over, and leaves one already received alone', () => {
    const [closed] = transition(annualEvaluationMachine, requested(), reorganized);
    expect(closed.status).toBe('done');
    expect(stateName(closed)).toBe('closedAreaReorganized');
    const [received] = transition(annualEvaluationMachine, requested(), submit('xa-a'));
    expect(received.can(reorganized)).toBe(false);
  });
});
