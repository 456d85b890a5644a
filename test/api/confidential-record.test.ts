/**
 * Đ7.A.6 on an assignment's own routes: `GET /assignments/:id/timeline` and `GET /assignments/:id`
 * show the facts of a complaint and of an annual evaluation (their steps, the grounds they establish, the proposal
 * resting on one) only to those whom `GET /complaints/:id` and the evaluation routes let read them, every such read
 * audited; everyone else sees no trace of them. Over HTTP against the real time-skipping Temporal server and a fresh
 * seeded database, with a complaint verified well-founded (early reassignment proposed on it) and a year rated
 * NOT_COMPLETED whose area committee asked for the official's replacement, on one assignment.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../../machines/calendar';
import { apiClient } from '../support/api-client';
import { startActiveAssignment } from '../support/assignments';
import { asOfficial, confidentialReads, eventually, expectStatus, USERS } from '../support/confidential-reads';
import { type ApiSuite, startApiSuite } from '../support/api-suite';
import type { LifecycleHarness } from '../support/lifecycle-harness';
import { noonInVietnam } from '../support/scenario-driver';

let h: LifecycleHarness;
let suite: ApiSuite | undefined;
let call: ReturnType<typeof apiClient>['call'];
const { readRows } = confidentialReads(() => ({ h, call }));

/** cb009 monitors Nam Đàn in group 02 (led by cb006); the administrator records the complaint about him. */
const assignmentId = 'confidential-record';
const areaId = 'area-na-namdan';
const concerned = 'cb009';
const groupLeader = 'cb006';
let complaintId: string;
let year: number;
/** A Board leader (ld03) monitoring Nghi Lộc, complained about in turn. */
const leaderAssignmentId = 'leader-complained-of';
let leaderComplaintId: string;

/** A complaint recorded by the administrator and verified well-founded by the auditor; then the system's proposal. */
async function wellFoundedComplaint(about: string): Promise<string> {
  const lodged = await call('POST', '/complaints', USERS.admin, {
    assignmentId: about,
    summary: 'Đơn phản ánh cán bộ theo dõi không xuống cơ sở',
    // Received today, by the API's clock and the workflows' (whichever is earlier).
    receivedOn: dayOf(Math.min(Date.now(), await h.env.currentTimeMs())),
  });
  expectStatus(lodged, 201);
  const id = lodged.json<{ complaintId: string }>().complaintId;
  expectStatus(await call('POST', `/complaints/${id}/verification/start`, USERS.auditor), 200);
  expectStatus(
    await call('POST', `/complaints/${id}/verification`, USERS.auditor, {
      outcome: 'WELL_FOUNDED',
      findings: 'Có cơ sở: nhiều tháng không đi cơ sở',
    }),
    200,
  );
  await eventually(() =>
    h.db.prisma.approvalRequest.findFirst({
      where: { assignmentId: about, kind: 'EARLY_REASSIGNMENT', status: 'PENDING' },
    }),
  );
  return id;
}

beforeAll(async () => {
  suite = await startApiSuite();
  ({
    h,
    api: { call },
  } = suite);
  const { today } = await startActiveAssignment(h, {
    assignmentId,
    areaId,
    official: asOfficial('cb-009'),
    groupId: 'group-02',
    proposedBy: h.people.departmentHead,
  });

  // A complaint verified well-founded (the ground VERIFIED_COMPLAINT, and the system's early reassignment on it);
  // another about a Board leader who monitors an area too.
  complaintId = await wellFoundedComplaint(assignmentId);
  await startActiveAssignment(h, {
    assignmentId: leaderAssignmentId,
    areaId: 'area-na-nghiloc',
    official: asOfficial('ld-03', ['BOARD_LEADER']),
    proposedBy: h.people.departmentHead,
  });
  leaderComplaintId = await wellFoundedComplaint(leaderAssignmentId);

  // December's evaluation: the committee asks for a replacement, leadership rates NOT_COMPLETED (two more grounds).
  year = Number(today.slice(0, 4)) + (today.slice(5) <= '06-30' ? 0 : 1);
  const base = `/assignments/${assignmentId}/evaluations/${year}`;
  await h.sleepUntil(noonInVietnam(`${year}-12-02`));
  await eventually(() =>
    h.db.prisma.annualEvaluation.findUnique({ where: { assignmentId_year: { assignmentId, year } } }),
  );
  expectStatus(
    await call('POST', `${base}/area-evaluation`, USERS.otherCommittee, {
      evaluation: {
        responsibility: 'Chưa sâu sát',
        method: 'Ít xuống cơ sở',
        coordination: 'Phối hợp chưa tốt',
        contributions: 'Chưa có đóng góp nổi bật',
        shortcomings: 'Nhiều tháng không đi cơ sở',
        proposesReplacement: true,
      },
    }),
    200,
  );
  expectStatus(
    await call('POST', `${base}/proposal`, groupLeader, { rating: 'NOT_COMPLETED', notes: 'Chưa hoàn thành' }),
    200,
  );
  expectStatus(await call('POST', `${base}/rating`, USERS.leader, { rating: 'NOT_COMPLETED' }), 200);
  await eventually(async () => {
    const grounds = await h.db.prisma.auditEvent.count({ where: { assignmentId, action: 'GROUND_ESTABLISHED' } });
    return grounds === 3;
  });
}, 240_000);

