/** The plan and report reading routes' query parameters; the answers are the browser's too (contracts/reports.ts). */
import { z } from 'zod';
import { FILING_STATUSES, REPLY_STATES } from '../../contracts/reports';
import { pageQuery } from '../pagination';

export const PeriodSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month, YYYY-MM');

export { FILING_STATUSES, type FilingStatus, REPLY_STATES, type ReplyState } from '../../contracts/reports';

const id = z.string().trim().min(1).max(200);

const filters = {
  month: PeriodSchema.optional(),
  assignmentId: id.optional(),
  areaId: id.optional(),
  officialId: id.optional(),
  groupId: id.optional(),
  leaderInChargeId: id.optional(),
  /** The programme the assignments belong to (GET /programmes). */
  programmeId: id.optional(),
  status: z.enum(FILING_STATUSES).optional(),
  ...pageQuery,
};

export const PlanListQuerySchema = z.strictObject(filters);
export const ReportListQuerySchema = z.strictObject({
  ...filters,
  /** Monthly reports, or ad hoc ones (Đ8.2); both without it. `status` concerns monthly reports only. */
  kind: z.enum(['MONTHLY', 'AD_HOC']).optional(),
  reply: z.enum(REPLY_STATES).optional(),
});
export type PlanListQuery = z.output<typeof PlanListQuerySchema>;
export type ReportListQuery = z.output<typeof ReportListQuerySchema>;

export {
  type PlanItem,
  PlanItemSchema,
  PlanPageSchema,
  type ReportItem,
  ReportItemSchema,
  ReportPageSchema,
} from '../../contracts/reports';

export const AssignmentMonthParamsSchema = z.strictObject({ id, period: PeriodSchema });
