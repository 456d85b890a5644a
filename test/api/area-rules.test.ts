/**
 * One area, one assignment at a time, over HTTP against the real workflow: an official holds at
 * most one open assignment per area (ALREADY_ASSIGNED); a further official joins an area already monitored only as a
 * member of its monitoring group (Đ2.3: "nhóm công chức ... Nhóm trưởng chịu trách nhiệm chính") or as the successor
 * of a handover, which the workflow itself starts (AREA_ALREADY_MONITORED otherwise, naming the assignment). A
 * proposal still awaiting approval holds the area; a rejected or withdrawn one gives it back.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dayOf } from '../../machines/calendar';
import type { AssignmentView } from '../../workflows/assignment.messages';
import { errorOf, SEEDED_USERS as USERS } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';

let suite: ApiSuite;
let today: string;
const call = (...args: Parameters<ApiSuite['api']['call']>) => suite.api.call(...args);

beforeAll(async () => {
  suite = await startApiSuite();
  today = dayOf(await suite.h.env.currentTimeMs());
});

afterAll(async () => {
  await suite?.close();
});

/** Board leadership proposes: the department scope (point 8) is not what these tests are about. */
const propose = (areaId: string, officialId: string, groupId?: string) =>
  call('POST', '/assignments', USERS.head, {
    areaId,
    officialId,
    ...(groupId && { groupId }),
    effectiveFrom: today,
    reason: 'Phân công theo dõi địa bàn',
  });

async function proposed(areaId: string, officialId: string, groupId?: string): Promise<string> {
  const response = await propose(areaId, officialId, groupId);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<AssignmentView>().assignmentId;
}

