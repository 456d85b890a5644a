/**
 * What a notification says, in the app and by e-mail, and the one rule of its confidentiality
 * (Đ4.1, Đ7.A.6): a notice tells what happened, about which area and period, by when, and links into the app. It is
 * built only from the facts in `NoticeFacts` (ids, the area's name, a period, a year, a deadline, an escalation
 * level), never from the outbox payload as a whole, so the text of a complaint, an evaluation, a report or a
 * reserved opinion cannot reach a mail or the bell even if a payload carried it. Pure data and pure functions.
 */
import type { Language } from './keys';

/** The facts a notice may show; anything else in a payload is never read. */
export interface NoticeFacts {
  template: string;
  assignmentId?: string | undefined;
  proposalId?: string | undefined;
  complaintId?: string | undefined;
  /** An ad hoc or monthly report the notice is about (its page: `/app/reports/<id>`). */
  reportId?: string | undefined;
  /** A meeting (its page: the meetings list) and a group's quarter (YYYY-Qn). */
  meetingId?: string | undefined;
  quarter?: string | undefined;
  areaName?: string | undefined;
  /** The former area's name, when a successor unit took the matter over in a reorganisation ("trước đây: …"). */
  formerAreaName?: string | undefined;
  /** YYYY-MM */
  period?: string | undefined;
  year?: number | undefined;
  /** The deadline: a day (YYYY-MM-DD) or an instant (ISO). */
  due?: string | undefined;
  level?: number | undefined;
  /** The rows an audit log's checkpoint covers (its tree size). */
  treeSize?: number | undefined;
}

export interface Notice {
  /** One line: what happened. */
  title: string;
  /** The deadline, as the reader's language writes a day; absent when there is none to meet. */
  dueLine: string | undefined;
  /** The page concerned, under the app (`/app/...`). */
  link: string;
}

type Text = (f: NoticeFacts) => string;
const monthOf = (f: NoticeFacts) => (f.period ? `${f.period.slice(5, 7)}/${f.period.slice(0, 4)}` : '');
const formerOf = (f: NoticeFacts, language: Language) =>
  f.formerAreaName ? (language === 'vi' ? ` (trước đây: ${f.formerAreaName})` : ` (formerly ${f.formerAreaName})`) : '';
const areaOf = (f: NoticeFacts, language: Language) =>
  f.areaName ? (language === 'vi' ? ` — địa bàn ${f.areaName}` : ` — area ${f.areaName}`) + formerOf(f, language) : '';

/**
 * The words of each template, in Vietnamese: its keys are the templates a notice may be sent with (`NoticeTemplate`).
 * Declared `satisfies`, so each key stays a literal.
 */
