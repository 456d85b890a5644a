/**
 * A Party register numbers per document type for the committee's term (policy 2026.5): numbers run on over 1 January
 * and restart at 1 on the day a new term starts (its congress closed, entered by the administrator, audited); a number
 * taken in the term is refused again; a State register still restarts each calendar year. The signing block is data:
 * the head signs "TRƯỞNG BAN", a deputy "K/T TRƯỞNG BAN" over "PHÓ TRƯỞNG BAN", a collective body "T/M".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reserveDecisionNumber } from '../../domain/decisions/register';
import { Refusal } from '../../domain/refusal';
import { dayOf } from '../../machines/calendar';
import { periodStartOf, registerFormat } from '../../machines/decision-number';
import { DEFAULT_POLICY } from '../../machines/policy';
import { capacityOfPost, signingBlock } from '../../machines/signing-block';
import { errorOf, SEEDED_USERS as USERS } from '../support/api-client';
import { type ApiSuite, startApiSuite } from '../support/api-suite';

let suite: ApiSuite;
let today: string;
/** Two years back and one year back: every day used is in the past whatever today is. */
let y2: number;
let y1: number;
const call = (...args: Parameters<ApiSuite['api']['call']>) => suite.api.call(...args);

const REGISTER = 'QĐ/BTCTU/TERM-TEST';
const STATE_REGISTER = 'QĐ-UBNDTEST';

beforeAll(async () => {
  suite = await startApiSuite();
  today = dayOf(await suite.h.env.currentTimeMs());
  y1 = Number(today.slice(0, 4)) - 1;
  y2 = y1 - 1;
});

afterAll(async () => {
  await suite?.close();
});

const reserve = (assignmentId: string, number: string, issuedOn: string) =>
  reserveDecisionNumber(
    suite.h.db.prisma,
    assignmentId,
    { number, issuedOn, signerId: 'official-ld-02', summary: 'Phân công theo dõi địa bàn' },
    'APPOINTMENT',
  );

async function refusalOf(promise: Promise<unknown>): Promise<Refusal> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Refusal);
  return error as Refusal;
}

async function nextNumber(register: string, on: string) {
  const response = await call(
    'GET',
    `/decisions/next-number?register=${encodeURIComponent(register)}&on=${on}`,
    USERS.leader,
  );
  expect(response.statusCode, response.body).toBe(200);
  return response.json<{ sequence: number; periodStart: string; number: string; year: number }>();
}

