/**
 * The register of written decisions (Đ2.3), over HTTP against the real workflow: "12-QĐ/BTCTU" is
 * number 12 of the register QĐ/BTCTU in the year of its date, taken once, by one approval, even when two are sent at
 * the same moment; the leader's form is offered the next free number, and leadership and the auditor read the register.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dayOf } from '../../machines/calendar';
import { errorOf, SEEDED_USERS as USERS } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';

let suite: ApiSuite;
let today: string;
let year: number;
const call = (...args: Parameters<ApiSuite['api']['call']>) => suite.api.call(...args);

beforeAll(async () => {
  suite = await startApiSuite();
  today = dayOf(await suite.h.env.currentTimeMs());
  year = Number(today.slice(0, 4));
});

afterAll(async () => {
  await suite?.close();
});

const REGISTER = 'QĐ/BTCTU/REGISTER-TEST';
const decision = (sequence: number | string, overrides: Record<string, string> = {}) => ({
  number: typeof sequence === 'number' ? `${sequence}-${REGISTER}` : sequence,
  issuedOn: today,
  signerId: 'official-ld-02',
  ...overrides,
});

/** Board leadership proposes: officials of every department, leadership included (a department head proposes
 * only their own department's); this suite is about the decisions, and ld04 decides none of them. */
const PROPOSER = 'ld04';

async function proposal(areaId: string, officialId: string): Promise<string> {
  const response = await call('POST', '/assignments', PROPOSER, {
    areaId,
    officialId,
    effectiveFrom: today,
    reason: 'Phân công theo dõi địa bàn',
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ assignmentId: string }>().assignmentId;
}

const approve = (id: string, body: unknown, username: string = USERS.leader) =>
  call('POST', `/assignments/${id}/approve`, username, body);

async function stateOf(id: string): Promise<string> {
  const view = await call('GET', `/assignments/${id}`, USERS.leader);
  return view.json<{ view: { state: string } }>().view.state;
}

describe('a decision number is taken once per register and year', () => {
  it('refuses a number another assignment holds, with another date or signer or the same (DECISION_NUMBER_TAKEN, naming the decision and its assignment)', async () => {
    const first = await proposal('area-na-vinh-hungdung', 'official-cb-010');
    const approved = await approve(first, { decision: decision(12) });
    expect(approved.statusCode, approved.body).toBe(200);

    const second = await proposal('area-na-dukcq', 'official-cb-011');
    for (const body of [
      { decision: decision(12, { signerId: 'official-ld-03' }) },
      { decision: decision(12) },
      // Leading zeros and the register's case do not make another number.
      { decision: decision(`012-${REGISTER.toLowerCase()}`) },
    ]) {
      const refused = await approve(second, body);
      expect(refused.statusCode, refused.body).toBe(422);
      expect(errorOf(refused)).toMatchObject({
        code: 'RuleViolated',
        rule: 'DECISION_NUMBER_TAKEN',
        path: 'decision.number',
        assignmentId: first,
        decision: { number: `12-${REGISTER}`, issuedOn: today, signerId: 'official-ld-02' },
      });
    }
    expect(await stateOf(second)).toBe('awaitingApproval');
    expect(await suite.h.db.prisma.approvalDecision.count({ where: { request: { assignmentId: second } } })).toBe(0);
    // The first assignment's decision is its own, not shared.
    const rows = await suite.h.db.prisma.assignment.findMany({
      where: { id: { in: [first, second] } },
      select: { id: true, decision: { select: { number: true } } },
    });
    expect(rows.find((r) => r.id === second)?.decision).toBeNull();

    // Another number, or the same number in another register, is free.
    const other = await approve(second, { decision: { ...decision(12), number: '12-QĐ/TU-REGISTER-TEST' } });
    expect(other.statusCode, other.body).toBe(200);
  });

  it('gives the number back when the workflow refuses the approval', async () => {
    const own = await proposal('area-na-mttq', 'official-ld-03');
    // ld03 is the official of this proposal: the workflow refuses (CONFLICT_OF_INTEREST) after the number was held.
    const refused = await approve(own, { decision: decision(20, { signerId: 'official-ld-02' }) }, 'ld03');
    expect(refused.statusCode, refused.body).toBe(422);
    expect(errorOf(refused)).toMatchObject({ rule: 'CONFLICT_OF_INTEREST' });
    const next = await proposal('area-na-snv', 'official-cb-012');
    const approved = await approve(next, { decision: decision(20) });
    expect(approved.statusCode, approved.body).toBe(200);
  });

  it('lets exactly one of two approvals sent at once with the same number take it', async () => {
    const [a, b] = await Promise.all([
      proposal('area-na-hoangmai', 'official-cb-013'),
      proposal('area-na-dienchau', 'official-cb-014'),
    ]);
    const answers = await Promise.all([
      approve(a, { decision: decision(30) }),
      approve(b, { decision: decision(30, { signerId: 'official-ld-04' }) }, USERS.head),
    ]);
    const codes = answers.map((r) => r.statusCode).sort();
    expect(codes, answers.map((r) => r.body).join('\n')).toEqual([200, 422]);
    const loser = answers.find((r) => r.statusCode === 422)!;
    expect(errorOf(loser)).toMatchObject({ rule: 'DECISION_NUMBER_TAKEN' });
    const waiting = await Promise.all([stateOf(a), stateOf(b)]);
    expect(waiting.filter((state) => state === 'awaitingApproval')).toHaveLength(1);
    expect(await suite.h.db.prisma.decision.count({ where: { register: REGISTER, year, sequence: 30 } })).toBe(1);
  });

  it('refuses a number not written "<number>-<register>" with 400 naming decision.number', async () => {
    const id = await proposal('area-na-tinhdoan', 'official-cb-015');
    for (const number of ['abc', 'QĐ/BTCTU', '0-QĐ/BTCTU', '12-', '12 QĐ/BTCTU', '12-QĐ']) {
      const response = await approve(id, { decision: decision(number) });
      expect(response.statusCode, `${number}: ${response.body}`).toBe(400);
      expect(errorOf(response).issues).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: 'decision.number' })]),
      );
    }
    expect(await stateOf(id)).toBe('awaitingApproval');
  });
});