const TITLES_VI = {
  'monthly.plan.reminder': (f) => `Nhắc hạn nộp kế hoạch công tác tháng ${monthOf(f)}${areaOf(f, 'vi')}`,
  'monthly.report.reminder': (f) => `Nhắc hạn nộp báo cáo tháng ${monthOf(f)}${areaOf(f, 'vi')}`,
  'monthly.plan.missed': (f) => `Quá hạn nộp kế hoạch công tác tháng ${monthOf(f)}${areaOf(f, 'vi')}`,
  'monthly.report.missed': (f) => `Quá hạn nộp báo cáo tháng ${monthOf(f)}${areaOf(f, 'vi')}`,
  'monthly.plan.escalated': (f) => `Báo cáo vượt cấp: chưa nộp kế hoạch công tác tháng ${monthOf(f)}${areaOf(f, 'vi')}`,
  'monthly.report.escalated': (f) => `Báo cáo vượt cấp: chưa nộp báo cáo tháng ${monthOf(f)}${areaOf(f, 'vi')}`,
  'rotation.eligible': (f) => `Công chức đủ 3 năm theo dõi, xem xét luân chuyển${areaOf(f, 'vi')}`,
  'rotation.due': (f) => `Công chức đủ 5 năm theo dõi, bắt buộc luân chuyển${areaOf(f, 'vi')}`,
  'rotation.escalated': (f) => `Đề xuất luân chuyển bắt buộc chưa được quyết định${areaOf(f, 'vi')}`,
  'proposal.rotation': (f) => `Đề xuất luân chuyển chờ phê duyệt${areaOf(f, 'vi')}`,
  'proposal.early_reassignment': (f) => `Đề xuất phân công lại trước thời hạn chờ phê duyệt${areaOf(f, 'vi')}`,
  'proposal.board_reassignment': (f) => `Đề xuất phân công lại theo yêu cầu nhiệm vụ chờ phê duyệt${areaOf(f, 'vi')}`,
  'proposal.closure': (f) => `Đề xuất kết thúc phân công chờ phê duyệt${areaOf(f, 'vi')}`,
  'proposal.no-successor': (f) => `Chưa có người kế nhiệm để đề xuất${areaOf(f, 'vi')}`,
  'assignment.approved': (f) => `Quyết định phân công theo dõi địa bàn đã được phê duyệt${areaOf(f, 'vi')}`,
  'assignment.closed': (f) => `Kết thúc phân công theo dõi địa bàn${areaOf(f, 'vi')}`,
  'area.unmonitored': (f) => `Địa bàn chưa có công chức theo dõi${areaOf(f, 'vi')}`,
  'evaluation.requested': (f) => `Đề nghị gửi nhận xét, đánh giá năm ${f.year ?? ''}${areaOf(f, 'vi')}`,
  'evaluation.reminder': (f) => `Nhắc hạn gửi nhận xét, đánh giá năm ${f.year ?? ''}${areaOf(f, 'vi')}`,
  'evaluation.missed': (f) => `Quá hạn gửi nhận xét, đánh giá năm ${f.year ?? ''}${areaOf(f, 'vi')}`,
  'evaluation.escalated': (f) => `Báo cáo vượt cấp: chưa nhận được đánh giá năm ${f.year ?? ''}${areaOf(f, 'vi')}`,
  'communeComment.requested': (f) => `Đề nghị gửi phiếu nhận xét cán bộ theo dõi năm ${f.year ?? ''}${areaOf(f, 'vi')}`,
  'communeComment.reminder': (f) => `Nhắc hạn gửi phiếu nhận xét cán bộ theo dõi năm ${f.year ?? ''}${areaOf(f, 'vi')}`,
  'communeComment.missed': (f) => `Quá hạn gửi phiếu nhận xét cán bộ theo dõi năm ${f.year ?? ''}${areaOf(f, 'vi')}`,
  'communeComment.escalated': (f) =>
    `Báo cáo vượt cấp: chưa nhận được phiếu nhận xét cán bộ theo dõi năm ${f.year ?? ''}${areaOf(f, 'vi')}`,
  'communeFiling.reminder': (f) =>
    `Nhắc hạn nộp chương trình, báo cáo theo dõi xã, phường năm ${f.year ?? ''}${areaOf(f, 'vi')}`,
  'communeFiling.missed': (f) =>
    `Quá hạn nộp chương trình, báo cáo theo dõi xã, phường năm ${f.year ?? ''}${areaOf(f, 'vi')}`,
  'communeFiling.escalated': (f) =>
    `Báo cáo vượt cấp: cán bộ theo dõi chưa nộp chương trình, báo cáo năm ${f.year ?? ''}${areaOf(f, 'vi')}`,
  'complaint.filed': (f) => `Có đơn phản ánh mới cần xác minh${areaOf(f, 'vi')}`,
  'complaint.verification.reminder': (f) => `Nhắc hạn xác minh đơn phản ánh${areaOf(f, 'vi')}`,
  'complaint.verification.escalated': (f) => `Báo cáo vượt cấp: đơn phản ánh quá hạn xác minh${areaOf(f, 'vi')}`,
  'report.adhoc': (f) => `Có báo cáo đột xuất mới${areaOf(f, 'vi')}`,
  'report.answered': (f) => `Lãnh đạo Ban đã trả lời báo cáo của đồng chí${areaOf(f, 'vi')}`,
  'meeting.invited': (f) => `Giấy mời dự họp${areaOf(f, 'vi')}`,
  'meeting.approval.requested': (f) => `Đề nghị cho ý kiến việc dự họp${areaOf(f, 'vi')}`,
  'meeting.approval.reminder': (f) => `Nhắc cho ý kiến việc dự họp trước giờ họp${areaOf(f, 'vi')}`,
  'meeting.approval.escalated': (f) => `Báo cáo vượt cấp: việc dự họp chưa được cho ý kiến${areaOf(f, 'vi')}`,
  'meeting.approval.decided': (f) => `Lãnh đạo Ban đã cho ý kiến việc dự họp${areaOf(f, 'vi')}`,
  'meeting.approval.notInTime': (f) => `Việc dự họp không được cho ý kiến kịp trước giờ họp${areaOf(f, 'vi')}`,
  'meeting.delegated': (f) => `Đồng chí được Trưởng nhóm cử dự họp thay${areaOf(f, 'vi')}`,
  'meeting.moved': (f) => `Cuộc họp đã dời thời gian${areaOf(f, 'vi')}`,
  'meeting.cancelled': (f) => `Cuộc họp đã bị hủy${areaOf(f, 'vi')}`,
  'meeting.attendedWithoutApproval': (f) =>
    `Có cuộc họp được dự khi chưa có ý kiến của lãnh đạo phụ trách${areaOf(f, 'vi')}`,
  'meeting.report.reminder': (f) => `Nhắc hạn nộp báo cáo kết quả dự họp${areaOf(f, 'vi')}`,
  'meeting.report.missed': (f) => `Quá hạn nộp báo cáo kết quả dự họp${areaOf(f, 'vi')}`,
  'meeting.report.escalated': (f) => `Báo cáo vượt cấp: chưa nộp báo cáo kết quả dự họp${areaOf(f, 'vi')}`,
  'group.quarter.noSession': (f) => `Nhóm chưa sinh hoạt trong quý ${f.quarter ?? ''}`,
  'audit.checkpoint': (f) =>
    `Điểm kiểm tra (checkpoint) mới của nhật ký kiểm toán: ${f.treeSize ?? ''} bản ghi, đính kèm để lưu giữ`,
} satisfies Record<string, Text>;

