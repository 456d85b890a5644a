/**
 * Plans and reports as a reader sees them: the month's plan and report of an assignment, filed or not, and the ad hoc
 * reports, with leadership's acknowledgements and answers. The HTTP edge's answer schemas describe the same shapes.
 */
import type { Urgency } from '../../machines/reports';
import type { PageRequest } from '../pagination';

/** A monthly filing's standing: on time, late, missed (not filed by its deadline and still not), open, cancelled. */
export type FilingStatus = 'ON_TIME' | 'LATE' | 'MISSED' | 'OPEN' | 'CANCELLED';

/** Where leadership stands with a filed report: not yet seen, seen ("đã xem") and not answered, answered. */
export type ReplyState = 'UNREAD' | 'ACKNOWLEDGED' | 'ANSWERED';

/** The filters of the plan and report lists. */
export interface FilingFilters {
  month?: string | undefined;
  assignmentId?: string | undefined;
  areaId?: string | undefined;
  officialId?: string | undefined;
  groupId?: string | undefined;
  leaderInChargeId?: string | undefined;
  /** The programme the assignments belong to; an unknown one is a 404 naming the field. */
  programmeId?: string | undefined;
  status?: FilingStatus | undefined;
}

export type PlanListQuery = FilingFilters & PageRequest;

export interface ReportListQuery extends PlanListQuery {
  /** Monthly reports, or ad hoc ones; both without it. `status` concerns monthly reports only. */
  kind?: 'MONTHLY' | 'AD_HOC' | undefined;
  reply?: ReplyState | undefined;
}

interface Named {
  id: string;
  name: string | null;
}

interface FilingItem {
  /** The item's key in a list (the cursor): the filing's id once filed, else its deadline's. */
  id: string;
  assignmentId: string;
  period: string;
  area: Named;
  official: Named;
  groupId: string | null;
  leaderInChargeId: string | null;
  dueAt: string | null;
  /** Null for an ad hoc report, which has no deadline. */
  status: FilingStatus | null;
  filedAt: string | null;
  filedById: string | null;
  /** `metadata`: the reader sees that it exists and who sent it, not its content. */
  visibility: 'full' | 'metadata';
}

export interface PlanItem extends FilingItem {
  status: FilingStatus;
  planId: string | null;
  content: string | null;
  plannedFor: string | null;
  place: string | null;
}

export interface ReportItem extends FilingItem {
  kind: 'MONTHLY' | 'AD_HOC';
  /** The report's id once filed. */
  reportId: string | null;
  urgency: Urgency | null;
  sensitive: boolean;
  /** Whom an ad hoc report was delivered to: the leader in charge, or the Head of Board for a sensitive one. */
  recipientId: string | null;
  situation: string | null;
  results: string | null;
  difficulties: string | null;
  proposals: string | null;
  reply: ReplyState | null;
  acknowledgements: { by: Named; at: string }[];
  answers: {
    id: string;
    kind: 'COMMENT' | 'TASK';
    text: string;
    dueOn: string | null;
    answeredBy: Named;
    answeredAt: string;
  }[];
}
