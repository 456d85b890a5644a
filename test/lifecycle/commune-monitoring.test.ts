/**
 * A leader's commune under a programme with a yearly cadence, a whole year on the time-skipping server: the year's
 * monitoring programme filed on time, the first quarter's report filed, the second missed (the leader reminded and
 * told, then the agency's head, then the Standing Committee's office), the yearly report filed late; every step's
 * audit row names the version. The year's run continues as new into the next, which the link's end stops. Recorded
 * (RECORD_HISTORIES=1) in test/histories/commune-monitoring. From any day of the year.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCommuneLinkWorkflows } from '../../activities/commune-links';
import { NotificationDispatcher } from '../../activities/notification-dispatcher';
import { composeNoticeMail } from '../../labels/notifications';
import { dayOf, endOfDay, startOfDay } from '../../machines/calendar';
import {
  communeLinkEndedSignal,
  communeMonitoringStateQuery,
  communeMonitoringWorkflowId,
  fileCommuneFilingUpdate,
} from '../../workflows/commune-monitoring.messages';
import { createCommuneLinks, type CommuneLinkFixture } from '../support/commune-link';
import { historiesDir } from '../support/histories';
import { type LifecycleHarness, startLifecycleHarness } from '../support/lifecycle-harness';

const HOUR = 3_600_000;
const POLL = { timeout: 30_000 };

describe("a leader's commune: a year of filings", () => {
  let h: LifecycleHarness;
  let f: CommuneLinkFixture;
  beforeAll(async () => {
    h = await startLifecycleHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('programme on time, a report missed and escalated to the head then the Standing Committee, yearly report late', async () => {
    const year = Number(dayOf(h.startedAt).slice(0, 4)) + 1;
    f = await createCommuneLinks(h.db.prisma, {
      tag: 'year',
      from: `${year}-01-01`,
      areaIds: [h.people.areas[3]!.id, h.people.areas[4]!.id],
      publishedById: h.people.leaders[0]!.id,
    });
    const temporal = { client: h.client, taskQueue: h.taskQueue };
    const link = { id: f.linkId, from: `${year}-01-01` };
    const first = await startCommuneLinkWorkflows(temporal, [link], dayOf(h.startedAt));
    expect(first.started).toBeGreaterThanOrEqual(1);
    // Idempotent: the ids are the link's.
    expect(await startCommuneLinkWorkflows(temporal, [link], dayOf(h.startedAt))).toEqual({
      started: 0,
      alreadyStarted: first.started,
    });
    const handle = h.client.workflow.getHandle(communeMonitoringWorkflowId(f.linkId));
    const firstRunId = (await handle.describe()).runId;

    const view = await expect
      .poll(() => handle.query(communeMonitoringStateQuery), POLL)
      .toSatisfy((v: { filings: unknown[] }) => v.filings.length === 5)
      .then(() => handle.query(communeMonitoringStateQuery));
    expect(view.policyVersion?.label).toBe('test.other-1');
    expect(view.filings.map((x) => `${x.kind} ${x.period}`)).toEqual([
      `PROGRAMME ${year}`,
      `PERIODIC ${year}-Q1`,
      `PERIODIC ${year}-Q2`,
      `PERIODIC ${year}-Q3`,
      `YEARLY ${year}`,
    ]);
    const dueOf = (kind: string, period: string) =>
      view.filings.find((x) => x.kind === kind && x.period === period)!.dueOn;
    const leader = { id: f.leaderUserId, roles: ['AGENCY_LEADER' as const] };
    const file = (kind: 'PROGRAMME' | 'PERIODIC' | 'YEARLY', period: string) =>
      handle.executeUpdate(fileCommuneFilingUpdate, {
        args: [{ actor: leader, kind, period, content: `${kind} ${period}` }],
      });

    // Another leader may not file for this commune.
    await expect(
      handle
        .executeUpdate(fileCommuneFilingUpdate, {
          args: [
            {
              actor: { id: f.otherLeaderUserId, roles: ['AGENCY_LEADER'] },
              kind: 'PROGRAMME',
              period: String(year),
              content: 'x',
            },
          ],
        })
        .then(
          () => 'accepted',
          (e: { cause?: { message?: string } }) => e.cause?.message,
        ),
    ).resolves.toMatch(/Only the leader/);

    await h.sleepUntil(startOfDay(dueOf('PROGRAMME', String(year))) + 9 * HOUR);
    expect(await file('PROGRAMME', String(year))).toMatchObject({ late: false });
    await h.sleepUntil(startOfDay(dueOf('PERIODIC', `${year}-Q1`)) + 9 * HOUR);
    expect(await file('PERIODIC', `${year}-Q1`)).toMatchObject({ late: false });
    // Filed twice: refused.
    await expect(
      file('PERIODIC', `${year}-Q1`).then(
        () => 'accepted',
        (e: { cause?: { message?: string } }) => e.cause?.message,
      ),
    ).resolves.toMatch(/filed already/);

    // The second quarter's report never comes: past the Standing Committee's escalation.
    const q2 = dueOf('PERIODIC', `${year}-Q2`);
    const q3 = dueOf('PERIODIC', `${year}-Q3`);
    await h.sleepUntil(startOfDay(q3) - 20 * 24 * HOUR);
    const q2Rows = () =>
      h.db.prisma.auditEvent.findMany({
        where: { entityType: 'CommuneFiling', entityId: `${f.linkId}/PERIODIC/${year}-Q2` },
        orderBy: { seq: 'asc' },
      });
    await expect
      .poll(async () => (await q2Rows()).map((r) => r.action), POLL)
      .toEqual([
        'COMMUNE_PERIODIC_DEADLINE_OPENED',
        'COMMUNE_PERIODIC_REMINDER_SENT',
        'COMMUNE_PERIODIC_DEADLINE_MISSED',
        'COMMUNE_PERIODIC_ESCALATED',
        'COMMUNE_PERIODIC_ESCALATED',
      ]);
    const rows = await q2Rows();
    for (const row of rows)
      expect((row.payload as { policyVersion?: { label: string } }).policyVersion?.label).toBe('test.other-1');
    expect(rows.slice(3).map((r) => (r.payload as { change: { level: number } }).change.level)).toEqual([1, 2]);
    const outbox = await h.db.prisma.outboxMessage.findMany({
      where: { idempotencyKey: { in: rows.map((r) => `${r.idempotencyKey}#n0`) } },
      orderBy: { createdAt: 'asc' },
    });
    expect(outbox.map((m) => `${m.template} ${m.recipientRole}`)).toEqual([
      'communeFiling.reminder AGENCY_LEADER',
      'communeFiling.missed AGENCY_LEADER',
      'communeFiling.escalated AGENCY_HEAD',
      'communeFiling.escalated STANDING_COMMITTEE_MEMBER',
    ]);
    // Delivered in the app to the link's leader, then the agency's head, then the Standing Committee's member.
    await new NotificationDispatcher(h.db.prisma, { compose: composeNoticeMail('http://dia-ban.test') }).planWaiting();
    const inApp = await h.db.prisma.notificationDelivery.findMany({
      where: { outboxId: { in: outbox.map((m) => m.id) }, channel: 'IN_APP' },
    });
    const toWhom = (template: string, role: string) =>
      inApp
        .filter((d) => d.outboxId === outbox.find((m) => m.template === template && m.recipientRole === role)?.id)
        .map((d) => d.userId);
    expect(toWhom('communeFiling.missed', 'AGENCY_LEADER')).toEqual([f.leaderUserId]);
    expect(toWhom('communeFiling.escalated', 'AGENCY_HEAD')).toEqual([f.headUserId]);
    expect(toWhom('communeFiling.escalated', 'STANDING_COMMITTEE_MEMBER')).toContain(f.standingCommitteeUserId);
    // The head hears on its day, the office later, each at the end of a working day after the report's.
    expect(rows[3]!.at.getTime()).toBeGreaterThan(endOfDay(q2));
    expect(rows[4]!.at.getTime()).toBeGreaterThan(rows[3]!.at.getTime());
    expect(
      await h.db.prisma.communeFiling.findUniqueOrThrow({
        where: { linkId_kind_period: { linkId: f.linkId, kind: 'PERIODIC', period: `${year}-Q2` } },
      }),
    ).toMatchObject({ status: 'MISSED', escalationLevel: 2, policyVersion: 'test.other-1' });

    expect(await file('PERIODIC', `${year}-Q3`)).toMatchObject({ late: false });

    // The yearly report comes the morning after its day: late, and counted so.
    const yearly = dueOf('YEARLY', String(year));
    await h.sleepUntil(endOfDay(yearly) + 10 * HOUR);
    await expect
      .poll(
        () =>
          h.db.prisma.communeFiling
            .findUniqueOrThrow({
              where: { linkId_kind_period: { linkId: f.linkId, kind: 'YEARLY', period: String(year) } },
            })
            .then((r) => r.status),
        POLL,
      )
      .toBe('MISSED');
    expect(await file('YEARLY', String(year))).toMatchObject({ late: true });
    const filings = await h.db.prisma.communeFiling.findMany({
      where: { linkId: f.linkId },
      orderBy: { dueOn: 'asc' },
    });
    expect(filings.map((r) => `${r.kind} ${r.status}`)).toEqual([
      'PROGRAMME FILED',
      'PERIODIC FILED',
      'PERIODIC MISSED',
      'PERIODIC FILED',
      'YEARLY FILED_LATE',
    ]);
    const filedLate = await h.db.prisma.auditEvent.findFirstOrThrow({
      where: { entityId: `${f.linkId}/YEARLY/${year}`, action: 'COMMUNE_FILING_FILED_LATE' },
    });
    expect((filedLate.payload as { policyVersion: { label: string } }).policyVersion.label).toBe('test.other-1');

    // The year ends: the run continues as new into the next year, which the link's end stops.
    await h.sleepUntil(startOfDay(`${year + 1}-01-02`) + 9 * HOUR);
    await expect.poll(async () => (await handle.describe()).runId !== firstRunId, POLL).toBe(true);
    await h.db.prisma.agencyLeaderArea.update({ where: { id: f.linkId }, data: { until: `${year + 1}-01-02` } });
    await handle.signal(communeLinkEndedSignal, { until: `${year + 1}-01-02` });
    expect(await handle.result()).toEqual({ year: year + 1, ended: 'LINK_ENDED' });

    if (process.env.RECORD_HISTORIES === '1') {
      const dir = join(historiesDir, 'commune-monitoring');
      mkdirSync(dir, { recursive: true });
      const history = await h.client.workflow.getHandle(handle.workflowId, firstRunId).fetchHistory();
      writeFileSync(join(dir, 'commune-monitoring-year.json'), historyToJSON(history));
    }
  });
});
