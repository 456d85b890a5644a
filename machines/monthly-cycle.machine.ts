import { and, or, setup, stateIn } from 'xstate';
import type { Actor } from './actor';
import { firstViolation, type Rule } from './rules';

export type FilingItem = 'PLAN' | 'REPORT';

export interface MonthlyCycleContext {
  assignmentId: string;
  /** YYYY-MM */
  period: string;
  /** The monitoring official and the members of their group: who may file. */
  filerIds: string[];
}

export type MonthlyCycleEvent =
  | { type: 'FILE_PLAN'; actor: Actor }
  | { type: 'FILE_REPORT'; actor: Actor }
  | { type: 'DEADLINE_MISSED'; item: FilingItem }
  | { type: 'ESCALATED'; item: FilingItem; level: number }
  | { type: 'CLOSE_UNFILED'; item: FilingItem }
  /** The area ceased in a reorganisation: every filing still open closes, charged to no one. */
  | { type: 'AREA_REORGANIZED'; reorganizationId: string };

type Ctx = MonthlyCycleContext;
type FileEvent = Extract<MonthlyCycleEvent, { type: 'FILE_PLAN' | 'FILE_REPORT' }>;

const filerIsAssigned: Rule<Ctx, FileEvent> = (c, e) =>
  c.filerIds.includes(e.actor.id)
    ? null
    : {
        rule: 'FILER_NOT_ASSIGNED',
        message: 'Only the assigned official or a member of their group may file for this area',
      };

export const monthlyCycleRules = { FILE_PLAN: [filerIsAssigned], FILE_REPORT: [filerIsAssigned] };

export const PLAN_SETTLED_STATES = ['filed', 'filedLate', 'notFiled', 'reorganized'] as const;

/** The first rule the event breaks, or null; `planState` is the plan region's current state. */
export function monthlyCycleViolation(context: Ctx, event: MonthlyCycleEvent, planState: string) {
  if (event.type !== 'FILE_PLAN' && event.type !== 'FILE_REPORT') return null;
  const violation = firstViolation(monthlyCycleRules[event.type], context, event);
  if (violation || event.type === 'FILE_PLAN') return violation;
  return (PLAN_SETTLED_STATES as readonly string[]).includes(planState)
    ? null
    : { rule: 'PLAN_NOT_ON_RECORD', message: 'File the month\'s plan before its report ("đi báo việc, về báo công")' };
}

const itemIs =
  (item: FilingItem) =>
  ({ event }: { event: MonthlyCycleEvent }) =>
    'item' in event && event.item === item;

/** One filing (plan or report) from due to filed, filed late, or closed as not filed. */
function filingRegion(item: FilingItem, fileEvent: FileEvent['type'], fileGuard: string) {
  const missed = { guard: itemIs(item), target: 'overdue' } as const;
  const closeUnfiled = { guard: itemIs(item), target: 'notFiled' } as const;
  return {
    initial: 'due',
    states: {
      due: {
        on: {
          [fileEvent]: { guard: fileGuard, target: 'filed' },
          DEADLINE_MISSED: missed,
          AREA_REORGANIZED: 'reorganized',
        },
      },
      overdue: {
        on: {
          [fileEvent]: { guard: fileGuard, target: 'filedLate' },
          ESCALATED: { guard: itemIs(item), target: 'escalated' },
          CLOSE_UNFILED: closeUnfiled,
          AREA_REORGANIZED: 'reorganized',
        },
      },
      escalated: {
        on: {
          [fileEvent]: { guard: fileGuard, target: 'filedLate' },
          ESCALATED: { guard: itemIs(item) },
          CLOSE_UNFILED: closeUnfiled,
          AREA_REORGANIZED: 'reorganized',
        },
      },
      filed: { type: 'final' },
      filedLate: { type: 'final' },
      notFiled: { type: 'final' },
      reorganized: { type: 'final' },
    },
  } as const;
}

/**
 * One month of an assignment (Đ8): the field-work plan, announced before the trip, and the report
 * after it. Missed deadlines and escalations arrive as events from the workflow, which owns the clock.
 * The machine is done when both filings are settled.
 */
export const monthlyCycleMachine = setup({
  types: {
    context: {} as MonthlyCycleContext,
    events: {} as MonthlyCycleEvent,
    input: {} as MonthlyCycleContext,
  },
  guards: {
    filerAllowed: ({ context, event }) => monthlyCycleViolation(context, event, 'filed') === null,
    /** "Đi báo việc, về báo công": the report follows a plan on record (or one closed as never filed). */
    reportFilingAllowed: and(['filerAllowed', or(PLAN_SETTLED_STATES.map((state) => stateIn({ plan: state })))]),
  },
}).createMachine({
  id: 'monthlyCycle',
  context: ({ input }) => input,
  type: 'parallel',
  states: {
    plan: filingRegion('PLAN', 'FILE_PLAN', 'filerAllowed'),
    report: filingRegion('REPORT', 'FILE_REPORT', 'reportFilingAllowed'),
  },
});

export type MonthlyCycleMachine = typeof monthlyCycleMachine;