let decisions = 0;
async function approve(id: string, extra: Record<string, unknown> = {}): Promise<AssignmentView> {
  decisions += 1;
  const response = await call('POST', `/assignments/${id}/approve`, USERS.leader, {
    decision: { number: `${decisions}-QĐ/BTCTU/AREA-RULES`, issuedOn: today, signerId: 'official-ld-02' },
    ...extra,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<AssignmentView>();
}

function expectRefused(response: { statusCode: number; body: string; json<T>(): T }, rule: string, holder: unknown) {
  expect(response.statusCode, response.body).toBe(422);
  expect(errorOf(response)).toMatchObject({ code: 'RuleViolated', rule, assignmentId: holder });
}

describe('an official holds at most one open assignment per area (ALREADY_ASSIGNED)', () => {
  it('refuses the same official again in the area they monitor, naming the assignment', async () => {
    const first = await proposed('area-na-thaihoa', 'official-cb-012');
    await approve(first);
    expectRefused(await propose('area-na-thaihoa', 'official-cb-012'), 'ALREADY_ASSIGNED', first);
  });

  it('refuses a second proposal of the same official while the first still awaits approval', async () => {
    const pending = await proposed('area-na-concuong', 'official-cb-013');
    expectRefused(await propose('area-na-concuong', 'official-cb-013'), 'ALREADY_ASSIGNED', pending);
  });
});

describe('a further official joins a monitored area only through its monitoring group (AREA_ALREADY_MONITORED)', () => {
  it('refuses a second official in parallel, naming the assignment that monitors the area', async () => {
    const first = await proposed('area-na-sgddt', 'official-cb-015');
    await approve(first);
    const refused = await propose('area-na-sgddt', 'official-cb-022');
    expectRefused(refused, 'AREA_ALREADY_MONITORED', first);
    expect(errorOf(refused)).toMatchObject({ officialId: 'official-cb-015', path: 'areaId' });
    // Nothing was started for the refused proposal: the area still has its one assignment.
    const listed = await call('GET', '/assignments?areaId=area-na-sgddt', USERS.leader);
    expect(listed.json<{ items: { id: string }[] }>().items.map((a) => a.id)).toEqual([first]);
  });

  it('a proposal awaiting approval holds the area; once withdrawn or rejected, the area is free again', async () => {
    const pending = await proposed('area-na-dukdn', 'official-cb-021');
    expectRefused(await propose('area-na-dukdn', 'official-cb-023'), 'AREA_ALREADY_MONITORED', pending);

    const withdrawn = await call('POST', `/assignments/${pending}/withdraw`, USERS.head);
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    const second = await proposed('area-na-dukdn', 'official-cb-023');

    const rejected = await call('POST', `/assignments/${second}/reject`, USERS.leader, { comment: 'Chưa phù hợp' });
    expect(rejected.statusCode, rejected.body).toBe(200);
    await proposed('area-na-dukdn', 'official-cb-021');
  });

  it("admits the members of the area's monitoring group, and only them", async () => {
    // group-02: CB-006 leads, CB-004, CB-009 and CB-018 are members (prisma/seed.ts).
    const led = await proposed('area-na-kbnn', 'official-cb-006', 'group-02');
    await approve(led);
    await proposed('area-na-kbnn', 'official-cb-004', 'group-02');
    // A member of the group who does not say so, someone outside it who names it, another group: all refused.
    expectRefused(await propose('area-na-kbnn', 'official-cb-009'), 'AREA_ALREADY_MONITORED', led);
    expectRefused(await propose('area-na-kbnn', 'official-cb-027', 'group-02'), 'AREA_ALREADY_MONITORED', led);
    expectRefused(await propose('area-na-kbnn', 'official-cb-013', 'group-04'), 'AREA_ALREADY_MONITORED', led);
    // A member already there is refused as such.
    expectRefused(await propose('area-na-kbnn', 'official-cb-004', 'group-02'), 'ALREADY_ASSIGNED', expect.any(String));
  });

  it('of two proposals sent at once for one area, exactly one is accepted', async () => {
    const answers = await Promise.all([
      propose('area-na-hlhpn', 'official-cb-019'),
      propose('area-na-hlhpn', 'official-cb-020'),
    ]);
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses, answers.map((a) => a.body).join('\n')).toEqual([201, 422]);
    const accepted = answers.find((a) => a.statusCode === 201)!.json<AssignmentView>().assignmentId;
    expectRefused(
      answers.find((a) => a.statusCode === 422)!,
      'AREA_ALREADY_MONITORED',
      accepted,
    );
  });

  it('the successor of a handover takes the area over; a further proposal for it is still refused', async () => {
    const first = await proposed('area-na-tinhdoan', 'official-cb-024');
    await approve(first);
    const reported = await call('POST', `/assignments/${first}/position-change`, USERS.leader, {
      note: 'Được bổ nhiệm Phó Trưởng phòng',
    });
    expect(reported.statusCode, reported.body).toBe(200);
    // The position change opens the system's proposal of an early reassignment; leadership names the successor.
    await vi.waitFor(
      async () => {
        const view = await call('GET', `/assignments/${first}`, USERS.leader);
        expect(view.json<{ view: AssignmentView }>().view.pendingProposal).not.toBeNull();
      },
      { timeout: 20_000, interval: 200 },
    );
    await approve(first, { successorOfficialId: 'official-cb-025' });
    const successor = await vi.waitFor(
      async () => {
        const row = await suite.h.db.prisma.assignment.findFirst({
          where: { areaId: 'area-na-tinhdoan', officialId: 'official-cb-025', state: { not: 'closed' } },
        });
        expect(row).not.toBeNull();
        return row!;
      },
      { timeout: 20_000, interval: 200 },
    );
    expect(successor.predecessorId).toBe(first);
    const refused = await propose('area-na-tinhdoan', 'official-cb-026');
    expect(refused.statusCode, refused.body).toBe(422);
    expect(errorOf(refused).rule).toBe('AREA_ALREADY_MONITORED');
    expect([first, successor.id]).toContain(errorOf(refused).assignmentId);
  });
});

describe("the rotated official's next area follows the same rules, decided with the decision", () => {
  it('refuses a decision that sends the official to an area another assignment monitors, or to no area', async () => {
    const monitored = await proposed('area-na-hoangmai', 'official-cb-016');
    await approve(monitored);
    const moving = await proposed('area-na-dienchau', 'official-cb-017');
    const decision = { number: '900-QĐ/BTCTU/AREA-RULES', issuedOn: today, signerId: 'official-ld-02' };

    const taken = await call('POST', `/assignments/${moving}/approve`, USERS.leader, {
      decision,
      officialNextAreaId: 'area-na-hoangmai',
    });
    expectRefused(taken, 'AREA_ALREADY_MONITORED', monitored);
    const nowhere = await call('POST', `/assignments/${moving}/approve`, USERS.leader, {
      decision,
      officialNextAreaId: 'area-that-does-not-exist',
    });
    expect(nowhere.statusCode, nowhere.body).toBe(400);
    expect(errorOf(nowhere)).toMatchObject({ code: 'UNKNOWN_AREA', path: 'officialNextAreaId' });
    // Neither took the decision's number nor decided anything: the proposal still awaits approval.
    const view = await call('GET', `/assignments/${moving}`, USERS.leader);
    expect(view.json<{ view: AssignmentView }>().view.state).toBe('awaitingApproval');
  });
});
