/**
 * Plans and reports as GET /reports, /plans and /reports/:id answer them (contracts/reports.ts), and the words the
 * pages show for their codes.
 */
import type { FilingStatus, ReplyState, Urgency } from '../../contracts/reports';
import type { MessageKey } from './i18n';

export type { FilingStatus, PlanItem, ReplyState, ReportItem, Urgency } from '../../contracts/reports';
export { URGENCIES } from '../../contracts/reports';

export const urgencyKey = (urgency: Urgency): MessageKey => `rep.urgency.${urgency}`;
export const statusKey = (status: FilingStatus): MessageKey => `rep.status.${status}`;
export const replyKey = (reply: ReplyState): MessageKey => `rep.reply.${reply}`;

export const replyTone = (reply: ReplyState | null) =>
  reply === 'UNREAD' ? 'warn' : reply === 'ANSWERED' ? 'ok' : reply === 'ACKNOWLEDGED' ? 'info' : 'neutral';
export const statusTone = (status: FilingStatus | null) =>
  status === 'ON_TIME' ? 'ok' : status === 'LATE' ? 'warn' : status === 'MISSED' ? 'bad' : 'neutral';
