/** The dashboard's query parameters; its answers are the browser's too (contracts/dashboard.ts). */
import { z } from 'zod';
import { startOfDay } from '../../machines/calendar';
import { DaySchema, EARLIEST_DAY, LATEST_DAY } from '../../machines/day';
import { pageQuery } from '../pagination';

/** Default look-ahead of the rotation list: a quarter, time to prepare a successor and the decision. */
const DEFAULT_ROTATION_WINDOW_DAYS = 90;

// ───────────────────────── query parameters ─────────────────────────

/** An ISO instant (with its offset), or a day (YYYY-MM-DD) meaning its first instant in Vietnam. */
const AsOfSchema = z
  .union([
    z.iso
      .datetime({ offset: true })
      .refine(
        (instant) => instant >= EARLIEST_DAY && instant <= `${LATEST_DAY}T23:59:59.999Z`,
        `an instant between ${EARLIEST_DAY} and ${LATEST_DAY}`,
      )
      // The window's years in the OpenAPI document, which cannot compare instants.
      .meta({
        pattern:
          '^(?:20\\d{2}|2100)-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\\d|3[01])T(?:[01]\\d|2[0-3]):[0-5]\\d(?::[0-5]\\d(?:\\.\\d+)?)?(?:Z|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)$',
        description: `An instant between ${EARLIEST_DAY} and ${LATEST_DAY}, with its offset`,
      }),
    DaySchema,
  ])
  .transform((value) => new Date(value.length === 10 ? startOfDay(value) : Date.parse(value)));

const scopeQuery = {
  /** "Now" for the query; the server's clock when absent. */
  asOf: AsOfSchema.optional(),
  areaId: z.string().min(1).max(200).optional(),
  officialId: z.string().min(1).max(200).optional(),
  /** The officials' department; a department head's own department is implied (another one is refused). */
  departmentId: z.string().min(1).max(200).optional(),
  /** The programme whose assignments to look at (GET /programmes); all programmes when absent. */
  programmeId: z.string().min(1).max(200).optional(),
};
const ScopeQuerySchema = z.strictObject(scopeQuery);
/** The parameters every dashboard query takes: "now", and which assignments to look at. */
export type ScopeQuery = z.output<typeof ScopeQuerySchema>;

const withinDays = z.coerce.number().int().min(0).max(3650).default(DEFAULT_ROTATION_WINDOW_DAYS);

export const OverdueQuerySchema = z.strictObject({
  ...pageQuery,
  ...scopeQuery,
  kind: z.enum(['PLAN', 'REPORT']).optional(),
});
export const EvaluationsQuerySchema = z.strictObject({
  ...pageQuery,
  ...scopeQuery,
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type OverdueQuery = z.output<typeof OverdueQuerySchema>;
export type EvaluationsQuery = z.output<typeof EvaluationsQuerySchema>;
export const RotationsQuerySchema = z.strictObject({ ...pageQuery, ...scopeQuery, withinDays });
export const ComplaintsQuerySchema = z.strictObject({ ...pageQuery, ...scopeQuery });
export const SummaryQuerySchema = ScopeQuerySchema.extend({ withinDays });
export const DashboardAreasQuerySchema = z.strictObject({
  ...pageQuery,
  /** The units in force that day (YYYY-MM-DD), under that day's names; today (Vietnam's day) when absent. */
  asOf: DaySchema.optional(),
  /** The programme whose kinds of areas and monitors to show (GET /programmes); every one when absent. */
  programmeId: scopeQuery.programmeId,
});

// ───────────────────────── responses (contracts/dashboard.ts) ─────────────────────────

export {
  type ComplaintItem,
  ComplaintItemSchema,
  type DashboardArea,
  DashboardAreaSchema,
  type EvaluationItem,
  EvaluationItemSchema,
  type OverdueItem,
  OverdueItemSchema,
  type RotationItem,
  RotationItemSchema,
  RotationPageSchema,
  type Summary,
  SummarySchema,
  withAsOf,
} from '../../contracts/dashboard';
