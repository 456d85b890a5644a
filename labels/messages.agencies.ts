/**
 * The texts of the page where a provincial agency's head (and Board leadership, the auditor) follows the agency's
 * leaders' monitoring of communes (seed 001, Quy định 26-QĐ/TU), in Vietnamese and English; spread into
 * labels/messages.vi.ts and messages.en.ts.
 */
export const agencyMessagesVi = {
  'nav.agencies': 'Cán bộ theo dõi xã',
  'agency.title': 'Cán bộ lãnh đạo của cơ quan theo dõi xã, phường',
  'agency.intro':
    'Theo dõi việc các đồng chí lãnh đạo của cơ quan, đơn vị thực hiện nhiệm vụ theo dõi xã, phường: xây dựng chương trình, báo cáo định kỳ và hằng năm đúng hạn, phiếu nhận xét của đảng ủy xã, thời gian đi cơ sở.',
  'agency.choose': 'Cơ quan, đơn vị',
  'agency.none': 'Chưa có cơ quan, đơn vị nào bạn được theo dõi.',
  'agency.year': 'Năm {year}',
  'agency.head': 'Người đứng đầu: {name}, {title}',
  'agency.programme': '{name} (phiên bản {version}): hạn chương trình năm {programmeDue}, báo cáo năm {yearlyDue}',
  'agency.leader': '{name} — {title}',
  'agency.leader.caption': 'Các xã, phường do đồng chí {name} theo dõi',
  'agency.noCommunes': 'Không theo dõi xã, phường nào trong năm.',
  'agency.col.commune': 'Xã, phường',
  'agency.col.from': 'Theo dõi từ',
  'agency.col.plan': 'Chương trình theo dõi năm',
  'agency.col.reports': 'Báo cáo (đúng hạn / muộn / thiếu)',
  'agency.col.comments': 'Phiếu nhận xét đã nhận',
  'agency.col.fieldDays': 'Số ngày đi cơ sở',
  'agency.plan.built': 'Đã xây dựng',
  'agency.plan.notBuilt': 'Chưa xây dựng',
  'agency.plan.noRecord': 'Chưa có hồ sơ (hạn {due})',
  'agency.noRecords':
    'Hệ thống chưa lưu hồ sơ nộp của chương trình này (chương trình năm, báo cáo, phiếu nhận xét, ngày đi cơ sở): các cột để trống, không tính là thiếu.',
};

export const agencyMessagesEn: Record<keyof typeof agencyMessagesVi, string> = {
  'nav.agencies': 'Leaders monitoring communes',
  'agency.title': "The agency's leaders monitoring communes and wards",
  'agency.intro':
    "Follow how the agency's leaders carry out their monitoring of communes and wards: the yearly programme built, periodic and yearly reports on time, the commune committee's comment forms, time at the grassroots.",
  'agency.choose': 'Agency',
  'agency.none': 'No agency for you to follow yet.',
  'agency.year': 'Year {year}',
  'agency.head': 'Head: {name}, {title}',
  'agency.programme': '{name} (version {version}): yearly programme due {programmeDue}, yearly report {yearlyDue}',
  'agency.leader': '{name} — {title}',
  'agency.leader.caption': 'Communes and wards monitored by {name}',
  'agency.noCommunes': 'No commune or ward monitored this year.',
  'agency.col.commune': 'Commune or ward',
  'agency.col.from': 'Monitored since',
  'agency.col.plan': 'Yearly monitoring programme',
  'agency.col.reports': 'Reports (on time / late / missing)',
  'agency.col.comments': 'Comment forms received',
  'agency.col.fieldDays': 'Days at the grassroots',
  'agency.plan.built': 'Built',
  'agency.plan.notBuilt': 'Not built',
  'agency.plan.noRecord': 'No record yet (due {due})',
  'agency.noRecords':
    'The product keeps no filings of this programme yet (yearly programme, reports, comment forms, field days): those columns are empty, not counted as missing.',
};
