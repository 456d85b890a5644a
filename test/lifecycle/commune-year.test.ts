/**
 * A leader's commune under the second programme (seed 001, Quy định 26), a whole year on the time-skipping server
 * through the HTTP API: the Board's staff proposes and a Standing Committee member decides the appointment from the
 * next year's first day, which starts the link's workflows; the leader files the year's programme and the quarterly
 * reports on their days, misses the second (escalated to the agency's head, then the Standing Committee's office) and
 * files the yearly report late; the commune's committee sends its year-end comment form, asking for another monitor;
 * the agency's ratings for the year then count the filings on time, late and missing and show the form's level; the
 * committee's request is the ground of the reassignment the Standing Committee decides from the next year, which ends
 * both of the link's workflows and starts the next leader's. The comment form's first run is recorded
 * (RECORD_HISTORIES=1) in test/histories/commune-comment. From any day of the year.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommuneProposal } from '../../contracts/commune-decisions';
import type { AgencyRatings, CommuneComment } from '../../contracts/commune-comments';
import type { CommuneLinkFilings } from '../../contracts/commune-filings';
import { dayOf, endOfDay, startOfDay } from '../../machines/calendar';
import { communeCommentId, communeCommentWorkflowId, DEFAULT_COMMENT_CRITERIA } from '../../machines/commune-comment';
import { communeMonitoringWorkflowId } from '../../machines/commune-filings';
import { PolicySchema } from '../../machines/policy';
import { seedDemoMap, unitId } from '../../prisma/demo/map-2025';
import { PROGRAMME_26_FIRST_VERSION, PROGRAMME_26_ID, seedProgramme26 } from '../../prisma/demo/programme-26';
import { hashPassword } from '../../prisma/password';
import { SEEDED_USERS as U } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';
import { historiesDir } from '../support/histories';

const HOUR = 3_600_000;
const POLL = { timeout: 30_000 };
const VERSION = 'test.year-1';
/** Phạm Thị Thu Trang, deputy director of the finance department (Sở Tài chính), and her account. */
const LEADER_MEMBER = 'agency-na-stc-stc.pgd1';
const LEADER = 'stc.pgd1';
const STANDING_COMMITTEE = 'btv.01';
/** Hồ Đức Lương, deputy director of the agriculture and environment department, who follows her there. */
const NEXT_LEADER_MEMBER = 'agency-na-snnmt-snnmt.pgd2';
/** A commune no demo leader monitors, and the account of its Party committee this suite adds. */
const COMMUNE = unitId('16690');
const COMMITTEE = 'du16690';

let suite: ApiSuite | undefined;
const s = () => suite!;

beforeAll(async () => {
  suite = await startApiSuite();
  const { prisma } = s().h.db;
  await seedDemoMap(prisma);
  await seedProgramme26(prisma);
  // The programme's version from today: reports every quarter (four a year, three due in it), its other days the first
  // version's (the comment form asked on 15/11, due 20 working days later).
  const admin = await prisma.user.findUniqueOrThrow({ where: { username: 'admin' } });
  const policy = PolicySchema.parse({
    ...PROGRAMME_26_FIRST_VERSION,
    version: VERSION,
    yearly: { ...PROGRAMME_26_FIRST_VERSION.yearly!, reportEveryMonths: 3 },
  });
  await prisma.programmeVersion.create({
    data: {
      programmeId: PROGRAMME_26_ID,
      label: VERSION,
      policy,
      effectiveFrom: dayOf(Date.now()),
      publishedById: admin.id,
    },
  });
  await prisma.user.create({
    data: {
      id: `user-${COMMITTEE}`,
      username: COMMITTEE,
      passwordHash: await hashPassword(`DiaBan@${COMMITTEE}`, { memoryCost: 4_096, timeCost: 1, parallelism: 1 }),
      displayName: 'Đảng ủy xã (bộ thử)',
      areaId: COMMUNE,
      roles: { create: [{ role: 'AREA_COMMITTEE' }] },
    },
  });
});

afterAll(async () => {
  await suite?.close();
});

