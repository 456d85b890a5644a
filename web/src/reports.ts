/**
 * Plans and reports as GET /reports, /plans and /reports/:id answer them (api/reports/schemas.ts, issue 13), and the
 * words the pages show for their codes.
 */
import type { MessageKey } from './i18n';

export type Urgency = 'NORMAL' | 'URGENT' | 'VERY_URGENT' | 'FLASH';
export const URGENCIES: readonly Urgency[] = ['NORMAL', 'URGENT', 'VERY_URGENT', 'FLASH'];
export type FilingStatus = 'ON_TIME' | 'LATE' | 'MISSED' | 'OPEN' | 'CANCELLED';
export type ReplyState = 'UNREAD' | 'ACKNOWLEDGED' | 'ANSWERED';

interface Named {
  id: string;
  name: string | null;
}

export interface ReportItem {
  id: string;
  kind: 'MONTHLY' | 'AD_HOC';
  reportId: string | null;
  assignmentId: string;
  period: string;
  area: Named;
  official: Named;
  groupId: string | null;
  leaderInChargeId: string | null;
  dueAt: string | null;
  status: FilingStatus | null;
  filedAt: string | null;
  filedById: string | null;
  visibility: 'full' | 'metadata';
  urgency: Urgency | null;
  sensitive: boolean;
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

export interface PlanItem {
  id: string;
  assignmentId: string;
  period: string;
  area: Named;
  official: Named;
  dueAt: string | null;
  status: FilingStatus;
  filedAt: string | null;
  content: string | null;
  plannedFor: string | null;
  place: string | null;
}

export const urgencyKey = (urgency: Urgency): MessageKey => `rep.urgency.${urgency}`;
export const statusKey = (status: FilingStatus): MessageKey => `rep.status.${status}`;
export const replyKey = (reply: ReplyState): MessageKey => `rep.reply.${reply}`;

export const replyTone = (reply: ReplyState | null) =>
  reply === 'UNREAD' ? 'warn' : reply === 'ANSWERED' ? 'ok' : reply === 'ACKNOWLEDGED' ? 'info' : 'neutral';
export const statusTone = (status: FilingStatus | null) =>
  status === 'ON_TIME' ? 'ok' : status === 'LATE' ? 'warn' : status === 'MISSED' ? 'bad' : 'neutral';
