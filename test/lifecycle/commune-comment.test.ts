/**
 * The commune committee's year-end comment form on the agency leader who monitors it, on the time-skipping server from
 * any day of the year: a version of the second programme in force from the suite's first day asks for the form the day
 * after; both communes' committees are asked and reminded; one sends its form with a request for another monitor (the
 * committee of another commune is refused first), the other's form goes missing and is escalated to the Standing
 * Committee's members, then that committee says it cannot comment, with a reason. Every step's audit row names the
 * version. Recorded (RECORD_HISTORIES=1) in test/histories/commune-comment.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayOf, endOfDay, startOfDay, WorkingCalendar } from '../../machines/calendar';
import { DEFAULT_COMMENT_CRITERIA } from '../../machines/commune-comment';
import { PolicySchema } from '../../machines/policy';
import { seedDemoMap, unitId } from '../../prisma/demo/map-2025';
import { PROGRAMME_26_FIRST_VERSION, PROGRAMME_26_ID, seedProgramme26 } from '../../prisma/demo/programme-26';
import { statutoryDaysOff } from '../../activities/vietnam-holidays';
import {
  commentStateQuery,
  communeCommentId,
  communeCommentWorkflowId,
  exemptCommentUpdate,
  submitCommentUpdate,
} from '../../workflows/commune-comment.messages';
import { communeCommentWorkflow } from '../../workflows/commune-comment.workflow';
import { historiesDir } from '../support/histories';
import { type LifecycleHarness, startLifecycleHarness } from '../support/lifecycle-harness';

const HOUR = 3_600_000;

/** The year's runs (each went on as new), saved when RECORD_HISTORIES=1 for the replay suite. */
async function recordFirstRuns(h: LifecycleHarness, handles: { workflowId: string; firstExecutionRunId: string }[]) {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const dir = join(historiesDir, 'commune-comment');
  mkdirSync(dir, { recursive: true });
  for (const { workflowId, firstExecutionRunId } of handles) {
    const history = await h.client.workflow.getHandle(workflowId, firstExecutionRunId).fetchHistory();
    writeFileSync(join(dir, `${workflowId}.json`), historyToJSON(history));
  }
}
const VERSION = 'test.comment-1';
const COMMENT = { dueWorkingDaysAfterRequest: 5, reminderWorkingDaysBefore: 2, escalateAfterWorkingDays: 3 };