describe("a leader's commune under the second programme, a whole year", () => {
  it('appointment by the Standing Committee, filings on time, missed and late, the comment form, the year rated, the reassignment', async () => {
    const { h, api } = s();
    const { prisma } = h.db;
    // The API decides with the machine's day; the link starts on the first day of the year after the server's.
    const today = dayOf(Date.now());
    const year = Number(dayOf(h.startedAt).slice(0, 4)) + 1;
    const keyed = (key: string) => ({ 'idempotency-key': `commune-year-${key}` });

    // The appointment: proposed by the Board's staff, decided in the Standing Committee's register.
    const proposed = await api.call(
      'POST',
      '/commune-proposals',
      U.departmentHead,
      {
        programmeId: PROGRAMME_26_ID,
        areaId: COMMUNE,
        memberId: LEADER_MEMBER,
        reason: 'Phân công theo dõi xã',
        from: `${year}-01-01`,
      },
      keyed('proposal'),
    );
    expect(proposed.statusCode, proposed.body).toBe(201);
    const decided = await api.call(
      'POST',
      `/commune-proposals/${proposed.json<CommuneProposal>().id}/decision`,
      STANDING_COMMITTEE,
      { outcome: 'APPROVE', decision: { number: '1-QĐ/TU', issuedOn: today } },
      keyed('decision'),
    );
    expect(decided.statusCode, decided.body).toBe(200);
    const linkId = decided.json<CommuneProposal>().linkId!;
    expect(await prisma.agencyLeaderArea.findUniqueOrThrow({ where: { id: linkId } })).toMatchObject({
      memberId: LEADER_MEMBER,
      areaId: COMMUNE,
      from: `${year}-01-01`,
      until: null,
      decisionNumber: '1-QĐ/TU',
    });
    // Both of the link's workflows run, started by the approval.
    const monitoring = await h.client.workflow.getHandle(communeMonitoringWorkflowId(linkId)).describe();
    expect(monitoring.type).toBe('communeMonitoringWorkflow');
    const comments = await h.client.workflow.getHandle(communeCommentWorkflowId(linkId)).describe();
    expect(comments.type).toBe('communeCommentWorkflow');

    // The year's filings, opened by the link's workflow with the version's days.
    const filingsNow = async () =>
      (await api.call('GET', `/commune-links/${linkId}/filings`, LEADER)).json<CommuneLinkFilings>().filings;
    await expect.poll(async () => (await filingsNow()).length, POLL).toBe(5);
    const opened = await filingsNow();
    expect(opened.map((x) => `${x.kind} ${x.period} ${x.policyVersion}`).sort()).toEqual(
      [
        `PERIODIC ${year}-Q1 ${VERSION}`,
        `PERIODIC ${year}-Q2 ${VERSION}`,
        `PERIODIC ${year}-Q3 ${VERSION}`,
        `PROGRAMME ${year} ${VERSION}`,
        `YEARLY ${year} ${VERSION}`,
      ].sort(),
    );
    const dueOf = (kind: string, period: string) => opened.find((x) => x.kind === kind && x.period === period)!.dueOn;
    const file = (kind: 'programme' | 'periodic' | 'yearly', period: string) =>
      api.call(
        'POST',
        `/commune-links/${linkId}/filings/${kind}/${period}`,
        LEADER,
        { content: `${kind} ${period}` },
        keyed(`${kind}-${period}`),
      );
    const filedOnItsDay = async (kind: 'programme' | 'periodic', period: string) => {
      await h.sleepUntil(startOfDay(dueOf(kind.toUpperCase(), period)) + 9 * HOUR);
      const response = await file(kind, period);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ late: false });
    };

    await filedOnItsDay('programme', String(year));
    await filedOnItsDay('periodic', `${year}-Q1`);

    // The second quarter's report never comes: reminded, missed, escalated to the head, then the office.
    await h.sleepUntil(startOfDay(dueOf('PERIODIC', `${year}-Q3`)) - 20 * 24 * HOUR);
    await expect
      .poll(
        async () =>
          (
            await prisma.auditEvent.findMany({
              where: { entityType: 'CommuneFiling', entityId: `${linkId}/PERIODIC/${year}-Q2` },
              orderBy: { seq: 'asc' },
            })
          ).map((r) => r.action),
        POLL,
      )
      .toEqual([
        'COMMUNE_PERIODIC_DEADLINE_OPENED',
        'COMMUNE_PERIODIC_REMINDER_SENT',
        'COMMUNE_PERIODIC_DEADLINE_MISSED',
        'COMMUNE_PERIODIC_ESCALATED',
        'COMMUNE_PERIODIC_ESCALATED',
      ]);

    await filedOnItsDay('periodic', `${year}-Q3`);

    // The commune's committee is asked for its form on the version's day and sends it, asking for another monitor.
    const commentId = communeCommentId(linkId, year);
    await h.sleepUntil(startOfDay(`${year}-11-15`) + 9 * HOUR);
    await expect
      .poll(async () => (await prisma.communeComment.findUnique({ where: { id: commentId } }))?.state, POLL)
      .toBe('REQUESTED');
    const form = {
      level: 'GOOD',
      criteria: DEFAULT_COMMENT_CRITERIA.map((c) => ({ key: c.key, text: `Nhận xét: ${c.label}` })),
      overall: 'Đồng chí nắm chắc tình hình cơ sở, nhưng ít về xã trong quý hai.',
      anotherMonitor: { reason: 'Đồng chí được giao thêm nhiệm vụ, ít có điều kiện về xã.' },
    };
    const sent = await api.call('POST', `/commune-comments/${commentId}/submission`, COMMITTEE, form, keyed('comment'));
    expect(sent.statusCode, sent.body).toBe(200);
    expect(sent.json<CommuneComment>()).toMatchObject({ state: 'SUBMITTED', level: 'GOOD', late: false });

    // The yearly report comes the morning after its day: missed first, then filed late.
    const yearly = dueOf('YEARLY', String(year));
    await h.sleepUntil(endOfDay(yearly) + 10 * HOUR);
    await expect.poll(async () => (await filingsNow()).find((x) => x.kind === 'YEARLY')?.status, POLL).toBe('MISSED');
    const late = await file('yearly', String(year));
    expect(late.statusCode, late.body).toBe(200);
    expect(late.json()).toMatchObject({ late: true });

    // The year's results, as the Standing Committee rates the agency's leaders on them.
    const rated = await api.call('GET', `/agencies/agency-na-stc/ratings?year=${year}`, STANDING_COMMITTEE);
    expect(rated.statusCode, rated.body).toBe(200);
    const leader = rated.json<AgencyRatings>().leaders.find((l) => l.memberId === LEADER_MEMBER)!;
    const commune = leader.communes.find((c) => c.linkId === linkId);
    expect(commune).toMatchObject({
      areaId: COMMUNE,
      filings: { onTime: 3, late: 1, missing: 1 },
      comment: { id: commentId, state: 'SUBMITTED', level: 'GOOD', late: false, requestsAnotherMonitor: true },
    });
    // Her other commune (the demo's, whose workflows this suite never started) has no filings on record.
    expect(leader.totals).toMatchObject({
      communes: 2,
      filings: { onTime: 3, late: 1, missing: 1 },
      levels: { EXCELLENT: 0, GOOD: 1, COMPLETED: 0, NOT_COMPLETED: 0 },
      requestsAnotherMonitor: 1,
    });

    // The committee's request is the ground of the Standing Committee's reassignment from the next year: the link ends
    // on the year's last day, its workflows told so (the comment forms' next run, waiting for its day, stops at once;
    // the filings' run at the year's end), and the leader who follows has hers started.
    const reassignment = await api.call(
      'POST',
      `/commune-links/${linkId}/reassignment`,
      U.departmentHead,
      {
        memberId: NEXT_LEADER_MEMBER,
        ground: 'COMMUNE_REQUEST',
        groundCommentId: commentId,
        reason: 'Đảng ủy xã đề nghị thay cán bộ theo dõi',
        from: `${year + 1}-01-01`,
      },
      keyed('reassignment'),
    );
    expect(reassignment.statusCode, reassignment.body).toBe(201);
    const reassigned = await api.call(
      'POST',
      `/commune-proposals/${reassignment.json<CommuneProposal>().id}/decision`,
      STANDING_COMMITTEE,
      { outcome: 'APPROVE', decision: { number: '2-QĐ/TU', issuedOn: today } },
      keyed('reassignment-decision'),
    );
    expect(reassigned.statusCode, reassigned.body).toBe(200);
    expect(await prisma.agencyLeaderArea.findUniqueOrThrow({ where: { id: linkId } })).toMatchObject({
      until: `${year}-12-31`,
    });
    const nextLinkId = reassigned.json<CommuneProposal>().linkId!;
    const status = async (workflowId: string) => (await h.client.workflow.getHandle(workflowId).describe()).status.name;
    await expect.poll(() => status(communeCommentWorkflowId(linkId)), POLL).toBe('COMPLETED');
    expect(await status(communeMonitoringWorkflowId(linkId))).toBe('RUNNING');
    await h.sleepUntil(startOfDay(`${year + 1}-01-02`) + 9 * HOUR);
    await expect.poll(() => status(communeMonitoringWorkflowId(linkId)), POLL).toBe('COMPLETED');
    expect(await status(communeMonitoringWorkflowId(nextLinkId))).toBe('RUNNING');
    expect(await status(communeCommentWorkflowId(nextLinkId))).toBe('RUNNING');

    if (process.env.RECORD_HISTORIES === '1') {
      const dir = join(historiesDir, 'commune-comment');
      mkdirSync(dir, { recursive: true });
      const history = await h.client.workflow.getHandle(comments.workflowId, comments.runId).fetchHistory();
      writeFileSync(join(dir, 'commune-year.json'), historyToJSON(history));
    }
  });
});
