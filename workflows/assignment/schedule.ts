import { type IsoDay, startOfDay } from '../../machines/calendar';
import type { Policy } from '../../machines/policy';
import { anniversaryAt, evaluationRequestAt, monthStartAt, type ScheduleCursor } from './cursor';

/** What the calendar needs to know of an assignment: plain data, no machine, no Temporal. */
export interface ScheduleState {
  /** The machine's state as one dotted name: 'scheduled', 'active.serving', 'active.rotationDue', 'handingOver', 'closed'… */
  state: string;
  effectiveFrom: IsoDay;
  /** The start of the years counted for rotation when carried from before the effective date. */
  rotationFrom?: IsoDay | undefined;
  cursor: ScheduleCursor;
  policy: Pick<Policy, 'evaluation'>;
  /** Set once a move was approved: the successor takes over on its effective date. */
  handover?: { successorEffectiveFrom: IsoDay } | undefined;
  /** Set once the undecided rotation was escalated: when the next rung is due. */
  rotationEscalation?: { nextAt: number } | undefined;
  /** Set when the area ceases in a reorganisation: the start of its effective day (Vietnam time). */
  ceasesAt?: number | undefined;
}

/** The next thing the calendar brings, and when (epoch ms). */
export type TimedEvent =
  | { kind: 'effective'; at: number }
  | { kind: 'anniversary'; at: number; years: number }
  | { kind: 'evaluation'; at: number; year: number }
  | { kind: 'month'; at: number; month: string }
  | { kind: 'rotationEscalation'; at: number }
  | { kind: 'ceases'; at: number };

const topState = (state: string) => state.split('.')[0];

/**
 * The next instant something is due, given the state; undefined when nothing ever will be (awaiting approval, closed).
 * Months and evaluations stop once the successor has started by then; escalations only while the rotation is due.
 */
export function nextTimedEvent(s: ScheduleState): TimedEvent | undefined {
  const next = nextOfTheCalendar(s);
  // The area's last day is the day before it ceases: nothing due from then on happens; the closing comes first.
  if (s.ceasesAt === undefined || !['scheduled', 'active', 'handingOver'].includes(topState(s.state) ?? ''))
    return next;
  return next && next.at < s.ceasesAt ? next : { kind: 'ceases', at: s.ceasesAt };
}

function nextOfTheCalendar(s: ScheduleState): TimedEvent | undefined {
  const top = topState(s.state);
  if (top === 'scheduled') return { kind: 'effective', at: startOfDay(s.effectiveFrom) };
  const inActive = top === 'active';
  if (!inActive && top !== 'handingOver') return undefined;
  const successorStartsBy = (instant: number) =>
    !!s.handover && instant >= startOfDay(s.handover.successorEffectiveFrom);
  const candidates: TimedEvent[] = [];
  if (inActive) {
    const years = s.cursor.nextAnniversary;
    candidates.push({ kind: 'anniversary', at: anniversaryAt(s.rotationFrom ?? s.effectiveFrom, years), years });
  }
  const evaluationAt = evaluationRequestAt(s.cursor.nextEvaluationYear, s.policy.evaluation);
  if (!successorStartsBy(evaluationAt))
    candidates.push({ kind: 'evaluation', at: evaluationAt, year: s.cursor.nextEvaluationYear });
  const monthAt = monthStartAt(s.cursor.nextMonth);
  if (!successorStartsBy(monthAt)) candidates.push({ kind: 'month', at: monthAt, month: s.cursor.nextMonth });
  if (s.rotationEscalation && s.state === 'active.rotationDue')
    candidates.push({ kind: 'rotationEscalation', at: s.rotationEscalation.nextAt });
  // Same instant: anniversaries first (they change what is allowed), then evaluations, months, escalations.
  return candidates.reduce<TimedEvent | undefined>((best, c) => (!best || c.at < best.at ? c : best), undefined);
}