describe('the register per term', () => {
  it('policy 2026.5 numbers Party registers per term and State registers per calendar year', () => {
    expect(DEFAULT_POLICY.version).toBe('2026.5');
    expect(DEFAULT_POLICY.register).toEqual({ party: 'TERM', state: 'CALENDAR_YEAR' });
    expect(registerFormat('QĐ/BTCTU')).toBe('PARTY');
    expect(registerFormat('QĐ-UBND')).toBe('STATE');
    const calendar = { periods: DEFAULT_POLICY.register, termStarts: ['2020-10-15', '2025-11-28'] };
    expect(periodStartOf('QĐ/BTCTU', '2025-11-27', calendar)).toBe('2020-10-15');
    expect(periodStartOf('QĐ/BTCTU', '2025-11-28', calendar)).toBe('2025-11-28');
    expect(periodStartOf('QĐ/BTCTU', '2026-01-02', calendar)).toBe('2025-11-28');
    expect(periodStartOf('QĐ-UBND', '2026-01-02', calendar)).toBe('2026-01-01');
    // Before any term on record, the calendar year (as every number given before the register ran per term).
    expect(periodStartOf('QĐ/BTCTU', '2019-05-05', calendar)).toBe('2019-01-01');
  });

  it('restarts numbers at a new term’s start day, not on 1 January; a number taken in the term is refused', async () => {
    // The administrator records the term; others may read it, not record it; a day to come is refused.
    const first = await call('POST', '/committee-terms', USERS.admin, {
      startsOn: `${y2}-06-01`,
      congress: 'Đại hội đại biểu Đảng bộ tỉnh lần thứ XIX',
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({
      startsOn: `${y2}-06-01`,
      congress: 'Đại hội đại biểu Đảng bộ tỉnh lần thứ XIX',
    });
    const again = await call('POST', '/committee-terms', USERS.admin, { startsOn: `${y2}-06-01`, congress: 'XIX' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json<{ id: string }>().id).toBe(first.json<{ id: string }>().id);
    expect(
      (await call('POST', '/committee-terms', USERS.leader, { startsOn: `${y2}-06-01`, congress: 'XIX' })).statusCode,
    ).toBe(403);
    const future = await call('POST', '/committee-terms', USERS.admin, {
      startsOn: `${y1 + 3}-01-01`,
      congress: 'XXII',
    });
    expect(future.statusCode, future.body).toBe(422);
    expect(errorOf(future)).toMatchObject({ rule: 'TERM_STARTS_IN_FUTURE', path: 'startsOn' });
    const bad = await call('POST', '/committee-terms', USERS.admin, { startsOn: 'yesterday', congress: 'XIX' });
    expect(bad.statusCode, bad.body).toBe(400);

    // Number 1 of the term in December; the next number on 5 January is 2: no restart with the year.
    expect(await nextNumber(REGISTER, `${y2}-12-20`)).toMatchObject({ sequence: 1, periodStart: `${y2}-06-01` });
    await reserve('term-test-a', `1-${REGISTER}`, `${y2}-12-20`);
    expect(await nextNumber(REGISTER, `${y1}-01-05`)).toMatchObject({
      sequence: 2,
      number: `2-${REGISTER}`,
      periodStart: `${y2}-06-01`,
      year: y1,
    });
    await reserve('term-test-b', `2-${REGISTER}`, `${y1}-01-05`);
    // Number 1 again within the term, in another year, is taken.
    const reused = await refusalOf(reserve('term-test-c', `1-${REGISTER}`, `${y1}-01-06`));
    expect(reused.extra).toMatchObject({ rule: 'DECISION_NUMBER_TAKEN', decision: { number: `1-${REGISTER}` } });
    // A State register restarted on 1 January.
    expect(await nextNumber(STATE_REGISTER, `${y1}-01-05`)).toMatchObject({ sequence: 1, periodStart: `${y1}-01-01` });

    // A term cannot start before a number already given in the period before it.
    const early = await call('POST', '/committee-terms', USERS.admin, { startsOn: `${y1}-01-01`, congress: 'XX' });
    expect(early.statusCode, early.body).toBe(422);
    expect(errorOf(early)).toMatchObject({
      rule: 'TERM_STARTS_BEFORE_NUMBERED_DECISION',
      decision: { number: `2-${REGISTER}` },
    });

    // The new term starts: its first number is 1, and the earlier numbers stay as given.
    const second = await call('POST', '/committee-terms', USERS.admin, {
      startsOn: `${y1}-03-01`,
      congress: 'Đại hội đại biểu Đảng bộ tỉnh lần thứ XX',
    });
    expect(second.statusCode, second.body).toBe(201);
    expect(await nextNumber(REGISTER, `${y1}-02-28`)).toMatchObject({ sequence: 3, periodStart: `${y2}-06-01` });
    expect(await nextNumber(REGISTER, `${y1}-03-01`)).toMatchObject({ sequence: 1, periodStart: `${y1}-03-01` });
    await reserve('term-test-d', `1-${REGISTER}`, `${y1}-03-02`);
    const rows = await suite.h.db.prisma.decision.findMany({
      where: { register: REGISTER },
      select: { number: true, periodStart: true, sequence: true },
      orderBy: { issuedOn: 'asc' },
    });
    expect(rows).toEqual([
      { number: `1-${REGISTER}`, periodStart: `${y2}-06-01`, sequence: 1 },
      { number: `2-${REGISTER}`, periodStart: `${y2}-06-01`, sequence: 2 },
      { number: `1-${REGISTER}`, periodStart: `${y1}-03-01`, sequence: 1 },
    ]);

    // The terms, latest first, for leadership and the auditor too; each recording audited once.
    const terms = await call('GET', '/committee-terms', USERS.auditor);
    expect(terms.statusCode, terms.body).toBe(200);
    expect(terms.json<{ items: { startsOn: string }[] }>().items.map((t) => t.startsOn)).toEqual([
      `${y1}-03-01`,
      `${y2}-06-01`,
    ]);
    expect((await call('GET', '/committee-terms', USERS.official)).statusCode).toBe(403);
    const audited = await suite.h.db.prisma.auditEvent.findMany({
      where: { action: 'COMMITTEE_TERM_RECORDED' },
      select: { entityId: true },
    });
    expect(audited.map((a) => a.entityId).sort()).toEqual([`${y2}-06-01`, `${y1}-03-01`]);
  });
});

describe('the signing block', () => {
  it('prints TRƯỞNG BAN for the head, K/T TRƯỞNG BAN over PHÓ TRƯỞNG BAN for a deputy, T/M for a collective body', () => {
    expect(capacityOfPost('HEAD_OF_BOARD')).toBe('HEAD');
    expect(capacityOfPost('DEPUTY_HEAD')).toBe('DEPUTY');
    expect(capacityOfPost('SPECIALIST')).toBeNull();
    expect(signingBlock({ signerId: 'a', signerName: 'Nguyễn Văn An', capacity: 'HEAD' })).toEqual({
      signerId: 'a',
      capacity: 'HEAD',
      titleLines: ['TRƯỞNG BAN'],
      signerName: 'Nguyễn Văn An',
    });
    expect(signingBlock({ signerId: 'b', signerName: 'Trần Thị Bình', capacity: 'DEPUTY' }).titleLines).toEqual([
      'K/T TRƯỞNG BAN',
      'PHÓ TRƯỞNG BAN',
    ]);
    expect(
      signingBlock({
        signerId: 'c',
        signerName: 'Lê Văn Cường',
        capacity: 'COLLECTIVE',
        body: 'Ban Thường vụ',
        signerTitle: 'Bí thư',
      }).titleLines,
    ).toEqual(['T/M BAN THƯỜNG VỤ', 'BÍ THƯ']);
    expect(() => signingBlock({ signerId: 'c', signerName: 'Lê Văn Cường', capacity: 'COLLECTIVE' })).toThrow(/body/);
  });
});