/** A notice's template: the only names a workflow, a route or an activity may put in the outbox. */
export type NoticeTemplate = keyof typeof TITLES_VI;

/** The words of each template in every language; a template without its English words fails typecheck. */
const TITLES: Readonly<Record<Language, Readonly<Record<NoticeTemplate, Text>>>> = {
  vi: TITLES_VI,
  en: {
    'monthly.plan.reminder': (f) => `Reminder: the field-work plan for ${monthOf(f)} is due${areaOf(f, 'en')}`,
    'monthly.report.reminder': (f) => `Reminder: the report for ${monthOf(f)} is due${areaOf(f, 'en')}`,
    'monthly.plan.missed': (f) => `The field-work plan for ${monthOf(f)} is overdue${areaOf(f, 'en')}`,
    'monthly.report.missed': (f) => `The report for ${monthOf(f)} is overdue${areaOf(f, 'en')}`,
    'monthly.plan.escalated': (f) => `Escalated: the field-work plan for ${monthOf(f)} was not filed${areaOf(f, 'en')}`,
    'monthly.report.escalated': (f) => `Escalated: the report for ${monthOf(f)} was not filed${areaOf(f, 'en')}`,
    'rotation.eligible': (f) => `Three years served: the rotation may be considered${areaOf(f, 'en')}`,
    'rotation.due': (f) => `Five years served: the rotation is mandatory${areaOf(f, 'en')}`,
    'rotation.escalated': (f) => `The mandatory rotation is still undecided${areaOf(f, 'en')}`,
    'proposal.rotation': (f) => `A rotation awaits approval${areaOf(f, 'en')}`,
    'proposal.early_reassignment': (f) => `An early reassignment awaits approval${areaOf(f, 'en')}`,
    'proposal.board_reassignment': (f) => `A reassignment at the Board's request awaits approval${areaOf(f, 'en')}`,
    'proposal.closure': (f) => `A closure of an assignment awaits approval${areaOf(f, 'en')}`,
    'proposal.no-successor': (f) => `No successor is available to propose${areaOf(f, 'en')}`,
    'assignment.approved': (f) => `Your assignment to monitor an area was approved${areaOf(f, 'en')}`,
    'assignment.closed': (f) => `Your assignment has ended${areaOf(f, 'en')}`,
    'area.unmonitored': (f) => `The area is left without a monitoring official${areaOf(f, 'en')}`,
    'evaluation.requested': (f) => `Please send the evaluation for ${f.year ?? ''}${areaOf(f, 'en')}`,
    'evaluation.reminder': (f) => `Reminder: the evaluation for ${f.year ?? ''} is due${areaOf(f, 'en')}`,
    'evaluation.missed': (f) => `The evaluation for ${f.year ?? ''} is overdue${areaOf(f, 'en')}`,
    'evaluation.escalated': (f) => `Escalated: the evaluation for ${f.year ?? ''} was not received${areaOf(f, 'en')}`,
    'communeComment.requested': (f) =>
      `Please send the comment form on your monitor for ${f.year ?? ''}${areaOf(f, 'en')}`,
    'communeComment.reminder': (f) => `Reminder: the comment form for ${f.year ?? ''} is due${areaOf(f, 'en')}`,
    'communeComment.missed': (f) => `The comment form for ${f.year ?? ''} is overdue${areaOf(f, 'en')}`,
    'communeComment.escalated': (f) =>
      `Escalated: the comment form for ${f.year ?? ''} was not received${areaOf(f, 'en')}`,
    'communeFiling.reminder': (f) =>
      `Reminder: a monitoring programme or report for ${f.year ?? ''} is due${areaOf(f, 'en')}`,
    'communeFiling.missed': (f) => `A monitoring programme or report for ${f.year ?? ''} is overdue${areaOf(f, 'en')}`,
    'communeFiling.escalated': (f) =>
      `Escalated: a leader's monitoring programme or report for ${f.year ?? ''} was not filed${areaOf(f, 'en')}`,
    'complaint.filed': (f) => `A new complaint awaits verification${areaOf(f, 'en')}`,
    'complaint.verification.reminder': (f) => `Reminder: a complaint's verification is due${areaOf(f, 'en')}`,
    'complaint.verification.escalated': (f) => `Escalated: a complaint's verification is overdue${areaOf(f, 'en')}`,
    'report.adhoc': (f) => `A new ad hoc report${areaOf(f, 'en')}`,
    'report.answered': (f) => `The Board's leadership answered your report${areaOf(f, 'en')}`,
    'meeting.invited': (f) => `An invitation to a meeting${areaOf(f, 'en')}`,
    'meeting.approval.requested': (f) => `A request to attend a meeting awaits your decision${areaOf(f, 'en')}`,
    'meeting.approval.reminder': (f) => `Reminder: decide on attending the meeting before it starts${areaOf(f, 'en')}`,
    'meeting.approval.escalated': (f) => `Escalated: a request to attend a meeting is undecided${areaOf(f, 'en')}`,
    'meeting.approval.decided': (f) => `Leadership decided on your attending the meeting${areaOf(f, 'en')}`,
    'meeting.approval.notInTime': (f) => `Attending the meeting was not decided before it started${areaOf(f, 'en')}`,
    'meeting.delegated': (f) => `The group leader delegated you to attend a meeting${areaOf(f, 'en')}`,
    'meeting.moved': (f) => `A meeting was moved${areaOf(f, 'en')}`,
    'meeting.cancelled': (f) => `A meeting was cancelled${areaOf(f, 'en')}`,
    'meeting.attendedWithoutApproval': (f) =>
      `A meeting was attended without the leader in charge's consent${areaOf(f, 'en')}`,
    'meeting.report.reminder': (f) => `Reminder: the meeting report is due${areaOf(f, 'en')}`,
    'meeting.report.missed': (f) => `The meeting report is overdue${areaOf(f, 'en')}`,
    'meeting.report.escalated': (f) => `Escalated: the meeting report was not filed${areaOf(f, 'en')}`,
    'group.quarter.noSession': (f) => `The group held no session in ${f.quarter ?? 'the quarter'}`,
    'audit.checkpoint': (f) => `A new checkpoint of the audit log: ${f.treeSize ?? ''} rows, attached for you to keep`,
  },
};