afterAll(async () => {
  await suite?.close();
});

/**
 * Each caller, and what the complaint's and the evaluation's own routes let them read: the complaint (leadership, the
 * auditor who verified it, the administrator who recorded it; never the official concerned), the evaluation
 * (`full`: leadership, the auditor, the group leader; `official`: the official rated, who sees the rating and not the
 * committee's evaluation; nothing: a department head, another official, the administrator).
 */
const CALLERS = [
  { username: USERS.head, actorId: 'official-ld-01', complaint: true, evaluation: 'full' },
  { username: USERS.leader, actorId: 'official-ld-02', complaint: true, evaluation: 'full' },
  { username: USERS.auditor, actorId: 'official-cb-014', complaint: true, evaluation: 'full' },
  { username: USERS.admin, actorId: 'user-admin', complaint: true, evaluation: null },
  { username: USERS.departmentHead, actorId: 'official-cb-011', complaint: false, evaluation: null },
  { username: USERS.official, actorId: 'official-cb-003', complaint: false, evaluation: null },
  { username: concerned, actorId: 'official-cb-009', complaint: false, evaluation: 'official' },
  { username: groupLeader, actorId: 'official-cb-006', complaint: false, evaluation: 'full' },
] as const;

type Caller = (typeof CALLERS)[number];

/** The grounds a caller sees: the complaint's, the rating's (full and official), the committee's request (full). */
const groundsOf = (c: Caller): string[] =>
  [
    ...(c.complaint ? ['VERIFIED_COMPLAINT'] : []),
    ...(c.evaluation ? ['NOT_COMPLETED_RATING'] : []),
    ...(c.evaluation === 'full' ? ['AREA_PROPOSED_REPLACEMENT'] : []),
  ].sort();

/** Makes one read, and returns it with the CONFIDENTIAL_READ rows it wrote. */
async function readAs(url: string, username: string) {
  const before = (await readRows()).length;
  const response = await call('GET', url, username);
  expectStatus(response, 200);
  return { response, audited: (await readRows()).slice(before) };
}

/** The audit rows a read must have written: one per kind of record it showed facts of, naming them. */
function expectAudited(audited: Awaited<ReturnType<typeof readAs>>['audited'], c: Caller, route: string) {
  const expected = [
    ...(c.complaint ? [{ entityType: 'Complaint', ids: [complaintId] }] : []),
    ...(c.evaluation ? [{ entityType: 'AnnualEvaluation', ids: [`${assignmentId}/${year}`] }] : []),
  ];
  expect(
    audited.map((row) => ({ entityType: row.entityType, ids: (row.payload as { ids?: string[] }).ids })),
    c.username,
  ).toEqual(expected);
  for (const row of audited) {
    expect(row, c.username).toMatchObject({ actorId: c.actorId, entityId: assignmentId, assignmentId });
    expect(row.payload, c.username).toMatchObject({ route });
  }
}

