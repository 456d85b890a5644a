import { describe, expect, it } from 'vitest';
import { initialTransition, transition } from 'xstate';
import type { Actor } from '../../machines/actor';
import { type AssignmentEvent, assignmentMachine, assignmentViolation } from '../../machines/assignment.machine';
import { acceptedEventTypes, offeredEventTypes, stateName, SYSTEM_EVENT_TYPES } from '../../machines/rules';

const leaderA: Actor = { id: 'leader-a', roles: ['BOARD_LEADER'] };
const leaderB: Actor = { id: 'leader-b', roles: ['BOARD_LEADER'] };
const official: Actor = { id: 'official-1', roles: ['OFFICIAL'] };
const deptHead: Actor = { id: 'dept-head', roles: ['DEPARTMENT_HEAD'] };
const decision = { number: '101-QĐ/BTCTU', issuedOn: '2027-01-01', signerId: 'leader-b' };

function run(...events: AssignmentEvent[]) {
  let [snapshot] = initialTransition(assignmentMachine, {
    assignmentId: 'a1',
    officialId: official.id,
    proposedBy: leaderA.id,
    eligibleAfterYears: 3,
    mandatoryAfterYears: 5,
  });
  for (const event of events) {
    expect(snapshot.can(event), `${event.type} in ${stateName(snapshot)}`).toBe(true);
    [snapshot] = transition(assignmentMachine, snapshot, event);
  }
  return snapshot;
}

const active = [
  { type: 'APPROVE', actor: leaderB, decision },
  { type: 'EFFECTIVE_DATE_REACHED' },
] as const satisfies AssignmentEvent[];