/** Every template, for those who list them (the tests). */
export const NOTICE_TEMPLATES = Object.keys(TITLES_VI) as readonly NoticeTemplate[];

/**
 * A stored template name (an outbox row) narrowed to a template this service knows. A row written by another part of
 * the service, newer or older, may carry one it does not: its notice says "a notice" (FALLBACK).
 */
export function isNoticeTemplate(name: string): name is NoticeTemplate {
  return Object.hasOwn(TITLES_VI, name);
}

const FALLBACK: Readonly<Record<Language, Text>> = {
  vi: (f) => `Có thông báo mới${areaOf(f, 'vi')}`,
  en: (f) => `A new notice${areaOf(f, 'en')}`,
};

const DUE: Readonly<Record<Language, (day: string) => string>> = {
  vi: (day) => `Hạn: ${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`,
  en: (day) => `Due: ${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`,
};

/** The page concerned: the month, the proposal (the approval inbox), the evaluation, the assignment. */
function linkOf(f: NoticeFacts): string {
  const t = f.template;
  if (t.startsWith('monthly.') && f.assignmentId && f.period)
    return `/app/assignments/${encodeURIComponent(f.assignmentId)}?month=${f.period}`;
  if (t.startsWith('proposal.') && t !== 'proposal.no-successor') return '/app/inbox';
  if (t === 'evaluation.requested' || t === 'evaluation.reminder' || t === 'evaluation.missed')
    return '/app/evaluation';
  if (t.startsWith('evaluation.') && f.assignmentId && f.year)
    return `/app/evaluations/${encodeURIComponent(f.assignmentId)}/${f.year}`;
  if (t.startsWith('complaint.') && f.assignmentId) return `/app/assignments/${encodeURIComponent(f.assignmentId)}`;
  if (t.startsWith('report.') && f.reportId) return `/app/reports/${encodeURIComponent(f.reportId)}`;
  if (t === 'meeting.approval.requested' || t === 'meeting.approval.reminder' || t === 'meeting.approval.escalated')
    return '/app/inbox';
  if (t.startsWith('meeting.attendedWithoutApproval')) return '/app/inbox';
  if (t.startsWith('meeting.')) return '/app/meetings';
  if (t === 'group.quarter.noSession') return '/app/group-sessions';
  if (t.startsWith('communeFiling.')) return '/app/commune-filings';
  if (t === 'audit.checkpoint') return '/app/audit';
  if (t === 'area.unmonitored') return '/app/dashboard';
  if (t.startsWith('communeComment.')) return '/app/commune-comments';
  if (f.assignmentId) return `/app/assignments/${encodeURIComponent(f.assignmentId)}`;
  return '/app/notifications';
}

