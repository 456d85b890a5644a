import { z } from 'zod';

const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** A filing of the programme on record for a commune, with how it met its deadline. */
const FilingSchema = z.object({
  /** The filing's period: the year, or the period's first month (YYYY-MM). */
  reference: z.string(),
  dueOn: DaySchema,
  filedOn: DaySchema.nullable(),
  status: z.enum(['OPEN', 'ON_TIME', 'LATE', 'MISSING']),
});

/** One commune or ward an agency's leader monitors, with what the records say of the year's monitoring. */
export const MonitoredCommuneSchema = z.object({
  areaId: z.string(),
  areaName: z.string(),
  areaKind: z.string(),
  from: DaySchema,
  until: DaySchema.nullable(),
  decisionNumber: z.string().nullable(),
  /**
   * The year's monitoring programme: due on the day the version in force names; `built` is null while no filing of
   * the programme is on record for the commune (the product keeps none yet for this cadence), else whether it was.
   */
  programmePlan: z.object({
    dueOn: DaySchema.nullable(),
    built: z.boolean().nullable(),
    filedOn: DaySchema.nullable(),
  }),
  /** The periodic and yearly reports on record; empty while the programme's filings do not exist. */
  reports: z.array(FilingSchema),
  /** The commune committee's year-end comments received (years); empty while none is on record. */
  commentsReceived: z.array(z.object({ year: z.number().int(), receivedOn: DaySchema })),
  /**
   * The days at the commune the leader's periodic and yearly reports of this year give (each once, sorted; a day
   * counts once a report gives it); empty while no report gives any.
   */
  fieldDays: z.array(DaySchema),
});

export const AgencyLeaderMonitoringSchema = z.object({
  memberId: z.string(),
  userId: z.string(),
  displayName: z.string(),
  title: z.string(),
  isHead: z.boolean(),
  communes: z.array(MonitoredCommuneSchema),
  totals: z.object({
    communes: z.number().int(),
    plansBuilt: z.number().int(),
    reportsOnTime: z.number().int(),
    reportsLate: z.number().int(),
    reportsMissing: z.number().int(),
    commentsReceived: z.number().int(),
    fieldDays: z.number().int(),
  }),
});

/** An agency's leaders' monitoring of their communes in a year, for its head and the Board (seed 001). */
export const AgencyMonitoringSchema = z.object({
  agency: z.object({ id: z.string(), code: z.string(), name: z.string() }),
  head: z.object({ userId: z.string(), displayName: z.string(), title: z.string() }).nullable(),
  year: z.number().int(),
  /** The programmes the leaders monitor under, each with its version in force today and that version's days. */
  programmes: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      version: z.string().nullable(),
      programmeDueOn: DaySchema.nullable(),
      yearlyReportDueOn: DaySchema.nullable(),
      reportEveryMonths: z.number().int().nullable(),
      commentRequestOn: DaySchema.nullable(),
    }),
  ),
  leaders: z.array(AgencyLeaderMonitoringSchema),
});
export type AgencyMonitoring = z.infer<typeof AgencyMonitoringSchema>;
export type AgencyLeaderMonitoring = z.infer<typeof AgencyLeaderMonitoringSchema>;
export type MonitoredCommune = z.infer<typeof MonitoredCommuneSchema>;

/** The agencies a caller may follow: all for the Board's leadership and the auditor, their own for a head. */
export const AgencySummarySchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  leaders: z.number().int(),
});
export type AgencySummary = z.infer<typeof AgencySummarySchema>;

export const AgencyRefSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  areaId: z.string().nullable(),
});
export type AgencyRef = z.infer<typeof AgencyRefSchema>;

export const AgencyMemberRefSchema = z.object({
  id: z.string(),
  agencyId: z.string(),
  userId: z.string(),
  title: z.string(),
  isHead: z.boolean(),
  from: DaySchema,
  until: DaySchema.nullable(),
});
export type AgencyMemberRef = z.infer<typeof AgencyMemberRefSchema>;
