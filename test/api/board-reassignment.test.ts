/**
 * A reassignment at the Board's request (Đ4.2: "Lãnh đạo Ban sẽ phân công lại cán bộ theo dõi địa bàn ... theo yêu cầu
 * nhiệm vụ của Cơ quan") is a proposal of its own, BOARD_REASSIGNMENT: at any time, without an
 * established ground, but on a written reason; it names the successor, who takes the area over. A CLOSURE ends the
 * assignment and names no successor: before, a CLOSURE (REVOKED) naming one was approved after 0 years, a reassignment
 * that skipped the check EARLY_REASSIGNMENT makes. Over HTTP against the real workflow.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dayOf } from '../../machines/calendar';
import type { AssignmentView } from '../../workflows/assignment.messages';
import { type ApiResponse, errorOf, SEEDED_USERS as USERS } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';

let suite: ApiSuite;
let today: string;
const call = (...args: Parameters<ApiSuite['api']['call']>) => suite.api.call(...args);

const REASON = 'Theo yêu cầu nhiệm vụ của Cơ quan: tăng cường cho địa bàn trọng điểm';
const SUCCESSOR = 'official-cb-016';

beforeAll(async () => {
  suite = await startApiSuite();
  today = dayOf(await suite.h.env.currentTimeMs());
});

afterAll(async () => {
  await suite?.close();
});

let decisions = 0;
async function approve(id: string, extra: Record<string, unknown> = {}): Promise<ApiResponse> {
  decisions += 1;
  return call('POST', `/assignments/${id}/approve`, USERS.leader, {
    decision: { number: `${decisions}-QĐ/BTCTU/BOARD-TEST`, issuedOn: today, signerId: 'official-ld-02' },
    ...extra,
  });
}

/** An assignment approved today: 0 years served, no ground established. */
async function serving(areaId: string, officialId: string): Promise<string> {
  const proposed = await call('POST', '/assignments', USERS.head, {
    areaId,
    officialId,
    effectiveFrom: today,
    reason: 'Phân công theo dõi địa bàn',
  });
  expect(proposed.statusCode, proposed.body).toBe(201);
  const id = proposed.json<AssignmentView>().assignmentId;
  const approved = await approve(id);
  expect(approved.statusCode, approved.body).toBe(200);
  return id;
}

const propose = (id: string, proposal: Record<string, unknown>) =>
  call('POST', `/assignments/${id}/propose`, USERS.head, { proposal });

async function viewOf(id: string): Promise<AssignmentView> {
  const response = await call('GET', `/assignments/${id}`, USERS.leader);
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ view: AssignmentView }>().view;
}

function expectBadField(response: ApiResponse, path: string, message: RegExp) {
  expect(response.statusCode, response.body).toBe(400);
  expect(errorOf(response).issues).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  const issue = (errorOf(response).issues as { path: string; message: string }[]).find((i) => i.path === path)!;
  expect(issue.message).toMatch(message);
}

async function summary(): Promise<{ boardReassignments?: { pending: number; approvedThisYear: number } }> {
  const asOf = new Date(await suite.h.env.currentTimeMs()).toISOString();
  const response = await call('GET', `/dashboard/summary?asOf=${encodeURIComponent(asOf)}`, USERS.auditor);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe('a closure names no successor', () => {
  it('refuses a CLOSURE (REVOKED) naming a successor with 400 naming the field; nothing is pending', async () => {
    const id = await serving('area-na-cualo', 'official-cb-012');
    const refused = await propose(id, {
      kind: 'CLOSURE',
      closureReason: 'REVOKED',
      successorOfficialId: SUCCESSOR,
      reason: 'Thu hồi phân công',
    });
    expectBadField(refused, 'proposal.successorOfficialId', /BOARD_REASSIGNMENT/);
    expect((await viewOf(id)).pendingProposal).toBeNull();

    // Without a successor the closure is still a closure: proposed, and approved it leaves the area unmonitored.
    const closure = await propose(id, { kind: 'CLOSURE', closureReason: 'REVOKED', reason: 'Thu hồi phân công' });
    expect(closure.statusCode, closure.body).toBe(200);
    // Nor may the approval name one for it (the override leadership has on other proposals).
    const named = await approve(id, { successorOfficialId: SUCCESSOR });
    expect(named.statusCode, named.body).toBe(422);
    expect(errorOf(named)).toMatchObject({ code: 'RuleViolated', rule: 'CLOSURE_NAMES_NO_SUCCESSOR' });
    const closed = await approve(id);
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json<AssignmentView>()).toMatchObject({ state: 'closed', closureReason: 'REVOKED' });
  });
});

