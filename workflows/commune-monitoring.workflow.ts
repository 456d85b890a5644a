import { allHandlersFinished, condition, continueAsNew, setHandler } from '@temporalio/workflow';
import { dayOf, WorkingCalendar } from '../machines/calendar';
import { filingsDueInYear, isOwed } from '../machines/commune-filings';
import { records } from './activity-proxies';
import {
  CommuneFilingArgsSchema,
  CommuneLinkEndedArgsSchema,
  communeLinkEndedSignal,
  communeMonitoringStateQuery,
  type CommuneMonitoringInput,
  fileCommuneFilingUpdate,
} from './commune-monitoring.messages';
import { watchFilings } from './commune-monitoring/deadlines';
import { YearRun } from './commune-monitoring/year-run';
import { parseInput } from './refusal';

export type { CommuneMonitoringInput } from './commune-monitoring.schemas';

export interface CommuneMonitoringOutcome {
  year: number;
  ended: 'LINK_ENDED' | 'NO_LINK';
}

/**
 * A leader's commune under a programme with a yearly cadence, one year a run: the year's monitoring programme, the
 * periodic reports and the yearly report, each reminded before its day, missed after it (the leader told), escalated
 * to the agency's head and then to the Standing Committee's office; a filing that comes late is recorded late. The
 * days are the version in force at the year's start (or the link's), read through a recorded local activity; every
 * step's audit row names it. The run ends after the year's last escalation (at the year's end at the earliest) and
 * continues as new into the next year, until the link ends.
 */
export async function communeMonitoringWorkflow(input: CommuneMonitoringInput): Promise<CommuneMonitoringOutcome> {
  const { linkId, year, owedFrom } = input;
  const run = new YearRun(linkId, year);

  setHandler(communeMonitoringStateQuery, () => run.view());
  setHandler(
    fileCommuneFilingUpdate,
    run.opening.after(async (raw) => {
      const args = parseInput(CommuneFilingArgsSchema, raw);
      return run.file(args.actor, args);
    }),
    { validator: (raw) => void run.validateFiling(parseInput(CommuneFilingArgsSchema, raw)) },
  );
  setHandler(communeLinkEndedSignal, (raw) => {
    const parsed = CommuneLinkEndedArgsSchema.safeParse(raw);
    if (parsed.success) run.endedOn = parsed.data.until;
  });

  const link = await records.loadCommuneLink({ linkId });
  if (!link) return { year, ended: 'NO_LINK' };
  run.link = link;
  const yearStart = `${year}-01-01`;
  const linkEndsBefore = (day: string) => (run.endedOn ?? link.until ?? '9999-12-31') < day;
  if (linkEndsBefore(yearStart)) return { year, ended: 'LINK_ENDED' };

  const readOn = [yearStart, link.from, owedFrom ?? ''].reduce((a, b) => (a > b ? a : b));
  const inForce = await records.readPolicyInForce({ programmeId: link.programmeId, day: readOn });
  run.version = { programmeId: inForce.programmeId, label: inForce.label };
  run.cadence = inForce.policy.yearly;
  const nonWorkingDays = await records.loadNonWorkingDays({ fromYear: year, toYear: year + 1 });
  run.calendar = new WorkingCalendar(nonWorkingDays);
  if (run.cadence)
    for (const due of filingsDueInYear(year, run.cadence, run.calendar))
      if (isOwed(due, link, owedFrom)) run.filings.push({ ...due, status: 'OPEN' });

  await run.opening.record(() =>
    run.write(
      run.filings.map((f) =>
        run.step(f, `COMMUNE_${f.kind}_DEADLINE_OPENED`, {
          kind: 'OPENED',
          dueOn: f.dueOn,
          policyVersion: run.version!.label,
        }),
      ),
    ),
  );
  const runEnd = await watchFilings(run);

  // A year's end comes at the earliest on its last day; the link's end ends the run at once.
  const remaining = runEnd - Date.now();
  if (run.endedOn === undefined && remaining > 0) await condition(() => run.endedOn !== undefined, remaining);
  await condition(allHandlersFinished);
  if (run.endedOn !== undefined || linkEndsBefore(`${year + 1}-01-01`) || linkEndsBefore(dayOf(Date.now())))
    return { year, ended: 'LINK_ENDED' };
  return continueAsNew<typeof communeMonitoringWorkflow>({ linkId, year: year + 1 });
}