/** The day of a deadline in Vietnam (deadlines are instants at the end of a Vietnamese working day). */
function dayInVietnam(due: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(due)) return due;
  const ms = Date.parse(due);
  return Number.isNaN(ms) ? '' : new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);
}

export function noticeOf(facts: NoticeFacts, language: Language): Notice {
  const title = (isNoticeTemplate(facts.template) ? TITLES[language][facts.template] : FALLBACK[language])(facts);
  const day = facts.due ? dayInVietnam(facts.due) : '';
  return { title, dueLine: day ? DUE[language](day) : undefined, link: linkOf(facts) };
}

/**
 * The facts of an outbox payload: the named fields, typed, and nothing else. The one place a payload is read for
 * what a person is told.
 */
export function noticeFactsOf(
  template: string,
  payload: unknown,
  extra: { areaName?: string | undefined; formerAreaName?: string | undefined } = {},
): NoticeFacts {
  const p = (payload ?? {}) as Record<string, unknown>;
  const str = (key: string) => (typeof p[key] === 'string' ? (p[key] as string) : undefined);
  const num = (key: string) => (typeof p[key] === 'number' ? (p[key] as number) : undefined);
  const period = str('period');
  return {
    template,
    assignmentId: str('assignmentId'),
    proposalId: str('proposalId'),
    complaintId: str('complaintId'),
    reportId: str('reportId'),
    meetingId: str('meetingId'),
    quarter: /^\d{4}-Q[1-4]$/.test(str('quarter') ?? '') ? str('quarter') : undefined,
    areaName: extra.areaName,
    formerAreaName: extra.formerAreaName,
    period: period && /^\d{4}-\d{2}$/.test(period) ? period : undefined,
    year: num('year'),
    due: str('due') ?? str('dueAt') ?? str('verificationDueAt'),
    level: num('level'),
    treeSize: num('size'),
  };
}

/** The e-mail of a notice: what happened, the deadline and the link; nothing else (see the module's comment). */
export function noticeMail(
  notice: Notice,
  language: Language,
  appUrl: string,
): { subject: string; text: string; html: string } {
  const url = `${appUrl.replace(/\/$/, '')}${notice.link}`;
  const lines =
    language === 'vi'
      ? [
          'Kính gửi đồng chí,',
          '',
          notice.title + '.',
          ...(notice.dueLine ? [notice.dueLine + '.'] : []),
          '',
          `Xem chi tiết trong ứng dụng Địa bàn: ${url}`,
          '',
          'Thư này được gửi tự động; nội dung công việc chỉ xem được trong ứng dụng.',
          'Ban Tổ chức Tỉnh ủy',
        ]
      : [
          'Dear colleague,',
          '',
          notice.title + '.',
          ...(notice.dueLine ? [notice.dueLine + '.'] : []),
          '',
          `See the details in the Địa bàn app: ${url}`,
          '',
          'This message was sent automatically; the content of the work is shown in the app only.',
          "The Provincial Party Committee's Organization Board",
        ];
  const escape = (s: string) =>
    s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  const html = lines
    .map((line) =>
      line.includes(url) ? `<p><a href="${escape(url)}">${escape(line)}</a></p>` : `<p>${escape(line)}</p>`,
    )
    .join('\n');
  return { subject: `[Địa bàn] ${notice.title}`, text: lines.join('\n'), html };
}

/** The e-mail of an outbox message, for the dispatcher (activities/notification-dispatcher.ts). */
export function composeNoticeMail(appUrl: string) {
  return (
    notice: { template: string; payload: unknown; areaName: string | undefined; formerAreaName?: string | undefined },
    language: Language,
  ) =>
    noticeMail(
      noticeOf(
        noticeFactsOf(notice.template, notice.payload, {
          areaName: notice.areaName,
          formerAreaName: notice.formerAreaName,
        }),
        language,
      ),
      language,
      appUrl,
    );
}
