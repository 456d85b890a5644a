import { z } from 'zod';
import { ActorSchema } from '../machines/actor';

/** A filing's kind: the year's monitoring programme, a periodic report, the yearly report. */
export const CommuneFilingKindSchema = z.enum(['PROGRAMME', 'PERIODIC', 'YEARLY']);
export type CommuneFilingKind = z.infer<typeof CommuneFilingKindSchema>;

export interface CommuneMonitoringInput {
  linkId: string;
  year: number;
  /**
   * First run only: filings due before this day are not owed (a link whose `from` is mid-year, or a workflow started
   * after some of the year's days had passed). Later runs owe the whole year.
   */
  owedFrom?: string | undefined;
}

export const CommuneFilingArgsSchema = z.object({
  actor: ActorSchema,
  kind: CommuneFilingKindSchema,
  /** `2027` for the programme and the yearly report; `2027-H1`, `2027-Q3`, `2027-P2`… for a periodic report. */
  period: z.string().min(4).max(10),
  content: z.string().min(1).max(20_000),
  /**
   * A report's days at the commune, unique and sorted (the API checked them against today and the period). Absent in
   * histories recorded before reports gave them, and when a report gives none.
   */
  fieldDays: z
    .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/))
    .max(366)
    .optional(),
});
export type CommuneFilingArgs = z.infer<typeof CommuneFilingArgsSchema>;

export interface CommuneFilingResult {
  kind: CommuneFilingKind;
  period: string;
  late: boolean;
  filedAt: string;
}

export const CommuneLinkEndedArgsSchema = z.object({ until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });
export type CommuneLinkEndedArgs = z.infer<typeof CommuneLinkEndedArgsSchema>;
