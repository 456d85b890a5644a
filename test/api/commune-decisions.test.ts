/**
 * The Standing Committee's decisions on who monitors a commune (seed 001, Quy định 26) through the HTTP API, on a
 * fresh seeded database with the demonstration's map and second programme: Board staff proposes, a Standing Committee
 * member approves with a decision in the Standing Committee's own register (the link made with its number) or refuses;
 * each rule refused by name; Board leadership may not decide; a keyed retry is answered as the first; a reassignment
 * ends one link and makes the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommuneProposal, CommuneProposalList } from '../../contracts/commune-decisions';
import { addDays, dayOf } from '../../machines/calendar';
import { communeCommentWorkflowId } from '../../machines/commune-comment';
import { DEFAULT_PROGRAMME_ID } from '../../machines/programme';
import { communeMonitoringWorkflowId } from '../../workflows/commune-monitoring.messages';
import { seedDemoMap, unitId } from '../../prisma/demo/map-2025';
import { PROGRAMME_26_ID, seedProgramme26 } from '../../prisma/demo/programme-26';
import { errorOf, SEEDED_USERS as U } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';

let suite: ApiSuite | undefined;
const s = () => suite!;
const STAFF = U.departmentHead;
const MEMBER = 'btv.01';
const PGD1 = 'agency-na-stc-stc.pgd1';
const SNNMT_PGD2 = 'agency-na-snnmt-snnmt.pgd2';
const today = () => dayOf(Date.now());
let sequence = 100;
/** The link the first approval makes; the reassignment ends it. */
let firstLinkId = '';
/** A decision number of the Standing Committee's register no other test of the suite takes. */
const scNumber = () => `${(sequence += 1)}-QĐ/TU`;

beforeAll(async () => {
  suite = await startApiSuite();
  await seedDemoMap(s().h.db.prisma);
  expect(await seedProgramme26(s().h.db.prisma)).toMatchObject({ agencies: 3 });
});

afterAll(async () => {
  await suite?.close();
});

const propose = (body: Record<string, unknown>, headers: Record<string, string> = {}, username: string = STAFF) =>
  s().api.call(
    'POST',
    '/commune-proposals',
    username,
    { programmeId: PROGRAMME_26_ID, reason: 'Phân công', ...body },
    headers,
  );

const decide = (id: string, body: Record<string, unknown>, username: string = MEMBER, headers = {}) =>
  s().api.call('POST', `/commune-proposals/${id}/decision`, username, body, headers);

