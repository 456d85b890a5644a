/**
 * The dispatcher under a burst: a batch of messages planned in one transaction still tells each person each notice
 * once per channel (however many messages of the batch repeat it), and e-mails sent several at once, by two
 * dispatchers together, are each claimed and sent once, a failing one retried with its count of attempts.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mailer, OutgoingMail } from '../../activities/mailer';
import { NotificationDispatcher } from '../../activities/notification-dispatcher';
import { composeNoticeMail } from '../../labels/notifications';
import type { Database } from '../../prisma/database';
import { type Directory, loadDirectory } from '../support/directory';
import { freshDatabase } from '../support/lifecycle-harness';

let db: Database;
let dispose: () => Promise<void>;
let people: Directory;

beforeAll(async () => {
  ({ db, dispose } = await freshDatabase());
  people = await loadDirectory(db.prisma);
});
afterAll(() => dispose?.());

const compose = composeNoticeMail('http://app.test');

/** A mailer that keeps what it sends, takes `delayMs` a mail, counts the sends under way and fails some addresses. */
function recordingMailer(delayMs: number, fails: (to: string) => boolean = () => false) {
  const sent: OutgoingMail[] = [];
  const state = { inFlight: 0, peak: 0 };
  const mailer: Mailer = {
    async send(mail) {
      state.inFlight += 1;
      state.peak = Math.max(state.peak, state.inFlight);
      try {
        await sleep(delayMs);
        if (fails(mail.to)) throw new Error('550 mailbox unavailable');
        sent.push(mail);
      } finally {
        state.inFlight -= 1;
      }
    },
    close() {},
  };
  return { mailer, sent, state };
}

/** `n` assignments in force today, each on the directory's areas and specialists in turn; their ids. */
async function assignments(prefix: string, n: number): Promise<string[]> {
  const now = Date.now();
  const ids: string[] = [];
  for (let i = 0; i < n; i += 1) {
    const id = `${prefix}-${i}`;
    await db.prisma.assignment.create({
      data: {
        id,
        workflowId: `wf-${id}`,
        areaId: people.areas[i % people.areas.length]!.id,
        officialId: people.specialists[i % people.specialists.length]!.id,
        groupId: people.group.id,
        state: 'ACTIVE',
        proposedById: people.departmentHead.id,
        effectiveFrom: new Date(now),
        rotationEligibleAt: new Date(now + 3 * 365 * 86_400_000),
        rotationDueAt: new Date(now + 5 * 365 * 86_400_000),
      },
    });
    ids.push(id);
  }
  return ids;
}

/** A month's plan missed and escalated three times: each escalation repeats the miss to the official. */
async function missedMonth(assignmentId: string, officialId: string, order: number): Promise<void> {
  const period = new Date().toISOString().slice(0, 7);
  const chain = [people.group.leader.id, people.leaders[0]!.id, people.headOfBoard.id];
  let n = 0;
  const enqueue = (data: {
    recipientId?: string;
    recipientRole?: 'AREA_COMMITTEE';
    template: string;
    payload: object;
  }) =>
    db.prisma.outboxMessage.create({
      data: { ...data, idempotencyKey: `${assignmentId}#${n++}`, createdAt: new Date(Date.now() + order * 10 + n) },
    });
  for (const [level, recipientId] of chain.entries()) {
    await enqueue({ recipientId: officialId, template: 'monthly.plan.missed', payload: { assignmentId, period } });
    await enqueue({
      recipientId,
      template: 'monthly.plan.escalated',
      payload: { assignmentId, period, level: level + 1 },
    });
  }
}

