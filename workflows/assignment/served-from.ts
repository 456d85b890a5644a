import { patched } from '@temporalio/workflow';
import { dayOf, endOfDay, startOfDay, WorkingCalendar } from '../../machines/calendar';
import { type YearsServedCarriedArgs, YearsServedCarriedArgsSchema } from '../cross-workflow.messages';
import { anniversaryAt } from './cursor';
import { openRotationDeadline, rotationNotice } from './time';
import type { AssignmentRun } from './run-state';

/**
 * An official who continues on a unit formed by a reorganisation keeps the years served on its predecessor: leadership
 * settles the unit's successor proposal with their assignment and the route tells it the predecessor assignment's start.
 * From then on the rotation's anniversaries count from that start, and the years already served are taken over in one
 * step (as an imported assignment's are): on the signal if the assignment is in force, else on its effective date.
 * Runs recorded before never heard of it and replay so.
 */

/** The patch under which an assignment takes over years served before it. Never rename it. */
export const YEARS_SERVED_CARRIED = 'years-served-carried';

export async function yearsServedCarried(run: AssignmentRun, args: YearsServedCarriedArgs): Promise<void> {
  await run.afterProposal();
  // The sending route checked the arguments; a malformed or later start is dropped, never half taken.
  const parsed = YearsServedCarriedArgsSchema.safeParse(args);
  if (!parsed.success || run.isClosed() || parsed.data.servedFrom >= run.rotationFrom) return;
  if (!patched(YEARS_SERVED_CARRIED)) return;
  run.servedFrom = parsed.data.servedFrom;
  await run.persist({
    action: 'YEARS_SERVED_CARRIED',
    actorId: 'system',
    fromState: run.state(),
    payload: { ...parsed.data },
  });
  if (run.inActive()) await takeOverServedYears(run);
  run.reschedule();
}

/**
 * The anniversaries of the carried start already passed, in one step with none of their side effects: the tier they
 * reach (the machine's terms), its notice and the rotation's deadline. Due already, the Head of Board hears of it only if
 * still undecided after the policy's escalation interval from today.
 */
export async function takeOverServedYears(run: AssignmentRun): Promise<void> {
  const { assignmentId, policy } = run.input;
  const now = Date.now();
  let years = 0;
  while (anniversaryAt(run.rotationFrom, years + 1) <= now) years += 1;
  if (years + 1 <= run.cursor.nextAnniversary) return;
  run.cursor.nextAnniversary = years + 1;
  const states = run.machine.apply({ type: 'TERM_ANNIVERSARY', yearsServed: years });
  const reached = states.toState !== states.fromState;
  const due = run.snapshot.matches({ active: 'rotationDue' });
  const people = await run.loadParties();
  await run.persist({
    action: 'TERM_ANNIVERSARY',
    actorId: 'system',
    ...states,
    payload: { yearsServed: years, servedFrom: run.rotationFrom },
    notifications: reached
      ? [
          {
            recipientId: people.leaderInChargeId,
            template: rotationNotice(due),
            payload: { assignmentId, yearsServed: years },
          },
        ]
      : [],
  });
  if (!reached) return;
  await run.ensureCalendar();
  const today = dayOf(now);
  const dueAt = due
    ? endOfDay(
        new WorkingCalendar(run.nonWorkingDays).addWorkingDays(
          today,
          policy.rotation.mandatoryEscalationEveryWorkingDays,
        ),
      )
    : run.dueAt;
  await openRotationDeadline(run, dueAt);
  if (due) run.rotationEscalation = { level: 0, nextAt: dueAt };
}

/** Whether the effective date's step takes over carried years (runs recorded before never carry any). */
export const carriesYears = (run: AssignmentRun): boolean =>
  !!run.servedFrom && startOfDay(run.servedFrom) < startOfDay(run.input.effectiveFrom) && patched(YEARS_SERVED_CARRIED);
