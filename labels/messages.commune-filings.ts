/**
 * The texts of the page where a leader of a provincial agency files the year's monitoring programme and the reports
 * of the communes they monitor, in Vietnamese and English; spread into labels/messages.vi.ts and messages.en.ts.
 */
export const communeFilingMessagesVi = {
  'nav.communeFilings': 'Chương trình, báo cáo theo dõi xã',
  'communeFiling.title': 'Chương trình và báo cáo theo dõi xã, phường',
  'communeFiling.intro':
    'Các xã, phường đồng chí được phân công theo dõi: chương trình theo dõi năm, báo cáo định kỳ và báo cáo năm với hạn nộp theo quy định đang có hiệu lực. Nộp sau hạn vẫn được ghi nhận là nộp muộn.',
  'communeFiling.none': 'Đồng chí chưa được phân công theo dõi xã, phường nào.',
  'communeFiling.caption': '{area} — theo dõi từ {from}',
  'communeFiling.col.kind': 'Hồ sơ',
  'communeFiling.col.period': 'Kỳ',
  'communeFiling.col.due': 'Hạn nộp',
  'communeFiling.col.status': 'Tình trạng',
  'communeFiling.col.version': 'Phiên bản quy định',
  'communeFiling.kind.PROGRAMME': 'Chương trình theo dõi năm',
  'communeFiling.kind.PERIODIC': 'Báo cáo định kỳ',
  'communeFiling.kind.YEARLY': 'Báo cáo năm',
  'communeFiling.status.OPEN': 'Chưa đến hạn',
  'communeFiling.status.MISSED': 'Quá hạn',
  'communeFiling.status.FILED': 'Đã nộp đúng hạn',
  'communeFiling.status.FILED_LATE': 'Nộp muộn',
  'communeFiling.status.NOT_FILED': 'Không nộp',
  'communeFiling.status.CANCELLED': 'Không còn phải nộp',
  'communeFiling.escalated': 'đã báo cáo vượt cấp (mức {level})',
  'communeFiling.content': 'Nội dung',
  'communeFiling.file': 'Nộp',
  'communeFiling.filed': 'Đã nộp.',
  'communeFiling.col.fieldDays': 'Ngày đi cơ sở',
  'communeFiling.fieldDays': 'Ngày đi cơ sở trong kỳ báo cáo',
  'communeFiling.fieldDays.hint':
    'Những ngày đồng chí về xã, phường trong kỳ (dd/mm/yyyy, cách nhau bởi dấu phẩy); không ghi ngày sau hôm nay. Ngày đi cơ sở được tính khi báo cáo ghi nhận.',
} as const;

export const communeFilingMessagesEn: Record<keyof typeof communeFilingMessagesVi, string> = {
  'nav.communeFilings': 'Commune monitoring filings',
  'communeFiling.title': 'Monitoring programmes and reports of your communes',
  'communeFiling.intro':
    'The communes and wards you monitor: the year’s monitoring programme, the periodic reports and the yearly report, due as the version in force says. A filing after its day is still recorded, as late.',
  'communeFiling.none': 'You monitor no commune or ward.',
  'communeFiling.caption': '{area} — monitored since {from}',
  'communeFiling.col.kind': 'Filing',
  'communeFiling.col.period': 'Period',
  'communeFiling.col.due': 'Due',
  'communeFiling.col.status': 'Status',
  'communeFiling.col.version': 'Rules version',
  'communeFiling.kind.PROGRAMME': 'Yearly monitoring programme',
  'communeFiling.kind.PERIODIC': 'Periodic report',
  'communeFiling.kind.YEARLY': 'Yearly report',
  'communeFiling.status.OPEN': 'Not yet due',
  'communeFiling.status.MISSED': 'Overdue',
  'communeFiling.status.FILED': 'Filed on time',
  'communeFiling.status.FILED_LATE': 'Filed late',
  'communeFiling.status.NOT_FILED': 'Not filed',
  'communeFiling.status.CANCELLED': 'No longer owed',
  'communeFiling.escalated': 'escalated (level {level})',
  'communeFiling.content': 'Content',
  'communeFiling.file': 'File',
  'communeFiling.filed': 'Filed.',
  'communeFiling.col.fieldDays': 'Days at the commune',
  'communeFiling.fieldDays': 'Days at the commune in the period',
  'communeFiling.fieldDays.hint':
    'The days you spent in the commune or ward during the period (dd/mm/yyyy, separated by commas); none after today. Days at the grassroots count once a report gives them.',
};
