/**
 * Notifications on the time-skipping server with a real SMTP listener: a month nobody files produces exactly
 * the reminder to the official, the escalation to the group leader, then the one to the leader in charge (for the
 * plan and for the report), each e-mailed once to the right address with no confidential text, even though the
 * dispatcher dies after claiming the first e-mail and before sending it, and no dispatcher runs while the misses are
 * enqueued: the one started again sends every one of them, once.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../activities/mailer';
import { NotificationDispatcher } from '../../activities/notification-dispatcher';
import { composeNoticeMail } from '../../labels/notifications';
import { nextMonth } from '../../machines/calendar';
import { DEFAULT_POLICY } from '../../machines/policy';
import { complaintWorkflow } from '../../workflows/complaint.workflow';
import { assignmentWorkflowId, complaintWorkflowId } from '../../workflows/ids';
import { NotificationLoop } from '../../worker/notification-loop';
import { startActiveAssignment } from '../support/assignments';
import { type LifecycleHarness, startLifecycleHarness } from '../support/lifecycle-harness';
import { startSmtpListener } from '../support/smtp-listener';
import { Started } from '../support/started';

const APP_URL = 'http://dia-ban.test';
const COMPLAINT_TEXT = 'Phản ánh MẬT: công chức nhận quà của cơ sở (nội dung không được rời ứng dụng)';
const DAY = 24 * 3_600_000;

describe('notifications of a month nobody files', () => {
  let h: LifecycleHarness;
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  const loops: NotificationLoop[] = [];

  // Either may fail to start: the other is closed all the same.
  const started = new Started();
  beforeAll(() =>
    started.closeOnFailure(async () => {
      [h, smtp] = await Promise.all([
        started.add(startLifecycleHarness(), (harness) => harness.close()),
        started.add(startSmtpListener(), (listener) => listener.close()),
      ]);
    }),
  );
  afterAll(async () => {
    for (const loop of loops) void loop.stop();
    await started.close();
  });

  /** A dispatcher as `npm start` runs it, polling every 50 ms; `beforeSend` is where it may die. */
  const dispatcher = (beforeSend?: (id: string) => Promise<void>) => {
    const loop = new NotificationLoop(
      new NotificationDispatcher(h.db.prisma, {
        mailer: smtpMailer(smtp.url, 'Địa bàn <dia-ban@btctu.nghean.example>'),
        compose: composeNoticeMail(APP_URL),
        leaseMs: 1_500,
        backoffMs: () => 200,
        beforeSend,
      }),
      50,
    ).start();
    loops.push(loop);
    return loop;
  };

  const until = async (what: string, check: () => Promise<boolean>, timeoutMs = 30_000) => {
    const started = Date.now();
    while (!(await check())) {
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  /** Moves the server a day at a time until `check` holds (the workflows' own calendar decides the days). */
  const advanceUntil = async (what: string, check: () => Promise<boolean>) => {
    for (let day = 0; day < 60; day += 1) {
      const settledAt = Date.now() + 400;
      while (Date.now() < settledAt) {
        if (await check()) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await h.sleepUntil((await h.env.currentTimeMs()) + DAY);
    }
    throw new Error(`the server's clock passed 60 days without ${what}`);
  };
  const escalatedTo = async (template: string, level: number) =>
    (await outboxOf(template)).some((m) => (m.payload as { level?: number }).level === level);
  const outboxOf = (template: string) =>
    h.db.prisma.outboxMessage.findMany({ where: { template }, orderBy: { createdAt: 'asc' } });
  const allSettled = async () =>
    (await h.db.prisma.outboxMessage.count({ where: { deliveredAt: null } })) === 0 &&
    (await h.db.prisma.notificationDelivery.count({ where: { status: { in: ['PENDING', 'SENDING'] } } })) === 0;

  it('reminds the official, then escalates to the group leader, then to the leader in charge: each once, by e-mail and in the app', async () => {
    const { people, db } = h;
    const official = people.group.member;
    const area = people.areas.find(
      (a) => a.leaderInChargeId && a.leaderInChargeId !== official.id && a.leaderInChargeId !== people.group.leader.id,
    )!;
    const emailOf = async (officialId: string) =>
      (await db.prisma.official.findUniqueOrThrow({ where: { id: officialId } })).email!;
    const [officialEmail, groupLeaderEmail, leaderInChargeEmail] = await Promise.all([
      emailOf(official.id),
      emailOf(people.group.leader.id),
      emailOf(area.leaderInChargeId!),
    ]);

    const first = dispatcher();
    const assignmentId = 'notify-month';
    const { today } = await startActiveAssignment(h, {
      assignmentId,
      areaId: area.id,
      official,
      proposedBy: people.departmentHead,
      groupId: people.group.id,
    });
    // A complaint about the official: its verifiers are told, never its text.
    await h.client.workflow.start(complaintWorkflow, {
      taskQueue: h.taskQueue,
      workflowId: complaintWorkflowId('c-notify'),
      args: [
        {
          complaintId: 'c-notify',
          assignmentId,
          assignmentWorkflowId: assignmentWorkflowId(assignmentId),
          officialId: official.id,
          filedBy: 'citizen-tran-thi-b',
          summary: COMPLAINT_TEXT,
          source: 'Đơn thư',
          headOfBoardId: people.headOfBoard.id,
          policy: DEFAULT_POLICY.complaint,
          nonWorkingDays: [],
        },
      ],
    });
    await until('the approval and the complaint are delivered', async () => {
      const sent = smtp.mails.map((m) => m.header('X-Dia-Ban-Notice'));
      return sent.includes('assignment.approved') && sent.includes('complaint.filed');
    });
    await first.stop();

    // The month charged first is the next one (effective mid-month).
    const period = nextMonth(today.slice(0, 7));

    // The dispatcher dies after claiming the plan's reminder and before sending it (its send never happens).
    let claimedBeforeDying = '';
    const dying = dispatcher(async (id) => {
      claimedBeforeDying = id;
      await new Promise(() => {});
    });
    await advanceUntil('the plan reminder claimed', async () => claimedBeforeDying !== '');
    void dying.stop(); // killed: it never resumes
    expect((await db.prisma.notificationDelivery.findUniqueOrThrow({ where: { id: claimedBeforeDying } })).status).toBe(
      'SENDING',
    );

    // No dispatcher at all while the miss and both escalations are enqueued.
    await advanceUntil('the plan escalated to the leader in charge', () => escalatedTo('monthly.plan.escalated', 2));
    expect(
      await db.prisma.notificationDelivery.count({ where: { outbox: { template: 'monthly.plan.escalated' } } }),
    ).toBe(0);
    const beforeRestart = smtp.mails.length;

    // Started again: the expired lease and every message enqueued meanwhile are delivered.
    dispatcher();
    await until('the plan notices are delivered', allSettled);
    expect(smtp.mails.length).toBeGreaterThan(beforeRestart);
    await advanceUntil('the report escalated to the leader in charge', () =>
      escalatedTo('monthly.report.escalated', 2),
    );
    await until('the report notices are delivered', allSettled);

    // The month's e-mails, as the SMTP server received them, in order.
    const ofMonth = (
      await db.prisma.notificationDelivery.findMany({ where: { channel: 'EMAIL' }, include: { outbox: true } })
    )
      .filter((d) => (d.outbox.payload as { period?: string }).period === period)
      .map((d) => `<${d.id}@dia-ban>`);
    const monthMails = smtp.mails.filter((m) => ofMonth.includes(m.header('Message-ID') ?? ''));
    const received = monthMails.map((m) => `${m.header('X-Dia-Ban-Notice')} → ${m.to.join(',')}`);
    expect(received).toEqual([
      `monthly.plan.reminder → ${officialEmail}`,
      `monthly.plan.escalated → ${groupLeaderEmail}`,
      `monthly.plan.escalated → ${leaderInChargeEmail}`,
      `monthly.report.reminder → ${officialEmail}`,
      `monthly.report.escalated → ${groupLeaderEmail}`,
      `monthly.report.escalated → ${leaderInChargeEmail}`,
    ]);
    expect(new Set(monthMails.map((m) => m.header('Message-ID'))).size).toBe(6);
    // Each is what happened, the deadline and a link into the month; nothing confidential in any mail.
    const reminder = monthMails[0]!;
    const planDeadline = await db.prisma.deadline.findFirstOrThrow({
      where: { assignmentId, subject: 'MONTHLY_PLAN', reference: period },
    });
    const planDue = new Date(planDeadline.dueAt.getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
    const [, year, month] = /^(\d{4})-(\d{2})$/.exec(period)!;
    expect(reminder.decoded()).toContain(`Hạn: ${planDue.slice(8, 10)}/${planDue.slice(5, 7)}/${planDue.slice(0, 4)}`);
    expect(reminder.decoded()).toContain(`${APP_URL}/app/assignments/${assignmentId}?month=${period}`);
    expect(reminder.decoded()).toContain(`tháng ${month}/${year}`);
    for (const mail of smtp.mails) {
      expect(mail.decoded()).not.toContain('nhận quà');
      expect(mail.raw).not.toContain('nhận quà');
    }
    const complaintMail = smtp.mails.find((m) => m.header('X-Dia-Ban-Notice') === 'complaint.filed')!;
    const auditors = await db.prisma.user.findMany({
      where: { roles: { some: { role: 'AUDITOR' } } },
      include: { official: true },
    });
    expect(complaintMail.to).toEqual([auditors[0]!.official!.email]);

    // In the app: the official was told of each miss once, though each escalation repeats it.
    const officialUser = await db.prisma.user.findUniqueOrThrow({ where: { officialId: official.id } });
    const inApp = await db.prisma.notificationDelivery.findMany({
      where: { userId: officialUser.id, channel: 'IN_APP' },
      include: { outbox: true },
      orderBy: { createdAt: 'asc' },
    });
    const mine = inApp
      .filter((d) => (d.outbox.payload as { period?: string }).period === period)
      .map((d) => d.template);
    expect(mine.sort()).toEqual(
      ['monthly.plan.missed', 'monthly.plan.reminder', 'monthly.report.missed', 'monthly.report.reminder'].sort(),
    );
    expect(
      (await outboxOf('monthly.plan.missed')).filter((m) => (m.payload as { period?: string }).period === period),
    ).toHaveLength(2);

    // One mail as received, for the closing note.
    mkdirSync('test-artifacts/notifications', { recursive: true });
    writeFileSync('test-artifacts/notifications/monthly-plan-reminder.eml', reminder.raw);
  }, 240_000);
});