describe("a reassignment at the Board's request: BOARD_REASSIGNMENT, on a written reason (Đ4.2)", () => {
  it('refuses one without its written reason, or with too short a one, with 400 naming proposal.reason', async () => {
    const id = await serving('area-na-thaihoa', 'official-cb-013');
    expectBadField(
      await propose(id, { kind: 'BOARD_REASSIGNMENT', successorOfficialId: SUCCESSOR }),
      'proposal.reason',
      /written reason/,
    );
    expectBadField(
      await propose(id, { kind: 'BOARD_REASSIGNMENT', successorOfficialId: SUCCESSOR, reason: '  Điều động  ' }),
      'proposal.reason',
      /at least 20 characters/,
    );
    expectBadField(
      await propose(id, { kind: 'BOARD_REASSIGNMENT', reason: REASON }),
      'proposal.successorOfficialId',
      /./,
    );
    expect((await viewOf(id)).pendingProposal).toBeNull();
  });

  it('is approved at 0 years with a successor, who takes over; the timeline, the inbox, the auditor and the dashboard show it as such', async () => {
    const before = await summary();
    const id = await serving('area-na-sgddt', 'official-cb-015');

    const proposed = await propose(id, { kind: 'BOARD_REASSIGNMENT', successorOfficialId: SUCCESSOR, reason: REASON });
    expect(proposed.statusCode, proposed.body).toBe(200);
    expect(proposed.json<AssignmentView>().pendingProposal).toMatchObject({
      kind: 'BOARD_REASSIGNMENT',
      successorOfficialId: SUCCESSOR,
    });

    // The inbox lists it as its own kind, with its written reason.
    const inbox = await call('GET', '/approvals/inbox?limit=100', USERS.leader);
    expect(inbox.statusCode, inbox.body).toBe(200);
    expect(inbox.json<{ items: Record<string, unknown>[] }>().items).toContainEqual(
      expect.objectContaining({ assignmentId: id, kind: 'BOARD_REASSIGNMENT', reason: REASON, status: 'PENDING' }),
    );
    const pending = await summary();
    expect(pending.boardReassignments).toEqual({
      pending: (before.boardReassignments?.pending ?? 0) + 1,
      approvedThisYear: before.boardReassignments?.approvedThisYear ?? 0,
    });

    // 0 years served and no ground: approved all the same, at the Board's request.
    const approved = await approve(id);
    expect(approved.statusCode, approved.body).toBe(200);
    const successor = await vi.waitFor(
      async () => {
        const row = await suite.h.db.prisma.assignment.findFirst({
          where: { areaId: 'area-na-sgddt', officialId: SUCCESSOR, predecessorId: id },
        });
        expect(row).not.toBeNull();
        return row!;
      },
      { timeout: 20_000, interval: 200 },
    );
    await vi.waitFor(
      async () => {
        const view = await viewOf(id);
        expect(view).toMatchObject({
          state: 'closed',
          closureReason: 'REASSIGNED_BY_BOARD',
          successorAssignmentId: successor.id,
        });
      },
      { timeout: 20_000, interval: 200 },
    );

    // The timeline, to the auditor, in Vietnamese and in English.
    for (const [lang, words] of [
      ['vi', 'Phê duyệt phân công lại theo yêu cầu nhiệm vụ của Cơ quan'],
      ['en', "Reassignment at the Board's request approved"],
    ] as const) {
      const timeline = await call('GET', `/assignments/${id}/timeline?lang=${lang}`, USERS.auditor);
      expect(timeline.statusCode, timeline.body).toBe(200);
      const events = timeline.json<{ events: { action: string; label: string; decisionNumber: string | null }[] }>()
        .events;
      expect(events.map((e) => e.action)).toEqual(
        expect.arrayContaining(['BOARD_REASSIGNMENT_PROPOSED', 'BOARD_REASSIGNMENT_APPROVED']),
      );
      const decided = events.find((e) => e.action === 'BOARD_REASSIGNMENT_APPROVED')!;
      expect(decided.label).toBe(words);
      expect(decided.decisionNumber).toBe(`${decisions}-QĐ/BTCTU/BOARD-TEST`);
    }

    // The register of decisions, to the auditor: a decision of its own kind.
    const register = encodeURIComponent('QĐ/BTCTU/BOARD-TEST');
    const year = Number(today.slice(0, 4));
    const listed = await call('GET', `/decisions?register=${register}&year=${year}&limit=100`, USERS.auditor);
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json<{ items: Record<string, unknown>[] }>().items).toContainEqual(
      expect.objectContaining({ number: `${decisions}-QĐ/BTCTU/BOARD-TEST`, kind: 'BOARD_REASSIGNMENT' }),
    );

    // The inbox no longer lists it; the dashboard counts it as approved this year.
    const after = await call('GET', '/approvals/inbox?limit=100', USERS.leader);
    expect(after.json<{ items: { assignmentId: string }[] }>().items.map((i) => i.assignmentId)).not.toContain(id);
    expect((await summary()).boardReassignments).toEqual({
      pending: before.boardReassignments?.pending ?? 0,
      approvedThisYear: (before.boardReassignments?.approvedThisYear ?? 0) + 1,
    });
  });
});