async function proposed(body: Record<string, unknown>): Promise<CommuneProposal> {
  const response = await propose(body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<CommuneProposal>();
}

describe('an appointment under a programme the Standing Committee decides', () => {
  it("is proposed by Board staff and approved by a Standing Committee member: the link carries the decision's number in the Standing Committee's register", async () => {
    const { h } = s();
    const proposal = await proposed({ areaId: unitId('16690'), memberId: PGD1 });
    expect(proposal).toMatchObject({ kind: 'APPOINTMENT', status: 'PENDING', from: today(), decision: null });
    expect(proposal.leader).toMatchObject({ displayName: 'Phạm Thị Thu Trang', agencyName: 'Sở Tài chính' });

    const pending = await s().api.call('GET', '/commune-proposals?status=PENDING', MEMBER);
    expect(pending.statusCode, pending.body).toBe(200);
    expect(pending.json<CommuneProposalList>().items.map((p) => p.id)).toContain(proposal.id);

    const number = scNumber();
    const approved = await decide(proposal.id, { outcome: 'APPROVE', decision: { number, issuedOn: today() } });
    expect(approved.statusCode, approved.body).toBe(200);
    const answer = approved.json<CommuneProposal>();
    expect(answer).toMatchObject({ status: 'APPROVED', decidedById: 'user-btv.01' });
    expect(answer.decision).toMatchObject({
      number,
      register: 'QĐ/TU',
      issuedOn: today(),
      signerName: 'Nguyễn Đình Quân',
    });

    firstLinkId = answer.linkId!;
    const link = await h.db.prisma.agencyLeaderArea.findUniqueOrThrow({ where: { id: firstLinkId } });
    expect(link).toMatchObject({
      programmeId: PROGRAMME_26_ID,
      memberId: PGD1,
      areaId: unitId('16690'),
      from: today(),
      until: null,
      decisionNumber: number,
    });
    const audited = await h.db.prisma.auditEvent.findMany({
      where: { entityType: 'CommuneLinkProposal', entityId: proposal.id },
      orderBy: { at: 'asc' },
    });
    expect(audited.map((a) => a.action)).toEqual(['COMMUNE_LINK_PROPOSED', 'COMMUNE_LINK_APPROVED']);
    expect(audited[1]).toMatchObject({ actorId: 'user-btv.01', decisionNumber: number });
    // No Board register holds the Standing Committee's decision.
    expect(await h.db.prisma.decision.count({ where: { number } })).toBe(0);
    // The link's workflows are started, named by the link.
    const started = await h.client.workflow.getHandle(communeMonitoringWorkflowId(firstLinkId)).describe();
    expect(started.type).toBe('communeMonitoringWorkflow');
    const comments = await h.client.workflow.getHandle(communeCommentWorkflowId(firstLinkId)).describe();
    expect(comments.type).toBe('communeCommentWorkflow');
  });

  it('is refused by a Standing Committee member with the reason, and then decided no other way', async () => {
    const proposal = await proposed({ areaId: unitId('16681'), memberId: SNNMT_PGD2 });
    const noReason = await decide(proposal.id, { outcome: 'REFUSE' });
    expect(noReason.statusCode, noReason.body).toBe(400);
    const refused = await decide(proposal.id, { outcome: 'REFUSE', comment: 'Chưa phù hợp' });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json<CommuneProposal>()).toMatchObject({
      status: 'REJECTED',
      decisionComment: 'Chưa phù hợp',
      linkId: null,
    });
    const late = await decide(proposal.id, { outcome: 'APPROVE', decision: { number: scNumber(), issuedOn: today() } });
    expect(late.statusCode, late.body).toBe(409);
    expect(errorOf(late)).toMatchObject({ code: 'PROPOSAL_DECIDED' });
  });

  it('refuses each broken rule by name', async () => {
    const { h } = s();
    const cases: { body: Record<string, unknown>; rule: string; field: string }[] = [
      { body: { areaId: unitId('16732'), memberId: PGD1 }, rule: 'COMMUNE_ALREADY_MONITORED', field: 'areaId' },
      {
        body: { programmeId: DEFAULT_PROGRAMME_ID, areaId: unitId('17920'), memberId: PGD1 },
        rule: 'PROGRAMME_NOT_DECIDED_BY_STANDING_COMMITTEE',
        field: 'programmeId',
      },
      { body: { areaId: 'area-na-vinh', memberId: PGD1 }, rule: 'AREA_KIND_NOT_OF_PROGRAMME', field: 'areaId' },
    ];
    const ceased = await h.db.prisma.area.findFirstOrThrow({
      where: { kind: { in: ['COMMUNE', 'WARD'] }, validUntil: { lt: new Date(`${today()}T00:00:00Z`) } },
    });
    cases.push({ body: { areaId: ceased.id, memberId: PGD1 }, rule: 'AREA_NOT_IN_FORCE', field: 'areaId' });

    // A member who has left the agency, and a head who is no leader (the account holds AGENCY_HEAD only).
    const gone = await h.db.prisma.user.create({
      data: { id: 'user-gone', username: 'gone', passwordHash: '!', displayName: 'Đã chuyển' },
    });
    await h.db.prisma.userRole.create({ data: { userId: gone.id, role: 'AGENCY_LEADER' } });
    await h.db.prisma.agencyMember.create({
      data: {
        id: 'member-gone',
        agencyId: 'agency-na-stc',
        userId: gone.id,
        title: 'Phó Giám đốc Sở',
        from: '2023-01-01',
        until: '2024-12-31',
      },
    });
    const head = await h.db.prisma.user.create({
      data: { id: 'user-headonly', username: 'headonly', passwordHash: '!', displayName: 'Chỉ thủ trưởng' },
    });
    await h.db.prisma.userRole.create({ data: { userId: head.id, role: 'AGENCY_HEAD' } });
    await h.db.prisma.agencyMember.create({
      data: {
        id: 'member-headonly',
        agencyId: 'agency-na-stc',
        userId: head.id,
        title: 'Giám đốc Sở',
        isHead: true,
        from: '2023-01-01',
      },
    });
    cases.push({
      body: { areaId: unitId('17920'), memberId: 'member-gone' },
      rule: 'LEADER_NOT_IN_FORCE',
      field: 'memberId',
    });
    cases.push({
      body: { areaId: unitId('17920'), memberId: 'member-headonly' },
      rule: 'MEMBER_NOT_A_LEADER',
      field: 'memberId',
    });

    for (const { body, rule, field } of cases) {
      const response = await propose(body);
      expect(response.statusCode, `${rule}: ${response.body}`).toBe(422);
      expect(errorOf(response)).toMatchObject({ code: 'RuleViolated', rule, field });
    }
    const unknown = await propose({ areaId: 'area-that-is-not', memberId: PGD1 });
    expect(unknown.statusCode, unknown.body).toBe(404);
    const bad = await propose({ areaId: unitId('17920') });
    expect(bad.statusCode, bad.body).toBe(400);
  });

  it("refuses at approval a commune monitored meanwhile, a Board register's number and a number taken", async () => {
    const first = await proposed({ areaId: unitId('17920'), memberId: PGD1 });
    const second = await proposed({ areaId: unitId('17920'), memberId: SNNMT_PGD2 });
    const boards = await decide(first.id, {
      outcome: 'APPROVE',
      decision: { number: '7-QĐ/BTCTU', issuedOn: today() },
    });
    expect(boards.statusCode, boards.body).toBe(422);
    expect(errorOf(boards)).toMatchObject({ rule: 'DECISION_REGISTER_OF_THE_BOARD', field: 'decision.number' });
    const number = scNumber();
    expect((await decide(first.id, { outcome: 'APPROVE', decision: { number, issuedOn: today() } })).statusCode).toBe(
      200,
    );
    const taken = await decide(second.id, { outcome: 'APPROVE', decision: { number, issuedOn: today() } });
    expect(taken.statusCode, taken.body).toBe(422);
    expect(errorOf(taken)).toMatchObject({ rule: 'DECISION_NUMBER_TAKEN', field: 'decision.number' });
    const monitored = await decide(second.id, {
      outcome: 'APPROVE',
      decision: { number: scNumber(), issuedOn: today() },
    });
    expect(monitored.statusCode, monitored.body).toBe(422);
    expect(errorOf(monitored)).toMatchObject({ rule: 'COMMUNE_ALREADY_MONITORED', field: 'areaId' });
    const future = await decide(second.id, {
      outcome: 'APPROVE',
      decision: { number: scNumber(), issuedOn: addDays(today(), 1) },
    });
    expect(future.statusCode, future.body).toBe(422);
    expect(errorOf(future)).toMatchObject({ rule: 'DECISION_DATE_IN_FUTURE', field: 'decision.issuedOn' });
    // Nothing was half written: the second proposal is still pending.
    expect(await s().h.db.prisma.communeLinkProposal.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({
      status: 'PENDING',
      decisionId: null,
    });
  });

  it("lets no one but a Standing Committee member decide, and no Standing Committee member decide the Board's own", async () => {
    const proposal = await proposed({ areaId: unitId('16702'), memberId: PGD1 });
    for (const username of [U.head, U.leader, U.departmentHead, U.admin, 'stc.gd']) {
      const response = await decide(proposal.id, { outcome: 'REFUSE', comment: 'x' }, username);
      expect(response.statusCode, `${username}: ${response.body}`).toBe(403);
    }
    const byMember = await propose({ areaId: unitId('16702'), memberId: PGD1 }, {}, MEMBER);
    expect(byMember.statusCode, byMember.body).toBe(403);
    const boardsOwn = await s().api.call('POST', '/assignments/any-assignment/approve', MEMBER, {
      decision: { number: '1-QĐ/BTCTU', issuedOn: today(), signerId: 'x' },
    });
    expect(boardsOwn.statusCode, boardsOwn.body).toBe(403);
  });

  it('answers a keyed retry of a proposal and of an approval as the first, with one link', async () => {
    const { h } = s();
    const key = { 'idempotency-key': `commune-proposal-${Date.now()}` };
    const first = await propose({ areaId: unitId('16708'), memberId: PGD1 }, key);
    expect(first.statusCode, first.body).toBe(201);
    const again = await propose({ areaId: unitId('16708'), memberId: PGD1 }, key);
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json<CommuneProposal>().id).toBe(first.json<CommuneProposal>().id);
    const id = first.json<CommuneProposal>().id;

    const decisionKey = { 'idempotency-key': `commune-decision-${Date.now()}` };
    const body = { outcome: 'APPROVE', decision: { number: scNumber(), issuedOn: today() } };
    const approved = await decide(id, body, MEMBER, decisionKey);
    const retried = await decide(id, body, MEMBER, decisionKey);
    expect(approved.statusCode, approved.body).toBe(200);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toEqual(approved.json());
    expect(await h.db.prisma.agencyLeaderArea.count({ where: { areaId: unitId('16708') } })).toBe(1);
    expect(await h.db.prisma.auditEvent.count({ where: { action: 'COMMUNE_LINK_APPROVED', entityId: id } })).toBe(1);
  });
});

