/** Vietnamese labels for the audit actions the workflows write; an action without one shows as itself. */
const EXACT: Record<string, string> = {
  ASSIGNMENT_PROPOSED: 'Đề xuất phân công cán bộ theo dõi địa bàn',
  ASSIGNMENT_STARTED: 'Bắt đầu theo dõi địa bàn',
  ASSIGNMENT_CLOSED: 'Kết thúc phân công theo dõi địa bàn',
  TERM_ANNIVERSARY: 'Tròn năm công tác theo dõi địa bàn',
  GROUND_ESTABLISHED: 'Xác lập căn cứ điều chỉnh phân công',
  HANDOVER_STARTED: 'Bắt đầu bàn giao cho cán bộ thay thế',
  SUCCESSOR_STARTED: 'Cán bộ thay thế đã nhận nhiệm vụ',
  NO_SUCCESSOR_AVAILABLE: 'Chưa có cán bộ thay thế phù hợp',
  REASSIGNMENT_APPROVED: 'Phê duyệt điều chỉnh phân công',
  REASSIGNMENT_REJECTED: 'Không phê duyệt điều chỉnh phân công',
  EVALUATION_REQUESTED: 'Đề nghị địa bàn đánh giá hằng năm',
  AREA_EVALUATION_RECEIVED: 'Nhận văn bản đánh giá của địa bàn',
  RATING_PROPOSED: 'Trưởng nhóm đề xuất xếp loại',
  EVALUATION_RATED: 'Lãnh đạo Ban xếp loại',
  ROTATION_DEADLINE_OPENED: 'Đến thời hạn xem xét luân chuyển',
  ROTATION_DEADLINE_MET: 'Đã quyết định luân chuyển',
  ROTATION_DEADLINE_MISSED: 'Quá thời hạn quyết định luân chuyển',
  ROTATION_ESCALATED: 'Báo cáo Trưởng ban việc chậm quyết định luân chuyển',
};

const PROPOSALS: Record<string, string> = {
  APPOINTMENT: 'phân công',
  ROTATION: 'luân chuyển',
  EARLY_REASSIGNMENT: 'điều chỉnh phân công trước thời hạn',
  CLOSURE: 'kết thúc phân công',
};

const DECISIONS: Record<string, string> = {
  PROPOSED: 'Đề xuất',
  APPROVED: 'Phê duyệt',
  REJECTED: 'Không phê duyệt',
  WITHDRAWN: 'Rút đề xuất',
};

const SUBJECTS: Record<string, string> = {
  MONTHLY_PLAN: 'kế hoạch công tác tháng',
  MONTHLY_REPORT: 'báo cáo tháng',
  AREA_EVALUATION: 'đánh giá của địa bàn',
  COMPLAINT_VERIFICATION: 'xác minh đơn thư',
};

const STEPS: Record<string, (subject: string) => string> = {
  FILED: (s) => `Nộp ${s}`,
  FILED_LATE: (s) => `Nộp ${s} (muộn)`,
  DEADLINE_OPENED: (s) => `Mở thời hạn ${s}`,
  REMINDER_SENT: (s) => `Nhắc hạn ${s}`,
  DEADLINE_MET: (s) => `Hoàn thành ${s} đúng hạn`,
  DEADLINE_MISSED: (s) => `Quá hạn ${s}`,
  ESCALATED: (s) => `Báo cáo cấp trên việc chậm ${s}`,
  NOT_FILED: (s) => `Không nộp ${s}`,
};

export function timelineLabel(action: string): string {
  const exact = EXACT[action];
  if (exact) return exact;
  for (const [kind, what] of Object.entries(PROPOSALS)) {
    const decision = action.startsWith(`${kind}_`) ? DECISIONS[action.slice(kind.length + 1)] : undefined;
    if (decision) return `${decision} ${what}`;
  }
  for (const [subject, what] of Object.entries(SUBJECTS)) {
    const step = action.startsWith(`${subject}_`) ? STEPS[action.slice(subject.length + 1)] : undefined;
    if (step) return step(what);
  }
  return action;
}
