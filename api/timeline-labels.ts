/** Labels for the audit actions the workflows write, in Vietnamese (default) and English; an unknown action shows as itself. */
export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
type Label = Record<Language, string>;

const EXACT: Record<string, Label> = {
  ASSIGNMENT_PROPOSED: { vi: 'Đề xuất phân công cán bộ theo dõi địa bàn', en: 'Assignment proposed' },
  ASSIGNMENT_STARTED: { vi: 'Bắt đầu theo dõi địa bàn', en: 'Monitoring of the area started' },
  ASSIGNMENT_CLOSED: { vi: 'Kết thúc phân công theo dõi địa bàn', en: 'Assignment closed' },
  TERM_ANNIVERSARY: { vi: 'Tròn năm công tác theo dõi địa bàn', en: 'Anniversary of the term' },
  GROUND_ESTABLISHED: { vi: 'Xác lập căn cứ điều chỉnh phân công', en: 'Ground for reassignment established' },
  HANDOVER_STARTED: { vi: 'Bắt đầu bàn giao cho cán bộ thay thế', en: 'Handover to the successor started' },
  SUCCESSOR_STARTED: { vi: 'Cán bộ thay thế đã nhận nhiệm vụ', en: 'Successor took over' },
  NO_SUCCESSOR_AVAILABLE: { vi: 'Chưa có cán bộ thay thế phù hợp', en: 'No successor available' },
  REASSIGNMENT_APPROVED: { vi: 'Phê duyệt điều chỉnh phân công', en: 'Reassignment approved' },
  REASSIGNMENT_REJECTED: { vi: 'Không phê duyệt điều chỉnh phân công', en: 'Reassignment rejected' },
  EVALUATION_REQUESTED: { vi: 'Đề nghị địa bàn đánh giá hằng năm', en: 'Annual evaluation requested from the area' },
  AREA_EVALUATION_RECEIVED: { vi: 'Nhận văn bản đánh giá của địa bàn', en: "Area's evaluation received" },
  RATING_PROPOSED: { vi: 'Trưởng nhóm đề xuất xếp loại', en: 'Group leader proposed a rating' },
  EVALUATION_RATED: { vi: 'Lãnh đạo Ban xếp loại', en: 'Board leadership rated' },
  ROTATION_DEADLINE_OPENED: { vi: 'Đến thời hạn xem xét luân chuyển', en: 'Rotation due for decision' },
  ROTATION_DEADLINE_MET: { vi: 'Đã quyết định luân chuyển', en: 'Rotation decided' },
  ROTATION_DEADLINE_MISSED: { vi: 'Quá thời hạn quyết định luân chuyển', en: 'Rotation decision overdue' },
  ROTATION_ESCALATED: { vi: 'Báo cáo Trưởng ban việc chậm quyết định luân chuyển', en: 'Overdue rotation escalated to the Head of Board' },
  COMPLAINT_FILED: { vi: 'Tiếp nhận đơn thư phản ánh', en: 'Complaint received' },
  COMPLAINT_VERIFICATION_STARTED: { vi: 'Bắt đầu xác minh đơn thư', en: 'Verification of the complaint started' },
  COMPLAINT_VERIFIED_WELL_FOUNDED: { vi: 'Xác minh đơn thư: có cơ sở', en: 'Complaint verified: well-founded' },
  COMPLAINT_VERIFIED_UNFOUNDED: { vi: 'Xác minh đơn thư: không có cơ sở', en: 'Complaint verified: unfounded' },
  COMPLAINT_ACTED_ON: { vi: 'Xử lý kết quả xác minh đơn thư', en: 'Complaint acted on' },
  COMPLAINT_RECEIVED: { vi: 'Vào sổ đơn thư phản ánh', en: 'Complaint registered' },
  RESERVED_OPINION_RECORDED: { vi: 'Ghi nhận ý kiến bảo lưu', en: 'Reserved opinion recorded' },
  CONFIDENTIAL_READ: { vi: 'Xem thông tin mật', en: 'Confidential record read' },
};

const PROPOSALS: Record<string, Label> = {
  APPOINTMENT: { vi: 'phân công', en: 'appointment' },
  ROTATION: { vi: 'luân chuyển', en: 'rotation' },
  EARLY_REASSIGNMENT: { vi: 'điều chỉnh phân công trước thời hạn', en: 'early reassignment' },
  CLOSURE: { vi: 'kết thúc phân công', en: 'closure' },
};

const DECISIONS: Record<string, Record<Language, (what: string) => string>> = {
  PROPOSED: { vi: (w) => `Đề xuất ${w}`, en: (w) => `${capitalized(w)} proposed` },
  APPROVED: { vi: (w) => `Phê duyệt ${w}`, en: (w) => `${capitalized(w)} approved` },
  REJECTED: { vi: (w) => `Không phê duyệt ${w}`, en: (w) => `${capitalized(w)} rejected` },
  WITHDRAWN: { vi: (w) => `Rút đề xuất ${w}`, en: (w) => `${capitalized(w)} proposal withdrawn` },
};

const SUBJECTS: Record<string, Label> = {
  MONTHLY_PLAN: { vi: 'kế hoạch công tác tháng', en: 'monthly plan' },
  MONTHLY_REPORT: { vi: 'báo cáo tháng', en: 'monthly report' },
  AREA_EVALUATION: { vi: 'đánh giá của địa bàn', en: "area's evaluation" },
  COMPLAINT_VERIFICATION: { vi: 'xác minh đơn thư', en: 'complaint verification' },
};

const STEPS: Record<string, Record<Language, (subject: string) => string>> = {
  FILED: { vi: (s) => `Nộp ${s}`, en: (s) => `${capitalized(s)} filed` },
  FILED_LATE: { vi: (s) => `Nộp ${s} (muộn)`, en: (s) => `${capitalized(s)} filed late` },
  DEADLINE_OPENED: { vi: (s) => `Mở thời hạn ${s}`, en: (s) => `Deadline opened: ${s}` },
  REMINDER_SENT: { vi: (s) => `Nhắc hạn ${s}`, en: (s) => `Reminder sent: ${s}` },
  DEADLINE_MET: { vi: (s) => `Hoàn thành ${s} đúng hạn`, en: (s) => `${capitalized(s)} on time` },
  DEADLINE_MISSED: { vi: (s) => `Quá hạn ${s}`, en: (s) => `${capitalized(s)} overdue` },
  ESCALATED: { vi: (s) => `Báo cáo cấp trên việc chậm ${s}`, en: (s) => `Overdue ${s} escalated` },
  NOT_FILED: { vi: (s) => `Không nộp ${s}`, en: (s) => `${capitalized(s)} not filed` },
};

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function timelineLabel(action: string, language: Language = 'vi'): string {
  const exact = EXACT[action];
  if (exact) return exact[language];
  for (const [kind, what] of Object.entries(PROPOSALS)) {
    const decision = action.startsWith(`${kind}_`) ? DECISIONS[action.slice(kind.length + 1)] : undefined;
    if (decision) return decision[language](what[language]);
  }
  for (const [subject, what] of Object.entries(SUBJECTS)) {
    const step = action.startsWith(`${subject}_`) ? STEPS[action.slice(subject.length + 1)] : undefined;
    if (step) return step[language](what[language]);
  }
  return action;
}
