/**
 * The words of the summary reports the Board sends upward (the month's, the year's evaluations): the workbook's sheets
 * and headers in both languages, and the paper's sentences in Vietnamese (the paper is in the Party's format).
 */
import type { Urgency } from '../machines/reports';
import type { Language } from './keys';

/** contracts/reports.ts's FilingStatus (labels/ sits below contracts/). */
type FilingStatus = 'ON_TIME' | 'LATE' | 'MISSED' | 'OPEN' | 'CANCELLED';

interface SummaryTexts {
  sheets: { month: string; monthTotals: string; yearByGroup: string; yearByLevel: string };
  month: { area: string; official: string; plan: string; report: string; escalations: string; adHoc: string };
  totals: { item: string; count: string };
  year: { group: string; level: string; notRated: string; total: string };
  status: Record<FilingStatus | 'NONE', string>;
  urgency: Record<Urgency, string>;
  plans: string;
  reports: string;
  sensitive: string;
}

export const SUMMARY_LABELS: Readonly<Record<Language, SummaryTexts>> = {
  vi: {
    sheets: { month: 'Theo địa bàn', monthTotals: 'Tổng hợp', yearByGroup: 'Theo nhóm', yearByLevel: 'Theo cấp' },
    month: {
      area: 'Địa bàn',
      official: 'Công chức theo dõi',
      plan: 'Kế hoạch',
      report: 'Báo cáo',
      escalations: 'Số lần nhắc việc',
      adHoc: 'Báo cáo đột xuất',
    },
    totals: { item: 'Nội dung', count: 'Số lượng' },
    year: { group: 'Nhóm', level: 'Loại đơn vị', notRated: 'Chưa xếp loại', total: 'Tổng số' },
    status: {
      ON_TIME: 'đúng hạn',
      LATE: 'trễ hạn',
      MISSED: 'không gửi',
      OPEN: 'chưa gửi',
      CANCELLED: 'không phải gửi',
      NONE: 'không có',
    },
    urgency: { NORMAL: 'thường', URGENT: 'khẩn', VERY_URGENT: 'thượng khẩn', FLASH: 'hỏa tốc' },
    plans: 'Kế hoạch',
    reports: 'Báo cáo tháng',
    sensitive: 'về vấn đề nhạy cảm (chỉ nêu số lượng)',
  },
  en: {
    sheets: { month: 'By area', monthTotals: 'Totals', yearByGroup: 'By group', yearByLevel: 'By level' },
    month: {
      area: 'Area',
      official: 'Monitoring official',
      plan: 'Plan',
      report: 'Report',
      escalations: 'Escalations',
      adHoc: 'Ad hoc reports',
    },
    totals: { item: 'Item', count: 'Count' },
    year: { group: 'Group', level: 'Kind of unit', notRated: 'Not rated', total: 'Total' },
    status: {
      ON_TIME: 'on time',
      LATE: 'late',
      MISSED: 'missed',
      OPEN: 'not filed yet',
      CANCELLED: 'not due',
      NONE: 'none',
    },
    urgency: { NORMAL: 'normal', URGENT: 'urgent', VERY_URGENT: 'very urgent', FLASH: 'flash' },
    plans: 'Plans',
    reports: 'Monthly reports',
    sensitive: 'on sensitive matters (counted only)',
  },
};
