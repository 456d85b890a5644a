/**
 * The one rule of a notice's content (Đ4.1, Đ7.A.6): what happened, the area, the deadline and a
 * link, never the text a payload might carry.
 */
import { describe, expect, it } from 'vitest';
import {
  composeNoticeMail,
  isNoticeTemplate,
  NOTICE_TEMPLATES,
  noticeFactsOf,
  noticeOf,
} from '../../labels/notifications';

const TEMPLATES = [
  'monthly.plan.reminder',
  'monthly.report.escalated',
  'proposal.rotation',
  'proposal.early_reassignment',
  'evaluation.requested',
  'evaluation.escalated',
  'complaint.filed',
  'complaint.verification.escalated',
  'report.adhoc',
  'report.answered',
  'meeting.approval.requested',
  'meeting.report.escalated',
  'a.template.from.tomorrow',
];
const SECRET = 'NỘI DUNG MẬT: đồng chí X nhận quà';
const payload = {
  assignmentId: 'a-1',
  areaId: 'area-1',
  period: '2027-01',
  year: 2026,
  due: '2027-01-08',
  complaintId: 'c-1',
  summary: SECRET,
  findings: SECRET,
  text: SECRET,
  situation: SECRET,
  areaEvaluation: { comment: SECRET },
};

describe('notices', () => {
  it('never carry the text of a payload, in either language, in the app or by e-mail', () => {
    for (const template of TEMPLATES) {
      for (const language of ['vi', 'en'] as const) {
        const notice = noticeOf(noticeFactsOf(template, payload, { areaName: 'Huyện Nam Đàn' }), language);
        const mail = composeNoticeMail('https://diaban.example')(
          { template, payload, areaName: 'Huyện Nam Đàn' },
          language,
        );
        for (const text of [notice.title, notice.dueLine ?? '', notice.link, mail.subject, mail.text, mail.html])
          expect(text).not.toContain('nhận quà');
        expect(notice.title).toContain('Huyện Nam Đàn');
      }
    }
  });

  it('say what happened, by when, and link to the thing concerned', () => {
    const reminder = noticeOf(noticeFactsOf('monthly.plan.reminder', payload, { areaName: 'Huyện Nam Đàn' }), 'vi');
    expect(reminder).toEqual({
      title: 'Nhắc hạn nộp kế hoạch công tác tháng 01/2027 — địa bàn Huyện Nam Đàn',
      dueLine: 'Hạn: 08/01/2027',
      link: '/app/assignments/a-1?month=2027-01',
    });
    expect(noticeOf(noticeFactsOf('proposal.rotation', payload), 'en')).toMatchObject({
      title: 'A rotation awaits approval',
      link: '/app/inbox',
    });
    expect(noticeOf(noticeFactsOf('evaluation.escalated', payload), 'vi').link).toBe('/app/evaluations/a-1/2026');
    // A meeting's request opens the approval inbox; its other notices the meetings page (Đ5.2, Đ7.A.5).
    expect(noticeOf(noticeFactsOf('meeting.approval.escalated', { meetingId: 'm-1', level: 1 }), 'vi')).toMatchObject({
      title: 'Báo cáo vượt cấp: việc dự họp chưa được cho ý kiến',
      link: '/app/inbox',
    });
    expect(noticeOf(noticeFactsOf('meeting.report.reminder', { meetingId: 'm-1' }), 'en').link).toBe('/app/meetings');
    expect(noticeOf(noticeFactsOf('group.quarter.noSession', { groupId: 'g-1', quarter: '2026-Q3' }), 'vi').title).toBe(
      'Nhóm chưa sinh hoạt trong quý 2026-Q3',
    );
    // An ad hoc report and an answer open the report itself (Đ8.2), where its reader's rule applies.
    expect(noticeOf(noticeFactsOf('report.adhoc', { ...payload, reportId: 'r-1' }), 'vi').link).toBe(
      '/app/reports/r-1',
    );
    expect(noticeOf(noticeFactsOf('report.answered', { reportId: 'r-1', assignmentId: 'a-1' }), 'en').link).toBe(
      '/app/reports/r-1',
    );
    // A deadline given as an instant is the day in Vietnam (the end of a working day there is 16:59:59Z).
    expect(noticeOf(noticeFactsOf('evaluation.reminder', { dueAt: '2027-01-08T16:59:59.999Z' }), 'vi').dueLine).toBe(
      'Hạn: 08/01/2027',
    );
  });

  it('name the successor unit, with the former area as its former name, once a reorganisation passed the matter on', () => {
    const facts = noticeFactsOf(
      'evaluation.reminder',
      { assignmentId: 'a-1', areaId: 'xa-c', formerAreaId: 'xa-a', year: 2027 },
      { areaName: 'Xã Nam Đàn', formerAreaName: 'Xã Kim Liên' },
    );
    expect(noticeOf(facts, 'vi').title).toBe(
      'Nhắc hạn gửi nhận xét, đánh giá năm 2027 — địa bàn Xã Nam Đàn (trước đây: Xã Kim Liên)',
    );
    expect(noticeOf(facts, 'en').title).toBe(
      'Reminder: the evaluation for 2027 is due — area Xã Nam Đàn (formerly Xã Kim Liên)',
    );
    const mail = composeNoticeMail('https://dia-ban.example')(
      { template: 'evaluation.missed', payload: { year: 2027 }, areaName: 'Xã Nam Đàn', formerAreaName: 'Xã Kim Liên' },
      'vi',
    );
    expect(mail.subject).toBe(
      '[Địa bàn] Quá hạn gửi nhận xét, đánh giá năm 2027 — địa bàn Xã Nam Đàn (trước đây: Xã Kim Liên)',
    );
    // Without a former name, as before.
    expect(noticeOf(noticeFactsOf('evaluation.reminder', { year: 2027 }, { areaName: 'Xã Nam Đàn' }), 'vi').title).toBe(
      'Nhắc hạn gửi nhận xét, đánh giá năm 2027 — địa bàn Xã Nam Đàn',
    );
  });

  it('have their words in both languages for every template a workflow or a route may send', () => {
    // The names are typed (NoticeTemplate), so a workflow cannot send one outside this list; each says its own words.
    expect(NOTICE_TEMPLATES.length).toBeGreaterThan(30);
    const unknown = noticeFactsOf('a.template.from.tomorrow', {});
    const fallback = { vi: noticeOf(unknown, 'vi').title, en: noticeOf(unknown, 'en').title };
    for (const template of NOTICE_TEMPLATES) {
      const vi = noticeOf(noticeFactsOf(template, payload), 'vi').title;
      const en = noticeOf(noticeFactsOf(template, payload), 'en').title;
      expect(vi, template).not.toBe(fallback.vi);
      expect(en, template).not.toBe(fallback.en);
      expect(vi, template).not.toBe(en);
    }
    // A stored row with a name this service does not know is told as "a notice", never an error.
    expect(isNoticeTemplate('a.template.from.tomorrow')).toBe(false);
    expect(isNoticeTemplate('toString')).toBe(false);
    expect(fallback).toEqual({ vi: 'Có thông báo mới', en: 'A new notice' });
  });
});
