/**
 * The words of the exported lists: each list's sheet name and each column's header, in both languages. Values keep
 * the API's codes (ON_TIME, MISSED…), so that a file filtered in a spreadsheet matches the list's filters.
 */
import type { Language } from './keys';

export type ExportList =
  | 'overdue'
  | 'evaluationsOutstanding'
  | 'rotationsDue'
  | 'complaintsOpen'
  | 'areas'
  | 'decisions'
  | 'plans'
  | 'reports'
  | 'evaluations';

export type ExportColumn =
  | 'areaCode'
  | 'area'
  | 'areaKind'
  | 'officialCode'
  | 'official'
  | 'department'
  | 'group'
  | 'kind'
  | 'period'
  | 'dueAt'
  | 'daysOverdue'
  | 'status'
  | 'escalationLevel'
  | 'year'
  | 'state'
  | 'waitingFor'
  | 'requestedAt'
  | 'receivedAt'
  | 'overdue'
  | 'threshold'
  | 'date'
  | 'years'
  | 'daysUntil'
  | 'effectiveFrom'
  | 'pendingProposal'
  | 'filedAt'
  | 'verificationDueAt'
  | 'leaderInCharge'
  | 'number'
  | 'register'
  | 'issuedOn'
  | 'summary'
  | 'signer'
  | 'periodStart'
  | 'signedBy'
  | 'signingTime'
  | 'assignment'
  | 'plannedFor'
  | 'place'
  | 'content'
  | 'urgency'
  | 'sensitive'
  | 'situation'
  | 'results'
  | 'difficulties'
  | 'proposals'
  | 'reply'
  | 'proposedRating'
  | 'rating'
  | 'ratedAt';

interface ExportTexts {
  sheets: Record<ExportList, string>;
  columns: Record<ExportColumn, string>;
}

export const EXPORT_LABELS: Readonly<Record<Language, ExportTexts>> = {
  vi: {
    sheets: {
      overdue: 'Kế hoạch, báo cáo quá hạn',
      evaluationsOutstanding: 'Đánh giá chưa xếp loại',
      rotationsDue: 'Đến hạn luân chuyển',
      complaintsOpen: 'Phản ánh chưa kết thúc',
      areas: 'Địa bàn và người theo dõi',
      decisions: 'Sổ quyết định',
      plans: 'Kế hoạch tháng',
      reports: 'Báo cáo',
      evaluations: 'Đánh giá năm',
    },
    columns: {
      areaCode: 'Mã địa bàn',
      area: 'Địa bàn',
      areaKind: 'Loại đơn vị',
      officialCode: 'Mã công chức',
      official: 'Công chức theo dõi',
      department: 'Phòng',
      group: 'Nhóm',
      kind: 'Loại',
      period: 'Tháng',
      dueAt: 'Hạn',
      daysOverdue: 'Số ngày quá hạn',
      status: 'Tình trạng',
      escalationLevel: 'Mức nhắc việc',
      year: 'Năm',
      state: 'Trạng thái',
      waitingFor: 'Chờ',
      requestedAt: 'Ngày đề nghị',
      receivedAt: 'Ngày nhận',
      overdue: 'Quá hạn',
      threshold: 'Ngưỡng',
      date: 'Ngày',
      years: 'Số năm',
      daysUntil: 'Số ngày còn lại',
      effectiveFrom: 'Hiệu lực từ',
      pendingProposal: 'Đề xuất đang chờ',
      filedAt: 'Ngày gửi',
      verificationDueAt: 'Hạn xác minh',
      leaderInCharge: 'Lãnh đạo phụ trách',
      number: 'Số',
      register: 'Sổ',
      issuedOn: 'Ngày ban hành',
      summary: 'Trích yếu',
      signer: 'Người ký',
      periodStart: 'Kỳ đánh số từ',
      signedBy: 'Đã ký số bởi',
      signingTime: 'Thời điểm ký số',
      assignment: 'Phân công',
      plannedFor: 'Ngày đi cơ sở',
      place: 'Địa điểm',
      content: 'Nội dung',
      urgency: 'Mức khẩn',
      sensitive: 'Vấn đề nhạy cảm',
      situation: 'Tình hình',
      results: 'Kết quả',
      difficulties: 'Khó khăn',
      proposals: 'Kiến nghị',
      reply: 'Phản hồi',
      proposedRating: 'Đề xuất xếp loại',
      rating: 'Xếp loại',
      ratedAt: 'Ngày xếp loại',
    },
  },
  en: {
    sheets: {
      overdue: 'Overdue plans and reports',
      evaluationsOutstanding: 'Evaluations not rated',
      rotationsDue: 'Rotations due',
      complaintsOpen: 'Open complaints',
      areas: 'Areas and who monitors them',
      decisions: 'Register of decisions',
      plans: 'Monthly plans',
      reports: 'Reports',
      evaluations: 'Annual evaluations',
    },
    columns: {
      areaCode: 'Area code',
      area: 'Area',
      areaKind: 'Kind of unit',
      officialCode: 'Official code',
      official: 'Monitoring official',
      department: 'Department',
      group: 'Group',
      kind: 'Kind',
      period: 'Month',
      dueAt: 'Due',
      daysOverdue: 'Days overdue',
      status: 'Status',
      escalationLevel: 'Escalation level',
      year: 'Year',
      state: 'State',
      waitingFor: 'Waiting for',
      requestedAt: 'Requested',
      receivedAt: 'Received',
      overdue: 'Overdue',
      threshold: 'Threshold',
      date: 'Date',
      years: 'Years',
      daysUntil: 'Days until',
      effectiveFrom: 'Effective from',
      pendingProposal: 'Pending proposal',
      filedAt: 'Filed',
      verificationDueAt: 'Verification due',
      leaderInCharge: 'Leader in charge',
      number: 'Number',
      register: 'Register',
      issuedOn: 'Issued on',
      summary: 'Summary',
      signer: 'Signer',
      periodStart: 'Numbered from',
      signedBy: 'Digitally signed by',
      signingTime: 'Signed at',
      assignment: 'Assignment',
      plannedFor: 'Field trip day',
      place: 'Place',
      content: 'Content',
      urgency: 'Urgency',
      sensitive: 'Sensitive matter',
      situation: 'Situation',
      results: 'Results',
      difficulties: 'Difficulties',
      proposals: 'Proposals',
      reply: 'Reply',
      proposedRating: 'Proposed rating',
      rating: 'Rating',
      ratedAt: 'Rated on',
    },
  },
};
