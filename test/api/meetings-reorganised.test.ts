/**
 * Meetings of a unit that ceases, over HTTP (real time-skipping Temporal server, real worker, fresh seeded database):
 * communes A and B are merged into C from a day three weeks ahead. From the moment the merger is recorded, an
 * invitation of A for its effective day or later, and a move of A's meeting to such a day, are refused with 422
 * AREA_CEASES naming the effective day and the successor, before anything reaches a workflow (no meeting recorded, the
 * moved meeting unchanged, no update in its history); A's last day still takes a meeting. An invitation of C for a day
 * before its first is refused with 422 AREA_NOT_YET_IN_FORCE naming that day, likewise before any workflow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, dayOf, startOfDay } from '../../machines/calendar';
import { meetingWorkflowId } from '../../workflows/meeting.messages';
import { type ApiResponse, apiClient, errorOf, SEEDED_USERS as U } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';
import { startActiveAssignment } from '../support/assignments';
import { asOfficial, expectStatus, USERS } from '../support/confidential-reads';
import type { LifecycleHarness } from '../support/lifecycle-harness';

const HOUR_MS = 60 * 60 * 1000;
let h: LifecycleHarness;
let suite: ApiSuite | undefined;
let api: ReturnType<typeof apiClient>;

let areaA: string;
let successor: { id: string; name: string };
let effectiveOn: string;
let meetingId: string;
let today: string;
/** 09:00 in Vietnam on a day. */
const nineOn = (day: string) => new Date(startOfDay(day) + 9 * HOUR_MS).toISOString();
const invitation = (day: string) => ({
  areaId: areaA,
  body: 'BTV',
  startsAt: nineOn(day),
  place: 'Hội trường Đảng ủy xã',
  agenda: 'Chuẩn bị sáp nhập',
  invitedId: 'official-cb-003',
});

function expectCeases(response: ApiResponse, day: string) {
  expectStatus(response, 422);
  const error = errorOf(response);
  expect(error).toMatchObject({ code: 'RuleViolated', rule: 'AREA_CEASES', effectiveOn, successors: [successor] });
  expect(error.message).toContain(effectiveOn);
  expect(error.message).toContain(successor.name);
  expect(error.message).toContain(day);
}

beforeAll(async () => {
  suite = await startApiSuite();
  ({ h, api } = suite);
  const commune = async (code: string, officialCode: string, name: string) => {
    const created = await api.call('POST', '/areas', U.admin, {
      code,
      officialCode,
      name,
      level: 'COMMUNE',
      kind: 'COMMUNE',
      validFrom: '2020-01-01',
    });
    expectStatus(created, 201);
    return created.json<{ id: string }>().id;
  };
  areaA = await commune('RM-A', '98201', 'Xã Thanh Hòa');
  const areaB = await commune('RM-B', '98202', 'Xã Thanh Lương');
  ({ today } = await startActiveAssignment(h, {
    assignmentId: 'rm-assignment-a',
    areaId: areaA,
    official: asOfficial('cb-003'),
    proposedBy: h.people.departmentHead,
  }));
  effectiveOn = addDays(today, 21);
  // A meeting of A before the merger is recorded, a week ahead.
  const recorded = await api.call('POST', '/meetings', USERS.official, invitation(addDays(today, 7)));
  expectStatus(recorded, 201);
  meetingId = recorded.json<{ meetingId: string }>().meetingId;
  const merger = await api.call('POST', '/reorganisations', U.admin, {
    kind: 'MERGE',
    legalBasis: { number: '1702/NQ-UBTVQH15-rm', date: today },
    effectiveOn,
    predecessors: [{ areaId: areaA }, { areaId: areaB }],
    successors: [
      { code: 'RM-C', officialCode: '98203', name: 'Xã Thanh Chương Mới', level: 'COMMUNE', kind: 'COMMUNE' },
    ],
  });
  expectStatus(merger, 201);
  const c = await h.db.prisma.area.findUniqueOrThrow({ where: { code: 'RM-C' } });
  successor = { id: c.id, name: 'Xã Thanh Chương Mới' };
});

afterAll(async () => {
  await suite?.close();
});

describe('meetings of a unit that ceases', () => {
  it('refuses an invitation for the effective day or after (AREA_CEASES), recording nothing; the last day still takes one', async () => {
    const meetings = await h.db.prisma.meeting.count();
    for (const day of [effectiveOn, addDays(effectiveOn, 10)]) {
      expectCeases(await api.call('POST', '/meetings', USERS.official, invitation(day)), day);
    }
    expect(await h.db.prisma.meeting.count()).toBe(meetings);
    const lastDay = addDays(effectiveOn, -1);
    const onLastDay = await api.call('POST', '/meetings', USERS.official, invitation(lastDay));
    expectStatus(onLastDay, 201);
    const held = await h.db.prisma.meeting.findUniqueOrThrow({
      where: { id: onLastDay.json<{ meetingId: string }>().meetingId },
    });
    expect(dayOf(held.startsAt.getTime())).toBe(lastDay);
  });

  it('refuses moving a meeting to the effective day or after, before the update reaches the workflow; a move before it is taken', async () => {
    const before = await h.db.prisma.meeting.findUniqueOrThrow({ where: { id: meetingId } });
    const day = addDays(effectiveOn, 2);
    const url = `/meetings/${meetingId}/move`;
    expectCeases(await api.call('POST', url, USERS.official, { startsAt: nineOn(day), reason: 'Đổi lịch' }), day);
    const after = await h.db.prisma.meeting.findUniqueOrThrow({ where: { id: meetingId } });
    expect(after.startsAt).toEqual(before.startsAt);
    const history = await h.client.workflow.getHandle(meetingWorkflowId(meetingId)).fetchHistory();
    expect(history.events?.filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes) ?? []).toEqual([]);

    const lastDay = addDays(effectiveOn, -1);
    const moved = await api.call('POST', url, USERS.official, {
      startsAt: nineOn(lastDay),
      reason: 'Họp trước ngày sáp nhập',
    });
    expectStatus(moved, 200);
    const row = await h.db.prisma.meeting.findUniqueOrThrow({ where: { id: meetingId } });
    expect(dayOf(row.startsAt.getTime())).toBe(lastDay);
  });

  it('refuses an invitation of the new unit for a day before its first (AREA_NOT_YET_IN_FORCE, naming the day), recording nothing; its first day is not refused so', async () => {
    const meetings = await h.db.prisma.meeting.count();
    for (const day of [addDays(today, 3), addDays(effectiveOn, -1)]) {
      const refused = await api.call('POST', '/meetings', USERS.official, { ...invitation(day), areaId: successor.id });
      expectStatus(refused, 422);
      const error = errorOf(refused);
      expect(error).toMatchObject({
        code: 'RuleViolated',
        rule: 'AREA_NOT_YET_IN_FORCE',
        field: 'startsAt',
        areaId: successor.id,
        firstDay: effectiveOn,
      });
      expect(error.message).toContain(effectiveOn);
      expect(error.message).toContain(day);
    }
    expect(await h.db.prisma.meeting.count()).toBe(meetings);
    // From its first day the unit's meetings are for the other rules to judge (here: no one monitors it yet).
    const onFirstDay = await api.call('POST', '/meetings', USERS.official, {
      ...invitation(effectiveOn),
      areaId: successor.id,
    });
    if (onFirstDay.statusCode === 422) expect(errorOf(onFirstDay).rule).not.toBe('AREA_NOT_YET_IN_FORCE');
  });
});
