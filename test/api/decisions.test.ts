/**
 * The written decision and who may take it (Đ2.3, Đ4.1), over HTTP against the real workflow: each rule refuses with
 * 422 RuleViolated naming it, before anything enters the workflow's history, and the assignment still awaits approval.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenSigner } from '../../api/auth/tokens';
import { buildServer } from '../../api/server';
import { addDays, dayOf } from '../../machines/calendar';
import { apiClient, errorOf, SEEDED_USERS as USERS } from '../support/api-client';
import { type LifecycleHarness, startLifecycleHarness } from '../support/lifecycle-harness';

let h: LifecycleHarness;
let app: FastifyInstance;
let call: ReturnType<typeof apiClient>['call'];
let today: string;

beforeAll(async () => {
  h = await startLifecycleHarness();
  app = buildServer(
    { prisma: h.db.prisma, provider: h.db.provider, temporal: h.client, taskQueue: h.taskQueue },
    { tokens: new TokenSigner(Buffer.from('decisions-test-secret-of-32-bytes!')) },
  );
  await app.ready();
  ({ call } = apiClient(app));
  today = dayOf(await h.env.currentTimeMs());
});

afterAll(async () => {
  await app?.close();
  await h?.close();
});

let numbers = 0;
const decision = (overrides: Record<string, string> = {}) => ({
  number: `${(numbers += 1)}-QĐ/BTCTU/decisions-test`,
  issuedOn: today,
  signerId: 'official-ld-02',
  ...overrides,
});

/** A department head proposes; the assignment awaits leadership's approval. */
/** Board leadership proposes: officials of every department, leadership included (a department head proposes
 * only their own department's); this suite is about the decisions, and ld04 decides none of them. */
const PROPOSER = 'ld04';

async function proposal(areaId: string, officialId: string, effectiveFrom = today): Promise<string> {
  const response = await call('POST', '/assignments', PROPOSER, {
    areaId,
    officialId,
    effectiveFrom,
    reason: 'Phân công theo dõi địa bàn',
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ assignmentId: string }>().assignmentId;
}

async function expectRefused(id: string, username: string, body: unknown, rule: string): Promise<void> {
  const response = await call('POST', `/assignments/${id}/approve`, username, body);
  expect(response.statusCode, response.body).toBe(422);
  expect(errorOf(response)).toMatchObject({ code: 'RuleViolated', rule });
  const view = await call('GET', `/assignments/${id}`, USERS.leader);
  expect(view.json<{ view: { state: string } }>().view.state).toBe('awaitingApproval');
  expect(await h.db.prisma.approvalDecision.count({ where: { request: { assignmentId: id } } })).toBe(0);
}

describe('the written decision (Đ2.3)', () => {
  it('is signed by someone: a signer who is nobody is refused (UNKNOWN_SIGNER)', async () => {
    const id = await proposal('area-na-nghiloc', 'official-cb-004');
    await expectRefused(id, USERS.leader, { decision: decision({ signerId: 'official-nobody' }) }, 'UNKNOWN_SIGNER');
  });

  it('is signed by Board leadership: a specialist as signer is refused (SIGNER_NOT_LEADERSHIP)', async () => {
    const id = await proposal('area-na-sgddt', 'official-cb-005');
    await expectRefused(
      id,
      USERS.leader,
      { decision: decision({ signerId: 'official-cb-003' }) },
      'SIGNER_NOT_LEADERSHIP',
    );
  });

  it('is not dated after today in Vietnam (DECISION_NOT_YET_ISSUED); dated today it is accepted', async () => {
    const id = await proposal('area-na-dukdn', 'official-cb-006');
    await expectRefused(
      id,
      USERS.leader,
      { decision: decision({ issuedOn: addDays(today, 1) }) },
      'DECISION_NOT_YET_ISSUED',
    );
    await expectRefused(
      id,
      USERS.leader,
      { decision: decision({ issuedOn: addDays(today, 366) }) },
      'DECISION_NOT_YET_ISSUED',
    );
    const approved = await call('POST', `/assignments/${id}/approve`, USERS.leader, { decision: decision() });
    expect(approved.statusCode, approved.body).toBe(200);
  });
});

describe('the dates of the decision (Đ2.3)', () => {
  it('is not dated before the proposal it decides (DECISION_BEFORE_PROPOSAL); dated the day of the proposal it is accepted', async () => {
    const id = await proposal('area-na-concuong', 'official-cb-007');
    await expectRefused(
      id,
      USERS.leader,
      { decision: decision({ issuedOn: addDays(today, -1) }) },
      'DECISION_BEFORE_PROPOSAL',
    );
    const approved = await call('POST', `/assignments/${id}/approve`, USERS.leader, { decision: decision() });
    expect(approved.statusCode, approved.body).toBe(200);
  });

  it('makes an appointment take effect no earlier than the first of its month (EFFECTIVE_BEFORE_DECISION, policy 2026.2)', async () => {
    const firstOfMonth = `${today.slice(0, 7)}-01`;
    const backdated = await proposal('area-na-kbnn', 'official-cb-008', addDays(firstOfMonth, -1));
    const response = await call('POST', `/assignments/${backdated}/approve`, USERS.leader, { decision: decision() });
    expect(response.statusCode, response.body).toBe(422);
    expect(errorOf(response)).toMatchObject({ code: 'RuleViolated', rule: 'EFFECTIVE_BEFORE_DECISION' });
    expect(errorOf(response).message).toContain(firstOfMonth);
    await expectRefused(backdated, USERS.leader, { decision: decision() }, 'EFFECTIVE_BEFORE_DECISION');
    // The month already begun is within the window: in effect from its first day.
    const inMonth = await proposal('area-na-hlhpn', 'official-cb-009', firstOfMonth);
    const approved = await call('POST', `/assignments/${inMonth}/approve`, USERS.leader, { decision: decision() });
    expect(approved.statusCode, approved.body).toBe(200);
  });
});

describe('who decides (Đ4.1)', () => {
  it('nobody decides a proposal about themself: a leader appointed as the official may not approve it (CONFLICT_OF_INTEREST)', async () => {
    const id = await proposal('area-na-namdan-kimlien', 'official-ld-02');
    await expectRefused(id, USERS.leader, { decision: decision() }, 'CONFLICT_OF_INTEREST');
    const rejection = await call('POST', `/assignments/${id}/reject`, USERS.leader, { comment: 'Không' });
    expect(rejection.statusCode, rejection.body).toBe(422);
    expect(errorOf(rejection)).toMatchObject({ rule: 'CONFLICT_OF_INTEREST' });
    // Another leader decides it.
    const approved = await call('POST', `/assignments/${id}/approve`, USERS.head, {
      decision: decision({ signerId: 'official-ld-01' }),
    });
    expect(approved.statusCode, approved.body).toBe(200);
  });
});