describe('the register over HTTP', () => {
  it('offers the next free number of a register this year to leadership (GET /decisions/next-number)', async () => {
    const register = encodeURIComponent('QĐ/BTCTU/NEXT-TEST');
    const empty = await call('GET', `/decisions/next-number?register=${register}&year=${year}`, USERS.leader);
    expect(empty.statusCode, empty.body).toBe(200);
    expect(empty.json()).toEqual({
      register: 'QĐ/BTCTU/NEXT-TEST',
      year,
      periodStart: `${year}-01-01`,
      sequence: 1,
      number: '1-QĐ/BTCTU/NEXT-TEST',
    });

    const id = await proposal('area-na-namdan-tt', 'official-cb-016');
    const approved = await approve(id, { decision: decision('7-QĐ/BTCTU/NEXT-TEST') });
    expect(approved.statusCode, approved.body).toBe(200);
    const next = await call('GET', `/decisions/next-number?register=${register}&year=${year}`, USERS.head);
    expect(next.json()).toMatchObject({ sequence: 8, number: '8-QĐ/BTCTU/NEXT-TEST' });

    // The default register is the Board's; a malformed one is a 400 naming it; an official may not ask.
    const board = await call('GET', '/decisions/next-number', USERS.leader);
    expect(board.json()).toMatchObject({ register: 'QĐ/BTCTU' });
    const bad = await call('GET', '/decisions/next-number?register=%20%2F', USERS.leader);
    expect(bad.statusCode, bad.body).toBe(400);
    expect((await call('GET', '/decisions/next-number', USERS.official)).statusCode).toBe(403);
  });

  it('lists the register, paginated, to leadership and the auditor only (GET /decisions)', async () => {
    const a = await proposal('area-na-nghiloc-nghiphong', 'official-cb-017');
    const b = await proposal('area-na-cualo', 'official-cb-018');
    expect((await approve(a, { decision: decision('1-QĐ/BTCTU/LIST-TEST') })).statusCode).toBe(200);
    expect((await approve(b, { decision: decision('2-QĐ/BTCTU/LIST-TEST') })).statusCode).toBe(200);

    const register = encodeURIComponent('QĐ/BTCTU/LIST-TEST');
    const first = await call('GET', `/decisions?register=${register}&year=${year}&limit=1`, USERS.auditor);
    expect(first.statusCode, first.body).toBe(200);
    const page = first.json<{ items: Record<string, unknown>[]; nextCursor: string | null }>();
    expect(page.items).toEqual([
      expect.objectContaining({
        number: '2-QĐ/BTCTU/LIST-TEST',
        register: 'QĐ/BTCTU/LIST-TEST',
        year,
        sequence: 2,
        issuedOn: today,
        kind: 'APPOINTMENT',
        signer: expect.objectContaining({ id: 'official-ld-02' }),
        assignmentId: b,
        status: 'ISSUED',
      }),
    ]);
    const second = await call(
      'GET',
      `/decisions?register=${register}&year=${year}&limit=1&cursor=${page.nextCursor}`,
      USERS.leader,
    );
    expect(second.json<{ items: { assignmentId: string }[]; nextCursor: null }>()).toMatchObject({
      items: [{ assignmentId: a, sequence: 1 }],
      nextCursor: null,
    });
    for (const who of [USERS.departmentHead, USERS.official, USERS.admin]) {
      expect((await call('GET', '/decisions', who)).statusCode, who).toBe(403);
    }
  });

  it("refuses an assignment's own appointment number for its closure: one decision per approval", async () => {
    const id = await proposal('area-na-hlhpn', 'official-cb-019');
    const appointment = decision(70);
    expect((await approve(id, { decision: appointment })).statusCode).toBe(200);
    const proposed = await call('POST', `/assignments/${id}/propose`, PROPOSER, {
      proposal: { kind: 'CLOSURE', closureReason: 'RETIRED', reason: 'Đồng chí nghỉ hưu theo chế độ' },
    });
    expect(proposed.statusCode, proposed.body).toBe(200);
    const reused = await approve(id, { decision: appointment });
    expect(reused.statusCode, reused.body).toBe(422);
    expect(errorOf(reused)).toMatchObject({ rule: 'DECISION_NUMBER_TAKEN' });
    expect(await stateOf(id)).not.toBe('closed');
  });
});