describe('assignment machine', () => {
  it('approves an appointment by another leader and becomes active on its effective date', () => {
    expect(stateName(run(...active))).toBe('active.serving');
  });

  it('refuses self-approval, naming the rule', () => {
    const snapshot = run();
    const event: AssignmentEvent = { type: 'APPROVE', actor: leaderA, decision };
    expect(snapshot.can(event)).toBe(false);
    expect(assignmentViolation(snapshot.context, event, 'appointment')?.rule).toBe('NO_SELF_APPROVAL');
  });

  it('refuses approval by someone outside Board leadership', () => {
    const snapshot = run();
    const event: AssignmentEvent = { type: 'APPROVE', actor: deptHead, decision };
    expect(snapshot.can(event)).toBe(false);
    expect(assignmentViolation(snapshot.context, event, 'appointment')?.rule).toBe('ONLY_LEADERSHIP_DECIDES');
  });

  it('becomes eligible for rotation at 3 years and due at 5', () => {
    const years = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ type: 'TERM_ANNIVERSARY', yearsServed: i + 1 }) as const);
    expect(stateName(run(...active, ...years(2)))).toBe('active.serving');
    expect(stateName(run(...active, ...years(3)))).toBe('active.rotationEligible');
    expect(stateName(run(...active, ...years(5)))).toBe('active.rotationDue');
  });

  it('refuses a rotation proposal before 3 years', () => {
    const snapshot = run(...active, { type: 'TERM_ANNIVERSARY', yearsServed: 2 });
    const event: AssignmentEvent = {
      type: 'PROPOSE',
      actor: deptHead,
      proposal: { kind: 'ROTATION', successorOfficialId: 'o2', reason: 'x' },
    };
    expect(snapshot.can(event)).toBe(false);
    expect(assignmentViolation(snapshot.context, event, 'proposal')?.rule).toBe('ROTATION_NOT_YET_ELIGIBLE');
  });

  it('refuses early reassignment on a complaint not verified as well-founded', () => {
    const snapshot = run(...active);
    const event: AssignmentEvent = {
      type: 'PROPOSE',
      actor: deptHead,
      proposal: {
        kind: 'EARLY_REASSIGNMENT',
        ground: { kind: 'VERIFIED_COMPLAINT', complaintId: 'c1' },
        successorOfficialId: 'o2',
        reason: 'x',
      },
    };
    expect(snapshot.can(event)).toBe(false);
    expect(assignmentViolation(snapshot.context, event, 'proposal')?.rule).toBe('GROUND_NOT_ESTABLISHED');
    const grounded = run(...active, {
      type: 'GROUND_ESTABLISHED',
      ground: { kind: 'VERIFIED_COMPLAINT', complaintId: 'c1' },
    });
    expect(grounded.can(event)).toBe(true);
  });

  it('cannot reject a rotation once the mandatory term is reached', () => {
    const years = Array.from({ length: 3 }, (_, i) => ({ type: 'TERM_ANNIVERSARY', yearsServed: i + 1 }) as const);
    const proposed = run(...active, ...years, {
      type: 'PROPOSE',
      actor: deptHead,
      proposal: { kind: 'ROTATION', successorOfficialId: 'o2', reason: 'term' },
    });
    const reject: AssignmentEvent = { type: 'REJECT', actor: leaderB, comment: 'not now' };
    expect(proposed.can(reject)).toBe(true);
    const due = run(
      ...active,
      ...years,
      { type: 'PROPOSE', actor: deptHead, proposal: { kind: 'ROTATION', successorOfficialId: 'o2', reason: 'term' } },
      { type: 'TERM_ANNIVERSARY', yearsServed: 4 },
      { type: 'TERM_ANNIVERSARY', yearsServed: 5 },
    );
    expect(due.can(reject)).toBe(false);
    expect(assignmentViolation(due.context, reject, 'proposal')?.rule).toBe('ROTATION_MANDATORY');
  });

  it('closes only when the successor has started, with the reason recorded', () => {
    const approved = run(
      ...active,
      { type: 'GROUND_ESTABLISHED', ground: { kind: 'NOT_COMPLETED_RATING', year: 2027 } },
      {
        type: 'PROPOSE',
        actor: deptHead,
        proposal: {
          kind: 'EARLY_REASSIGNMENT',
          ground: { kind: 'NOT_COMPLETED_RATING', year: 2027 },
          successorOfficialId: 'o2',
          reason: 'rating',
        },
      },
      { type: 'APPROVE', actor: leaderB, decision },
    );
    expect(stateName(approved)).toBe('handingOver');
    expect(acceptedEventTypes(approved).sort()).toEqual(['AREA_REORGANIZED', 'SUCCESSOR_STARTED']);
    const closed = transition(assignmentMachine, approved, {
      type: 'SUCCESSOR_STARTED',
      successorAssignmentId: 'a2',
    })[0];
    expect(closed.status).toBe('done');
    expect(closed.context.closureReason).toBe('REASSIGNED_EARLY');
  });

  it('records an area left unmonitored when a closure names no successor', () => {
    const closed = run(
      ...active,
      {
        type: 'PROPOSE',
        actor: deptHead,
        proposal: { kind: 'CLOSURE', closureReason: 'RETIRED', reason: 'retirement' },
      },
      { type: 'APPROVE', actor: leaderB, decision },
    );
    expect(closed.status).toBe('done');
    expect(closed.context).toMatchObject({ closureReason: 'RETIRED', areaLeftUnmonitored: true });
  });

  it("hands an area over on a reassignment at the Board's request at 0 years, no ground needed (Đ4.2)", () => {
    const approved = run(
      ...active,
      {
        type: 'PROPOSE',
        actor: deptHead,
        proposal: { kind: 'BOARD_REASSIGNMENT', successorOfficialId: 'official-2', reason: 'theo yêu cầu nhiệm vụ' },
      },
      { type: 'APPROVE', actor: leaderB, decision, today: decision.issuedOn },
    );
    expect(stateName(approved)).toBe('handingOver');
    const [closed] = transition(assignmentMachine, approved, {
      type: 'SUCCESSOR_STARTED',
      successorAssignmentId: 'a2',
    });
    expect(closed.context).toMatchObject({ closureReason: 'REASSIGNED_BY_BOARD', successorAssignmentId: 'a2' });
  });

  it('refuses to approve a closure naming a successor when validating, and replays one recorded before the rule', () => {
    const legacy: AssignmentEvent = {
      type: 'PROPOSE',
      actor: deptHead,
      proposal: { kind: 'CLOSURE', closureReason: 'REVOKED', successorOfficialId: 'official-2', reason: 'x' },
    };
    const pending = run(...active, legacy);
    // The approve validator dates its event (today): refused before anything enters history.
    const validated: AssignmentEvent = { type: 'APPROVE', actor: leaderB, decision, today: decision.issuedOn };
    expect(pending.can(validated)).toBe(false);
    expect(assignmentViolation(pending.context, validated, 'proposal')?.rule).toBe('CLOSURE_NAMES_NO_SUCCESSOR');
    // Nor may the approval name one for a closure that named none.
    const plain = run(...active, { ...legacy, proposal: { kind: 'CLOSURE', closureReason: 'REVOKED', reason: 'x' } });
    const naming: AssignmentEvent = { ...validated, successorOfficialId: 'official-2' };
    expect(assignmentViolation(plain.context, naming, 'proposal')?.rule).toBe('CLOSURE_NAMES_NO_SUCCESSOR');
    // The handler's event (no today) is what a recorded history replays: it runs as it ran, to a handover.
    expect(stateName(run(...active, legacy, { type: 'APPROVE', actor: leaderB, decision }))).toBe('handingOver');
  });

  it('takes a position change only from those who report one, and grounds from the system without an actor', () => {
    const serving = run(...active);
    const ground = { kind: 'POSITION_CHANGED', note: 'Bổ nhiệm Phó Trưởng phòng' } as const;
    const byOfficial: AssignmentEvent = { type: 'GROUND_ESTABLISHED', ground, actor: official };
    expect(serving.can(byOfficial)).toBe(false);
    expect(assignmentViolation(serving.context, byOfficial, 'proposal')).toEqual({
      rule: 'POSITION_CHANGE_REPORTER',
      message: 'A position change is reported by Board leadership, a department head or an administrator',
    });
    const reporters: Actor[] = [
      leaderA,
      deptHead,
      { id: 'head', roles: ['HEAD_OF_BOARD'] },
      { id: 'admin', roles: ['ADMINISTRATOR'] },
    ];
    for (const actor of reporters) {
      const event: AssignmentEvent = { type: 'GROUND_ESTABLISHED', ground, actor };
      expect(serving.can(event), actor.id).toBe(true);
      expect(assignmentViolation(serving.context, event, 'proposal'), actor.id).toBeNull();
    }
    // A leader who is also an official reports; an auditor or a group leader does not.
    expect(
      serving.can({ type: 'GROUND_ESTABLISHED', ground, actor: { id: 'x', roles: ['OFFICIAL', 'BOARD_LEADER'] } }),
    ).toBe(true);
    expect(
      serving.can({ type: 'GROUND_ESTABLISHED', ground, actor: { id: 'x', roles: ['AUDITOR', 'GROUP_LEADER'] } }),
    ).toBe(false);
    // Facts other workflows establish come without an actor (signals): no reporter rule applies, nor a pending proposal.
    const complaint: AssignmentEvent = {
      type: 'GROUND_ESTABLISHED',
      ground: { kind: 'VERIFIED_COMPLAINT', complaintId: 'c1' },
    };
    expect(serving.can(complaint)).toBe(true);
    expect(assignmentViolation(serving.context, complaint, 'proposal')).toBeNull();
    expect(run(...active, { type: 'GROUND_ESTABLISHED', ground, actor: deptHead }).context.grounds).toEqual([ground]);
    // Outside the active states no ground is taken, whoever reports it.
    expect(run().can({ type: 'GROUND_ESTABLISHED', ground, actor: deptHead })).toBe(false);
  });

  it('does not let the official propose moves of their own assignment', () => {
    const snapshot = run(...active, {
      type: 'GROUND_ESTABLISHED',
      ground: { kind: 'POSITION_CHANGED', note: 'promoted' },
    });
    const event: AssignmentEvent = {
      type: 'PROPOSE',
      actor: { ...official, roles: ['DEPARTMENT_HEAD'] },
      proposal: { kind: 'CLOSURE', closureReason: 'POSITION_CHANGED', reason: 'x' },
    };
    expect(assignmentViolation(snapshot.context, event, 'proposal')?.rule).toBe('NOT_OWN_ASSIGNMENT');
  });
});

describe('events offered to people', () => {
  it('leave out what only the workflows send', () => {
    const serving = run(...active);
    expect(acceptedEventTypes(serving)).toEqual(expect.arrayContaining(['TERM_ANNIVERSARY']));
    expect(offeredEventTypes(serving)).not.toContain('TERM_ANNIVERSARY');
    expect(offeredEventTypes(serving)).toEqual(acceptedEventTypes(serving).filter((t) => !SYSTEM_EVENT_TYPES.has(t)));
    expect(offeredEventTypes(serving)).toContain('PROPOSE');
  });
});
