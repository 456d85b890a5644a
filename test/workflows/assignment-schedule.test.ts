import { describe, expect, it } from 'vitest';
import { startOfDay } from '../../machines/calendar';
import { DEFAULT_POLICY } from '../../machines/policy';
import { initialCursor } from '../../workflows/assignment/cursor';
import { nextTimedEvent, type ScheduleState } from '../../workflows/assignment/schedule';

// The evaluation is requested on 1 December (DEFAULT_POLICY), so an assignment effective on 1 December has its
// anniversary, the year's evaluation request and the month's cycle all due at the same instant.
const base: ScheduleState = {
  state: 'active.serving',
  effectiveFrom: '2027-12-01',
  cursor: { nextAnniversary: 1, nextEvaluationYear: 2028, nextMonth: '2028-12' },
  policy: DEFAULT_POLICY,
};
const at = (day: string) => startOfDay(day);

describe('nextTimedEvent', () => {
  it('has an approved assignment take effect on its effective date', () => {
    const state = { ...base, state: 'scheduled', effectiveFrom: '2027-03-15', cursor: initialCursor('2027-03-15') };
    expect(nextTimedEvent(state)).toEqual({ kind: 'effective', at: at('2027-03-15') });
  });

  it('brings nothing while the appointment awaits approval, nor once closed', () => {
    expect(nextTimedEvent({ ...base, state: 'awaitingApproval' })).toBeUndefined();
    expect(nextTimedEvent({ ...base, state: 'closed' })).toBeUndefined();
    expect(
      nextTimedEvent({ ...base, state: 'closed', rotationEscalation: { nextAt: at('2028-01-02') } }),
    ).toBeUndefined();
  });

  it('takes the earliest of the anniversary, the evaluation request and the month', () => {
    const cursor = { nextAnniversary: 1, nextEvaluationYear: 2028, nextMonth: '2028-01' };
    expect(nextTimedEvent({ ...base, cursor })).toEqual({ kind: 'month', at: at('2028-01-01'), month: '2028-01' });
    expect(
      nextTimedEvent({ ...base, effectiveFrom: '2027-12-15', cursor: { ...cursor, nextMonth: '2029-01' } }),
    ).toEqual({
      kind: 'evaluation',
      at: at('2028-12-01'),
      year: 2028,
    });
    expect(
      nextTimedEvent({ ...base, effectiveFrom: '2027-06-10', cursor: { ...cursor, nextMonth: '2029-01' } }),
    ).toEqual({
      kind: 'anniversary',
      at: at('2028-06-10'),
      years: 1,
    });
  });

  it('at the same instant: the anniversary first, then the evaluation, then the month', () => {
    expect(nextTimedEvent(base)).toEqual({ kind: 'anniversary', at: at('2028-12-01'), years: 1 });
    // Handing over, the official has no more anniversaries: the evaluation comes before the month.
    const handingOver = { ...base, state: 'handingOver', handover: { successorEffectiveFrom: '2029-01-15' } };
    expect(nextTimedEvent(handingOver)).toEqual({ kind: 'evaluation', at: at('2028-12-01'), year: 2028 });
    expect(nextTimedEvent({ ...handingOver, cursor: { ...base.cursor, nextEvaluationYear: 2029 } })).toEqual({
      kind: 'month',
      at: at('2028-12-01'),
      month: '2028-12',
    });
  });

  it('starts no month and requests no evaluation once the successor has started by then', () => {
    const handingOver = { ...base, state: 'handingOver' };
    expect(nextTimedEvent({ ...handingOver, handover: { successorEffectiveFrom: '2028-11-20' } })).toBeUndefined();
    // Taking over on the very day counts as started by then.
    expect(nextTimedEvent({ ...handingOver, handover: { successorEffectiveFrom: '2028-12-01' } })).toBeUndefined();
    // A successor from the 2nd: December is still the incumbent's.
    expect(
      nextTimedEvent({
        ...handingOver,
        cursor: { ...base.cursor, nextEvaluationYear: 2029 },
        handover: { successorEffectiveFrom: '2028-12-02' },
      }),
    ).toEqual({
      kind: 'month',
      at: at('2028-12-01'),
      month: '2028-12',
    });
    // Approved but not handing over yet (still active): the anniversary is the official's whatever the successor.
    expect(nextTimedEvent({ ...base, handover: { successorEffectiveFrom: '2028-11-20' } })).toEqual({
      kind: 'anniversary',
      at: at('2028-12-01'),
      years: 1,
    });
  });

  it('escalates an undecided rotation only while it is due', () => {
    const rotationEscalation = { nextAt: at('2028-02-14') };
    const cursor = { nextAnniversary: 6, nextEvaluationYear: 2028, nextMonth: '2028-03' };
    expect(nextTimedEvent({ ...base, state: 'active.rotationDue', cursor, rotationEscalation })).toEqual({
      kind: 'rotationEscalation',
      at: at('2028-02-14'),
    });
    expect(nextTimedEvent({ ...base, state: 'active.rotationEligible', cursor, rotationEscalation })).toEqual({
      kind: 'month',
      at: at('2028-03-01'),
      month: '2028-03',
    });
    expect(nextTimedEvent({ ...base, state: 'handingOver', cursor, rotationEscalation })).toEqual({
      kind: 'month',
      at: at('2028-03-01'),
      month: '2028-03',
    });
    // Due at the same instant as the month: the month first.
    expect(
      nextTimedEvent({
        ...base,
        state: 'active.rotationDue',
        cursor,
        rotationEscalation: { nextAt: at('2028-03-01') },
      }),
    ).toEqual({
      kind: 'month',
      at: at('2028-03-01'),
      month: '2028-03',
    });
  });
});