describe('a reassignment decided by the Standing Committee', () => {
  it('ends one link and makes the other in one decision, on another ground with its reason', async () => {
    const { h, api } = s();
    expect(firstLinkId).not.toBe('');
    const tomorrow = addDays(today(), 1);
    const response = await api.call('POST', `/commune-links/${firstLinkId}/reassignment`, U.leader, {
      memberId: SNNMT_PGD2,
      ground: 'OTHER',
      reason: 'Thay đổi công tác',
      from: tomorrow,
    });
    expect(response.statusCode, response.body).toBe(201);
    const proposal = response.json<CommuneProposal>();
    expect(proposal).toMatchObject({ kind: 'REASSIGNMENT', ground: 'OTHER', from: tomorrow });
    expect(proposal.endsLink).toMatchObject({ id: firstLinkId, displayName: 'Phạm Thị Thu Trang' });

    const number = scNumber();
    const approved = await decide(proposal.id, { outcome: 'APPROVE', decision: { number, issuedOn: today() } });
    expect(approved.statusCode, approved.body).toBe(200);
    const ended = await h.db.prisma.agencyLeaderArea.findUniqueOrThrow({ where: { id: firstLinkId } });
    expect(ended.until).toBe(today());
    const madeId = approved.json<CommuneProposal>().linkId!;
    const made = await h.db.prisma.agencyLeaderArea.findUniqueOrThrow({ where: { id: madeId } });
    expect(made).toMatchObject({
      memberId: SNNMT_PGD2,
      areaId: unitId('16690'),
      from: tomorrow,
      until: null,
      decisionNumber: number,
    });
    // Both workflows of the ended link hear of its end. A signal that reaches a run while it is busy with a task (its
    // records are local activities, run inside the task) enters the history only when the task completes: waited for.
    const signalsOf = async (workflowId: string) => {
      const history = await h.client.workflow.getHandle(workflowId).fetchHistory();
      return (history.events ?? []).flatMap((e) => {
        const signalled = e.workflowExecutionSignaledEventAttributes;
        return signalled ? [signalled.signalName] : [];
      });
    };
    for (const workflowId of [communeMonitoringWorkflowId(firstLinkId), communeCommentWorkflowId(firstLinkId)])
      await expect.poll(() => signalsOf(workflowId), { timeout: 20_000 }).toContain('communeLinkEnded');
    // The new link's started.
    await h.client.workflow.getHandle(communeMonitoringWorkflowId(madeId)).describe();
    await h.client.workflow.getHandle(communeCommentWorkflowId(madeId)).describe();
  });

  it("takes the commune committee's request for another monitor as a ground, refuses one that is not, and the same leader", async () => {
    const { api } = s();
    const link = `agency-na-stc-stc.pgd1-17110`;
    const url = `/commune-links/${link}/reassignment`;
    const noComment = await api.call('POST', url, STAFF, {
      memberId: SNNMT_PGD2,
      ground: 'COMMUNE_REQUEST',
      reason: 'x',
    });
    expect(noComment.statusCode, noComment.body).toBe(422);
    expect(errorOf(noComment)).toMatchObject({ rule: 'GROUND_COMMENT_REQUIRED', field: 'groundCommentId' });
    const unknown = await api.call('POST', url, STAFF, {
      memberId: SNNMT_PGD2,
      ground: 'COMMUNE_REQUEST',
      groundCommentId: 'comment-that-is-not',
      reason: 'x',
    });
    expect(unknown.statusCode, unknown.body).toBe(404);
    // The commune committee's year-end comment on this link: one asking for another monitor is a ground, one not is not.
    const comment = (id: string, requestsAnotherMonitor: boolean, year: number) =>
      s().h.db.prisma.communeComment.create({
        data: {
          id,
          linkId: link,
          year,
          programmeId: PROGRAMME_26_ID,
          areaId: unitId('17110'),
          memberId: PGD1,
          policyVersion: 'QĐ26-2022.1',
          state: 'RECEIVED',
          requestedAt: new Date(),
          dueAt: new Date(),
          receivedAt: new Date(),
          level: 'COMPLETED',
          requestsAnotherMonitor,
          anotherMonitorReason: requestsAnotherMonitor ? 'Đề nghị thay cán bộ theo dõi' : null,
        },
      });
    await comment('comment-content', false, Number(today().slice(0, 4)) - 1);
    const content = await api.call('POST', url, STAFF, {
      memberId: SNNMT_PGD2,
      ground: 'COMMUNE_REQUEST',
      groundCommentId: 'comment-content',
      reason: 'x',
    });
    expect(content.statusCode, content.body).toBe(422);
    expect(errorOf(content)).toMatchObject({ rule: 'GROUND_COMMENT_ASKS_NO_CHANGE', field: 'groundCommentId' });
    await comment('comment-asking', true, Number(today().slice(0, 4)));
    const asked = await api.call('POST', url, STAFF, {
      memberId: SNNMT_PGD2,
      ground: 'COMMUNE_REQUEST',
      groundCommentId: 'comment-asking',
      reason: 'Đảng ủy phường đề nghị thay cán bộ theo dõi',
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json<CommuneProposal>()).toMatchObject({
      kind: 'REASSIGNMENT',
      ground: 'COMMUNE_REQUEST',
      groundCommentId: 'comment-asking',
      status: 'PENDING',
    });
    const same = await api.call('POST', url, STAFF, {
      memberId: PGD1,
      ground: 'OTHER',
      reason: 'x',
      from: addDays(today(), 1),
    });
    expect(same.statusCode, same.body).toBe(422);
    expect(errorOf(same)).toMatchObject({ rule: 'SAME_LEADER', field: 'memberId' });
    const unknownLink = await api.call('POST', '/commune-links/link-that-is-not/reassignment', STAFF, {
      memberId: PGD1,
      ground: 'OTHER',
      reason: 'x',
    });
    expect(unknownLink.statusCode, unknownLink.body).toBe(404);
  });
});