describe('the notification dispatcher in a burst', () => {
  it('plans a batch in one round: each person told each notice once per channel, the repeats adding nothing', async () => {
    const ids = await assignments('batch', 3);
    for (const [i, id] of ids.entries()) {
      const assignment = await db.prisma.assignment.findUniqueOrThrow({ where: { id } });
      await missedMonth(id, assignment.officialId, i);
    }
    // A message to nobody known is settled at once; one to the area's committee, twice (the same notice).
    const { areaId } = await db.prisma.user.findFirstOrThrow({
      where: { active: true, areaId: { not: null }, roles: { some: { role: 'AREA_COMMITTEE' } } },
      select: { areaId: true },
    });
    await db.prisma.outboxMessage.create({
      data: {
        idempotencyKey: 'batch-nobody',
        recipientId: 'no-such-official',
        template: 'assignment.approved',
        payload: { assignmentId: ids[0] },
        createdAt: new Date(),
      },
    });
    for (const key of ['batch-committee-1', 'batch-committee-2'])
      await db.prisma.outboxMessage.create({
        data: {
          idempotencyKey: key,
          recipientRole: 'AREA_COMMITTEE',
          template: 'monthly.plan.escalated',
          payload: { assignmentId: ids[0], areaId, period: 'committee', level: 2 },
          createdAt: new Date(),
        },
      });
    const log: string[] = [];
    const dispatcher = new NotificationDispatcher(db.prisma, { compose, log: (line) => log.push(line) });

    expect(await dispatcher.planWaiting()).toBe(3 * 6 + 3);
    // One batch, written at once: no fall-back to planning the messages one at a time.
    expect(log.filter((line) => !line.includes('has nobody to go to'))).toEqual([]);
    expect(log.filter((line) => line.includes('has nobody to go to'))).toHaveLength(1);
    expect(
      (await db.prisma.outboxMessage.findUniqueOrThrow({ where: { idempotencyKey: 'batch-nobody' } })).deliveredAt,
    ).not.toBeNull();

    const deliveries = await db.prisma.notificationDelivery.findMany({
      where: { outbox: { idempotencyKey: { startsWith: 'batch-' } } },
      include: { outbox: true },
    });
    const told = deliveries.map((d) => `${d.userId} ${d.channel} ${d.noticeKey}`);
    expect(new Set(told).size).toBe(told.length);
    const users = await db.prisma.user.findMany({ where: { officialId: { not: null } } });
    const userOf = (officialId: string) => users.find((u) => u.officialId === officialId)!.id;
    for (const id of ids) {
      const assignment = await db.prisma.assignment.findUniqueOrThrow({ where: { id } });
      const mine = deliveries.filter((d) => (d.outbox.payload as { assignmentId?: string }).assignmentId === id);
      // The official: the miss once, in the app only, though three messages carried it.
      expect(
        mine
          .filter((d) => d.userId === userOf(assignment.officialId) && d.template === 'monthly.plan.missed')
          .map((d) => d.channel),
      ).toEqual(['IN_APP']);
      // Each rung of the chain: its escalation in the app and by e-mail, once.
      for (const officialId of [people.group.leader.id, people.leaders[0]!.id, people.headOfBoard.id]) {
        const theirs = mine.filter(
          (d) =>
            d.userId === userOf(officialId) &&
            d.template === 'monthly.plan.escalated' &&
            d.outbox.idempotencyKey.startsWith(id),
        );
        expect(theirs.map((d) => d.channel).sort()).toEqual(['EMAIL', 'IN_APP']);
      }
    }
    const committee = await db.prisma.user.findMany({
      where: { active: true, areaId, roles: { some: { role: 'AREA_COMMITTEE' } } },
    });
    expect(committee.length).toBeGreaterThan(0);
    const committeeTold = deliveries.filter((d) => d.outbox.idempotencyKey.startsWith('batch-committee'));
    expect(committeeTold.filter((d) => d.channel === 'IN_APP')).toHaveLength(committee.length);

    // Planned again (another dispatcher, the same round): nothing waits, nothing is added.
    expect(await new NotificationDispatcher(db.prisma, { compose }).planWaiting()).toBe(0);
    expect(
      await db.prisma.notificationDelivery.count({ where: { outbox: { idempotencyKey: { startsWith: 'batch-' } } } }),
    ).toBe(deliveries.length);
  });

  it('sends several e-mails at once, two dispatchers together: each claimed and sent once, a failure retried', async () => {
    // Everything earlier delivered, so that only this burst's e-mails are due.
    await db.prisma.notificationDelivery.updateMany({
      where: { status: { in: ['PENDING', 'SENDING'] } },
      data: { status: 'DELIVERED', deliveredAt: new Date() },
    });
    const ids = await assignments('sends', 12);
    for (const [i, id] of ids.entries()) {
      const assignment = await db.prisma.assignment.findUniqueOrThrow({ where: { id } });
      await missedMonth(id, assignment.officialId, i);
    }
    const headEmail = (await db.prisma.official.findUniqueOrThrow({ where: { id: people.headOfBoard.id } })).email!;
    const one = recordingMailer(20, (to) => to === headEmail);
    const other = recordingMailer(20, (to) => to === headEmail);
    const dispatchers = [one, other].map(
      ({ mailer }) =>
        new NotificationDispatcher(db.prisma, {
          compose,
          mailer,
          sendsAtOnce: 4,
          maxAttempts: 2,
          backoffMs: () => 0,
        }),
    );
    // Several rounds of both at once, until nothing is left to send.
    for (let round = 0; round < 10; round += 1) {
      const results = await Promise.all(dispatchers.map((d) => d.tick()));
      if (results.every((r) => !r.more && r.sent + r.failed === 0)) break;
    }

    const emails = await db.prisma.notificationDelivery.findMany({
      where: { channel: 'EMAIL', outbox: { idempotencyKey: { startsWith: 'sends-' } } },
    });
    // Per assignment: the group leader's, the leader's and the head's escalations (misses are in the app only).
    expect(emails).toHaveLength(12 * 3);
    const sent = [...one.sent, ...other.sent].map((m) => m.messageId);
    const delivered = emails.filter((d) => d.status === 'DELIVERED');
    expect(delivered).toHaveLength(12 * 2);
    expect([...sent].sort()).toEqual(delivered.map((d) => `<${d.id}@dia-ban>`).sort());
    // The head's mailbox refuses: each of those tried twice (the count kept across the claims), then FAILED.
    const failed = emails.filter((d) => d.address === headEmail);
    expect(failed).toHaveLength(12);
    expect(failed.map((d) => [d.status, d.attempts])).toEqual(failed.map(() => ['FAILED', 2]));
    // Both dispatchers sent, each several at once, never more than it may.
    expect(one.sent.length).toBeGreaterThan(0);
    expect(other.sent.length).toBeGreaterThan(0);
    expect(Math.max(one.state.peak, other.state.peak)).toBe(4);
  });
});