describe('the confidentiality of the assignment view and timeline (Đ7.A.6)', () => {
  it('GET /assignments/:id/timeline shows complaint and evaluation steps only to their readers, audited; no trace to others', async () => {
    type Step = { action: string; entityType: string };
    for (const c of CALLERS) {
      const { response, audited } = await readAs(`/assignments/${assignmentId}/timeline`, c.username);
      const steps = response.json<{ events: Step[] }>().events;
      const actions = steps.map((s) => s.action);
      const complaintSteps = steps.filter((s) => s.entityType === 'Complaint' || s.action.startsWith('COMPLAINT_'));
      const evaluationSteps = steps.filter(
        (s) =>
          s.entityType === 'AnnualEvaluation' ||
          s.action.startsWith('AREA_EVALUATION_') ||
          ['EVALUATION_REQUESTED', 'RATING_PROPOSED', 'EVALUATION_RATED'].includes(s.action),
      );

      // The assignment's own story, for everyone.
      expect(actions, c.username).toContain('APPOINTMENT_APPROVED');
      expect(actions, c.username).toContain('ASSIGNMENT_STARTED');
      // The complaint: who recorded it, its deadline, who verified it, "well-founded"; and the proposal resting on it.
      if (c.complaint) {
        expect(
          complaintSteps.map((s) => s.action),
          c.username,
        ).toEqual(
          expect.arrayContaining([
            'COMPLAINT_RECEIVED',
            'COMPLAINT_FILED',
            'COMPLAINT_VERIFICATION_STARTED',
            'COMPLAINT_VERIFIED_WELL_FOUNDED',
          ]),
        );
        expect(actions, c.username).toContain('EARLY_REASSIGNMENT_PROPOSED');
      } else {
        expect(complaintSteps, c.username).toEqual([]);
        expect(actions, c.username).not.toContain('EARLY_REASSIGNMENT_PROPOSED');
      }
      if (c.evaluation) {
        expect(
          evaluationSteps.map((s) => s.action),
          c.username,
        ).toEqual(expect.arrayContaining(['EVALUATION_REQUESTED', 'AREA_EVALUATION_RECEIVED', 'EVALUATION_RATED']));
      } else {
        expect(evaluationSteps, c.username).toEqual([]);
      }
      // One step per ground established, only of the grounds the caller may know of.
      expect(actions.filter((a) => a === 'GROUND_ESTABLISHED').length, c.username).toBe(groundsOf(c).length);
      expect(response.body, c.username).not.toContain(complaintId);
      expectAudited(audited, c, 'GET /assignments/:id/timeline');
    }

    // The auditor's view of who read what keeps the same rule, and area committees have no timeline at all.
    expectStatus(await call('GET', `/assignments/${assignmentId}/timeline`, USERS.committee), 403);
    expectStatus(await call('GET', `/assignments/${assignmentId}/timeline`, USERS.otherCommittee), 403);
  });

  it('GET /assignments/:id shows the grounds and the proposal resting on them only to their readers, audited', async () => {
    type Seen = {
      view: { grounds: { kind: string }[]; pendingProposal: { kind: string } | null; state: string };
      record: { id: string } | null;
    };
    for (const c of CALLERS) {
      const { response, audited } = await readAs(`/assignments/${assignmentId}`, c.username);
      const { view, record } = response.json<Seen>();
      expect(record?.id, c.username).toBe(assignmentId);
      expect(view.state, c.username).toMatch(/^active/);
      expect(view.grounds.map((g) => g.kind).sort(), c.username).toEqual(groundsOf(c));
      // The proposal the system opened on the complaint: for the complaint's readers; for others, no proposal at all.
      expect(view.pendingProposal, c.username).toEqual(
        c.complaint ? expect.objectContaining({ kind: 'EARLY_REASSIGNMENT', proposedBy: 'system' }) : null,
      );
      if (!c.complaint) expect(response.body, c.username).not.toContain(complaintId);
      expectAudited(audited, c, 'GET /assignments/:id');
    }
    expectStatus(await call('GET', `/assignments/${assignmentId}`, USERS.committee), 403);
    expectStatus(await call('GET', `/assignments/${assignmentId}`, USERS.otherCommittee), 403);
  });

  it('GET /approvals/inbox never lists a leader the proposal resting on a complaint about them; the others are audited reads', async () => {
    type Inbox = { items: { id: string; assignmentId: string; kind: string }[] };
    const onComplaint = (inbox: Inbox, about: string) =>
      inbox.items.filter((r) => r.assignmentId === about && r.kind === 'EARLY_REASSIGNMENT');

    const leader = await readAs('/approvals/inbox?limit=100', USERS.leader);
    const all = leader.response.json<Inbox>();
    expect(onComplaint(all, assignmentId)).toHaveLength(1);
    expect(onComplaint(all, leaderAssignmentId)).toHaveLength(1);
    expect(leader.audited.map((r) => [r.entityType, r.entityId, (r.payload as { ids: string[] }).ids])).toEqual(
      expect.arrayContaining([
        ['Complaint', assignmentId, [complaintId]],
        ['Complaint', leaderAssignmentId, [leaderComplaintId]],
      ]),
    );

    // ld03, the official complained about: the proposal on the other complaint, not the one about themself.
    const concernedLeader = await readAs('/approvals/inbox?limit=100', USERS.secondLeader);
    const theirs = concernedLeader.response.json<Inbox>();
    expect(onComplaint(theirs, assignmentId)).toHaveLength(1);
    expect(onComplaint(theirs, leaderAssignmentId)).toEqual([]);
    expect(concernedLeader.response.body).not.toContain(leaderComplaintId);
    expect(concernedLeader.audited.map((r) => r.entityId)).not.toContain(leaderAssignmentId);

    // Nor on their own assignment's view and timeline, though leadership sees the others'.
    const view = await readAs(`/assignments/${leaderAssignmentId}`, USERS.secondLeader);
    expect(view.response.json<{ view: { grounds: unknown[]; pendingProposal: unknown } }>().view).toMatchObject({
      grounds: [],
      pendingProposal: null,
    });
    const timeline = await readAs(`/assignments/${leaderAssignmentId}/timeline`, USERS.secondLeader);
    const actions = timeline.response.json<{ events: { action: string }[] }>().events.map((e) => e.action);
    expect(actions.filter((a) => a.startsWith('COMPLAINT_') || a === 'GROUND_ESTABLISHED')).toEqual([]);
    expect(actions).not.toContain('EARLY_REASSIGNMENT_PROPOSED');
    // (Their own evaluation, requested meanwhile, is theirs to see: that read is audited, no complaint's is.)
    expect([...view.audited, ...timeline.audited].filter((r) => r.entityType === 'Complaint')).toEqual([]);
    expect(
      (await readAs(`/assignments/${leaderAssignmentId}`, USERS.head)).response.json<{
        view: { grounds: { kind: string }[] };
      }>().view.grounds,
    ).toEqual([{ kind: 'VERIFIED_COMPLAINT', complaintId: leaderComplaintId }]);

    for (const username of [USERS.official, USERS.departmentHead, USERS.auditor, USERS.admin, USERS.committee])
      expectStatus(await call('GET', '/approvals/inbox', username), 403);
  });

  it('GET /dashboard/rotations-due shows the early reassignment resting on a complaint only to its readers, audited', async () => {
    type Rotations = { items: { assignmentId: string; pendingProposal: { kind: string } | null }[] };
    const url = '/dashboard/rotations-due?withinDays=3650&limit=100';
    const pendingOf = (page: Rotations, id: string) => page.items.find((i) => i.assignmentId === id)?.pendingProposal;

    const leader = await readAs(url, USERS.leader);
    expect(pendingOf(leader.response.json<Rotations>(), assignmentId)).toMatchObject({ kind: 'EARLY_REASSIGNMENT' });
    expect(pendingOf(leader.response.json<Rotations>(), leaderAssignmentId)).toMatchObject({
      kind: 'EARLY_REASSIGNMENT',
    });
    expect(leader.audited.filter((r) => r.entityType === 'Complaint').map((r) => r.entityId)).toEqual(
      expect.arrayContaining([assignmentId, leaderAssignmentId]),
    );

    // cb009's department head (cb006, also his group leader) has no part in the complaint; ld03 none in theirs.
    const head = await readAs(url, groupLeader);
    expect(head.response.json<Rotations>().items.map((i) => i.assignmentId)).toContain(assignmentId);
    expect(pendingOf(head.response.json<Rotations>(), assignmentId)).toBeNull();
    expect(head.audited).toEqual([]);
    const concernedLeader = await readAs(url, USERS.secondLeader);
    expect(pendingOf(concernedLeader.response.json<Rotations>(), leaderAssignmentId)).toBeNull();
    expect(pendingOf(concernedLeader.response.json<Rotations>(), assignmentId)).toMatchObject({
      kind: 'EARLY_REASSIGNMENT',
    });
    expect(concernedLeader.audited.map((r) => r.entityId)).not.toContain(leaderAssignmentId);
  });

  it("the write routes answer with the view by the same rule: an administrator's position change shows no evaluation ground", async () => {
    const response = await call('POST', `/assignments/${assignmentId}/position-change`, USERS.admin, {
      note: 'Được điều động công tác khác',
    });
    expectStatus(response, 200);
    const kinds = response.json<{ grounds: { kind: string }[] }>().grounds.map((g) => g.kind);
    expect(kinds).toContain('POSITION_CHANGED');
    expect(kinds).not.toContain('NOT_COMPLETED_RATING');
    expect(kinds).not.toContain('AREA_PROPOSED_REPLACEMENT');
  });
});
