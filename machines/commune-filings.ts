/**
 * The filings a leader of a provincial agency owes for a commune they monitor under a programme with a yearly cadence
 * (machines/yearly-cadence.ts): the year's monitoring programme, a report every few months, the yearly report, each
 * with its due day in Vietnam's working days. Pure: the workflow of the link and the API's checks share it.
 */
import { type IsoDay, lastDayOfMonth, WorkingCalendar } from './calendar';
import type { YearlyCadence } from './yearly-cadence';

/** The workflow of a leader's commune under a yearly programme: one per link (its id from the link's), a year a run. */
export const communeMonitoringWorkflowId = (linkId: string) => `commune-monitoring-${linkId}`;

export const COMMUNE_FILING_KINDS = ['PROGRAMME', 'PERIODIC', 'YEARLY'] as const;
export type CommuneFilingKindName = (typeof COMMUNE_FILING_KINDS)[number];

export interface CommuneFilingDue {
  kind: CommuneFilingKindName;
  /** `2027` for the programme and the yearly report; a periodic report's period (`periodsOfYear`). */
  period: string;
  /** The first and last day the filing covers. */
  covers: { from: IsoDay; to: IsoDay };
  dueOn: IsoDay;
}

/** The letter of a period's label: halves (H1, H2), quarters (Q1…Q4), else numbered periods (P1…). */
const periodLetter = (everyMonths: number) => (everyMonths === 6 ? 'H' : everyMonths === 3 ? 'Q' : 'P');

/** A year's reporting periods for reports every `everyMonths` months: `2027-H1`, `2027-Q3`, `2027-P2`… */
export function periodsOfYear(year: number, everyMonths: number): { period: string; from: IsoDay; to: IsoDay }[] {
  const count = Math.floor(12 / everyMonths);
  return Array.from({ length: count }, (_, i) => {
    const firstMonth = i * everyMonths + 1;
    const lastMonth = firstMonth + everyMonths - 1;
    const month = (m: number) => `${year}-${String(m).padStart(2, '0')}`;
    return {
      period: `${year}-${periodLetter(everyMonths)}${i + 1}`,
      from: `${month(firstMonth)}-01`,
      to: lastDayOfMonth(month(lastMonth)),
    };
  });
}

/** `MM-DD` of a year, moved forward to a working day. */
const dayOfYear = (year: number, monthDay: string, calendar: WorkingCalendar) =>
  calendar.addWorkingDays(`${year}-${monthDay}`, 0);

/**
 * The filings whose due day falls in `year`: its programme and yearly report, and the periodic reports due in it (the
 * last period of the year before is due early in this one). Sorted by due day.
 */
export function filingsDueInYear(year: number, cadence: YearlyCadence, calendar: WorkingCalendar): CommuneFilingDue[] {
  const periodic = [year - 1, year].flatMap((y) =>
    periodsOfYear(y, cadence.reportEveryMonths).map((p): CommuneFilingDue => ({
      kind: 'PERIODIC',
      period: p.period,
      covers: { from: p.from, to: p.to },
      dueOn: calendar.addWorkingDays(p.to, cadence.periodicReportDueWorkingDaysAfterPeriodEnd),
    })),
  );
  const wholeYear = { from: `${year}-01-01`, to: `${year}-12-31` };
  return [
    {
      kind: 'PROGRAMME' as const,
      period: String(year),
      covers: wholeYear,
      dueOn: dayOfYear(year, cadence.programmeDueOn, calendar),
    },
    ...periodic.filter((f) => f.dueOn.startsWith(`${year}-`)),
    {
      kind: 'YEARLY' as const,
      period: String(year),
      covers: wholeYear,
      dueOn: dayOfYear(year, cadence.yearlyReportDueOn, calendar),
    },
  ].sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
}

/**
 * Whether a link owes a filing: the link covers some of what it is about (from its `from`), it is due while the link
 * holds (by its `until`) and on or after `owedFrom` (a link made mid-year starts with the deadlines still ahead).
 */
export function isOwed(
  filing: CommuneFilingDue,
  link: { from: IsoDay; until?: IsoDay | null | undefined },
  owedFrom: IsoDay | undefined,
): boolean {
  if (filing.covers.to < link.from) return false;
  // A filing due after the link ended is owed by no one: the link's successor files the year's programme anew.
  if (link.until && filing.dueOn > link.until) return false;
  return owedFrom === undefined || filing.dueOn >= owedFrom;
}

/** The shape of a period of a filing's kind under a cadence: what the API refuses before anything is sent. */
export function isPeriodOfCadence(kind: CommuneFilingKindName, period: string, everyMonths: number): boolean {
  if (kind !== 'PERIODIC') return /^\d{4}$/.test(period);
  const match = /^(\d{4})-([HQP])(\d{1,2})$/.exec(period);
  if (!match) return false;
  const [, year, letter, index] = match;
  return (
    periodsOfYear(Number(year), everyMonths).some((p) => p.period === `${year}-${letter}${Number(index)}`) &&
    period === `${year}-${letter}${Number(index)}`
  );
}
