import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf, startOfDay } from '../../machines/calendar';
import { quarterBounds, quarterOf } from '../../machines/meeting-policy';
import { groupSessionsWorkflow, groupSessionsWorkflowId } from '../../workflows/group-sessions.workflow';
import { recordHistories } from '../support/histories';
import { type LifecycleHarness, startLifecycleHarness } from '../support/lifecycle-harness';

const HOUR_MS = 60 * 60 * 1000;

describe("the group's sessions (Đ7.B.2; seed 002: quarterly)", () => {
  let h: LifecycleHarness;
  beforeAll(async () => {
    h = await startLifecycleHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('a quarter without a group session is flagged to the group leader; a group that met is not', async () => {
    const quarter = quarterOf(dayOf(h.startedAt));
    const met = h.people.group.id;
    const group = await h.db.prisma.monitoringGroup.findFirstOrThrow({
      where: { id: { not: met } },
      orderBy: { name: 'asc' },
    });
    const silent = group.id;
    const silentLeader = await h.db.prisma.groupMembership.findFirstOrThrow({
      where: { groupId: silent, isLeader: true, until: null },
    });
    await h.db.prisma.groupSession.create({
      data: {
        id: 'session-1',
        groupId: met,
        heldOn: dayOf(h.startedAt),
        quarter,
        presentIds: JSON.stringify([h.people.group.leader.id, h.people.group.member.id]),
        matters: 'Kiến nghị của các địa bàn về quy trình nhân sự',
        conclusions: 'Thống nhất hướng dẫn',
        tasks: '[]',
        recordedById: h.people.group.leader.id,
        recordedAt: new Date(h.startedAt),
      },
    });
    for (const groupId of [met, silent]) {
      await h.client.workflow.start(groupSessionsWorkflow, {
        taskQueue: h.taskQueue,
        workflowId: groupSessionsWorkflowId(groupId),
        args: [{ groupId, quarter, minimumPerQuarter: 1 }],
      });
    }
    const quarterEnds = startOfDay(quarterBounds(quarter).next);
    await h.sleepUntil(quarterEnds + HOUR_MS);
    await expect
      .poll(() => h.db.prisma.groupQuarterFlag.count({ where: { groupId: silent, quarter } }), { timeout: 20_000 })
      .toBe(1);
    expect(await h.db.prisma.groupQuarterFlag.count({ where: { groupId: met } })).toBe(0);
    const flag = await h.db.prisma.groupQuarterFlag.findUniqueOrThrow({
      where: { groupId_quarter: { groupId: silent, quarter } },
    });
    expect(flag.leaderId).toBe(silentLeader.officialId);
    expect(flag.flaggedAt.getTime()).toBeGreaterThanOrEqual(quarterEnds);
    const notice = await h.db.prisma.outboxMessage.findFirstOrThrow({ where: { template: 'group.quarter.noSession' } });
    expect(notice).toMatchObject({ recipientId: silentLeader.officialId });
    expect(notice.payload).toEqual({ groupId: silent, quarter });
    const audit = await h.db.prisma.auditEvent.findFirstOrThrow({ where: { action: 'GROUP_QUARTER_WITHOUT_SESSION' } });
    expect(audit).toMatchObject({ entityId: silent, actorId: 'system' });
    await recordHistories(h.client, 'group-sessions-quarter', [groupSessionsWorkflowId(silent)]);
  });
});