describe("the commune committee's comment form, request to escalation", () => {
  let h: LifecycleHarness;
  beforeAll(async () => {
    h = await startLifecycleHarness();
    await seedDemoMap(h.db.prisma);
    await seedProgramme26(h.db.prisma);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('asks, reminds, takes a form asking for another monitor, escalates a missing one, then takes its exemption', async () => {
    const { prisma } = h.db;
    const today = dayOf(h.startedAt);
    const year = Number(today.slice(0, 4));
    const requestDay = addDays(today, 1);
    const admin = await prisma.user.findUniqueOrThrow({ where: { username: 'admin' } });
    const policy = PolicySchema.parse({
      ...PROGRAMME_26_FIRST_VERSION,
      version: VERSION,
      yearly: { ...PROGRAMME_26_FIRST_VERSION.yearly!, comment: { requestOn: requestDay.slice(5), ...COMMENT } },
    });
    await prisma.programmeVersion.create({
      data: { programmeId: PROGRAMME_26_ID, label: VERSION, policy, effectiveFrom: today, publishedById: admin.id },
    });
    const links = await prisma.agencyLeaderArea.findMany({
      where: { programmeId: PROGRAMME_26_ID, areaId: { in: [unitId('16732'), unitId('17110')] } },
      orderBy: { areaId: 'asc' },
      select: { id: true, areaId: true, memberId: true },
    });
    expect(links).toHaveLength(2);
    const [sent, missing] = links as [(typeof links)[number], (typeof links)[number]];
    const committeeOf = async (areaId: string) => {
      const user = await prisma.user.findFirstOrThrow({
        where: { areaId, roles: { some: { role: 'AREA_COMMITTEE' } } },
      });
      return { id: user.id, roles: ['AREA_COMMITTEE' as const], areaId };
    };
    const handles = await Promise.all(
      links.map((link) =>
        h.client.workflow.start(communeCommentWorkflow, {
          taskQueue: h.taskQueue,
          workflowId: communeCommentWorkflowId(link.id),
          args: [{ linkId: link.id, year }],
        }),
      ),
    );
    const [sentHandle, missingHandle] = handles as [(typeof handles)[number], (typeof handles)[number]];
    const rowOf = (linkId: string) =>
      prisma.communeComment.findUnique({ where: { id: communeCommentId(linkId, year) } });

    // Before the request day nothing is open: a form is refused, and no row exists.
    const early = await sentHandle.query(commentStateQuery);
    expect(early).toMatchObject({ state: 'WAITING', allowedEvents: [] });

    await h.sleepUntil(startOfDay(requestDay) + HOUR);
    await expect.poll(async () => (await rowOf(missing.id))?.state, { timeout: 20_000 }).toBe('REQUESTED');
    const view = await sentHandle.query(commentStateQuery);
    expect(view).toMatchObject({ state: 'REQUESTED', policyVersion: VERSION, requestOn: requestDay });
    const dueDay = dayOf(Date.parse(view.dueAt!));
    const calendar = new WorkingCalendar(statutoryDaysOff(year, year + 1));
    expect(dueDay).toBe(calendar.addWorkingDays(requestDay, COMMENT.dueWorkingDaysAfterRequest));

    const requested = await prisma.outboxMessage.findMany({ where: { template: 'communeComment.requested' } });
    expect(requested.map((m) => m.recipientRole)).toEqual(['AREA_COMMITTEE', 'AREA_COMMITTEE']);

    // The reminder, for both: the committees' days are the version's.
    const reminderDay = calendar.subtractWorkingDays(dueDay, COMMENT.reminderWorkingDaysBefore);
    await h.sleepUntil(endOfDay(reminderDay) + HOUR);
    await expect
      .poll(async () => [(await rowOf(sent.id))?.remindedAt, (await rowOf(missing.id))?.remindedAt].every(Boolean), {
        timeout: 20_000,
      })
      .toBe(true);

    // Another commune's committee may not send this one's form (422 naming the rule); its own committee does.
    const answers = DEFAULT_COMMENT_CRITERIA.map((c) => ({ key: c.key, text: `Nhận xét: ${c.label}` }));
    const form = {
      level: 'COMPLETED' as const,
      criteria: answers,
      overall: 'Đồng chí ít về cơ sở trong năm.',
      anotherMonitor: { reason: 'Đồng chí chuyển công tác, ít có điều kiện theo dõi xã.' },
    };
    const stranger = await committeeOf(missing.areaId);
    const refused = await sentHandle
      .executeUpdate(submitCommentUpdate, { args: [{ actor: stranger, form }] })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WorkflowUpdateFailedError);
    expect((refused as WorkflowUpdateFailedError).cause).toMatchObject({ type: 'RuleViolated' });
    expect((refused as WorkflowUpdateFailedError).cause?.message).toContain("Only the commune's own Party committee");
    const own = await committeeOf(sent.areaId);
    const afterSubmit = await sentHandle.executeUpdate(submitCommentUpdate, { args: [{ actor: own, form }] });
    expect(afterSubmit).toMatchObject({ state: 'SUBMITTED', allowedEvents: [] });
    // The year settled, the run goes on as new with the next year, waiting for its request day.
    await expect.poll(async () => (await sentHandle.query(commentStateQuery)).year, { timeout: 20_000 }).toBe(year + 1);
    expect(await sentHandle.query(commentStateQuery)).toMatchObject({ state: 'WAITING', allowedEvents: [] });
    expect(await rowOf(sent.id)).toMatchObject({
      state: 'SUBMITTED',
      level: 'COMPLETED',
      requestsAnotherMonitor: true,
      anotherMonitorReason: form.anotherMonitor.reason,
      submittedById: own.id,
      policyVersion: VERSION,
    });

    // The other form is missed, then escalated to the Standing Committee's members.
    const escalationDay = calendar.addWorkingDays(dueDay, COMMENT.escalateAfterWorkingDays);
    await h.sleepUntil(endOfDay(escalationDay) + HOUR);
    await expect.poll(async () => (await rowOf(missing.id))?.state, { timeout: 20_000 }).toBe('ESCALATED');
    const escalated = await prisma.outboxMessage.findMany({ where: { template: 'communeComment.escalated' } });
    expect(escalated.map((m) => m.recipientRole)).toEqual(['STANDING_COMMITTEE_MEMBER']);
    expect((await rowOf(missing.id))?.missedAt).not.toBeNull();

    // Late, its committee says it cannot comment, with a reason.
    const reason = 'Đồng chí mới được phân công theo dõi xã chưa đủ 6 tháng.';
    await missingHandle.executeUpdate(exemptCommentUpdate, {
      args: [{ actor: await committeeOf(missing.areaId), exemption: { reason } }],
    });
    await expect
      .poll(async () => (await missingHandle.query(commentStateQuery)).year, { timeout: 20_000 })
      .toBe(year + 1);
    expect(await rowOf(missing.id)).toMatchObject({ state: 'EXEMPTED', exemptionReason: reason });

    const audit = await prisma.auditEvent.findMany({
      where: { entityType: 'CommuneComment', entityId: communeCommentId(sent.id, year) },
      orderBy: { seq: 'asc' },
    });
    expect(audit.map((a) => a.action)).toEqual([
      'COMMUNE_COMMENT_REQUESTED',
      'COMMUNE_COMMENT_REMINDED',
      'COMMUNE_COMMENT_SUBMITTED',
    ]);
    for (const row of audit) expect(row.payload).toMatchObject({ policyVersion: VERSION });
    expect(audit[2]!.payload).toMatchObject({ requestsAnotherMonitor: true });
    expect(JSON.stringify(audit)).not.toContain(form.overall);

    await recordFirstRuns(h, [sentHandle, missingHandle]);
  });
});
