import { endOfDay } from '../../machines/calendar';
import { watchDeadline } from '../deadline-watch';
import type { YearRun } from './year-run';

type Filing = YearRun['filings'][number];

/**
 * The year's filings watched together, each from its reminder to its closing unfiled at the run's end, and the run's
 * end: the year's last day, or the last escalation of a filing due late in it, whichever is later.
 */
export async function watchFilings(run: YearRun): Promise<number> {
  const { cadence, calendar } = run;
  const yearEnd = endOfDay(`${run.year}-12-31`);
  if (!cadence) return yearEnd;
  const lastEscalation = (f: Filing) =>
    endOfDay(calendar.addWorkingDays(f.dueOn, cadence.escalateToStandingCommitteeOfficeAfterWorkingDays));
  const runEnd = Math.max(yearEnd, ...run.filings.map(lastEscalation));
  await Promise.all(run.filings.map((filing) => watchFiling(run, filing, runEnd)));
  return runEnd;
}

async function watchFiling(run: YearRun, filing: Filing, runEnd: number): Promise<void> {
  const cadence = run.cadence!;
  const { calendar } = run;
  const subject = `COMMUNE_${filing.kind}`;
  const escalate = (level: 1 | 2) => () =>
    run.write([
      run.step(filing, `${subject}_ESCALATED`, { kind: 'ESCALATED', level }, [
        run.notice(level === 1 ? 'AGENCY_HEAD' : 'STANDING_COMMITTEE_MEMBER', 'communeFiling.escalated', filing, level),
      ]),
    ]);
  await watchDeadline({
    settled: () => run.settled(filing),
    reminderAt: endOfDay(calendar.subtractWorkingDays(filing.dueOn, cadence.reminderWorkingDaysBefore)),
    onReminder: () =>
      run.write([
        run.step(filing, `${subject}_REMINDER_SENT`, { kind: 'REMINDED' }, [
          run.notice('AGENCY_LEADER', 'communeFiling.reminder', filing),
        ]),
      ]),
    dueAt: endOfDay(filing.dueOn),
    onMissed: () => {
      filing.status = 'MISSED';
      return run.write([
        run.step(filing, `${subject}_DEADLINE_MISSED`, { kind: 'MISSED' }, [
          run.notice('AGENCY_LEADER', 'communeFiling.missed', filing),
        ]),
      ]);
    },
    escalations: [
      {
        at: endOfDay(calendar.addWorkingDays(filing.dueOn, cadence.escalateToAgencyHeadAfterWorkingDays)),
        run: escalate(1),
      },
      {
        at: endOfDay(calendar.addWorkingDays(filing.dueOn, cadence.escalateToStandingCommitteeOfficeAfterWorkingDays)),
        run: escalate(2),
      },
    ],
    closeAt: runEnd,
    onClose: () => {
      filing.status = 'NOT_FILED';
      return run.write([run.step(filing, `${subject}_NOT_FILED`, { kind: 'NOT_FILED' })]);
    },
  });
  // The link ended before the filing was due: no one owes it any more.
  if (
    run.endedOn !== undefined &&
    filing.dueOn > run.endedOn &&
    (filing.status === 'OPEN' || filing.status === 'MISSED')
  ) {
    filing.status = 'CANCELLED';
    await run.write([run.step(filing, `${subject}_CANCELLED`, { kind: 'CANCELLED' })]);
  }
}
