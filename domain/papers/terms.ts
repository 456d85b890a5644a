/**
 * The committee's terms: the days its congresses closed, entered by the administrator. A Party register numbers from 1
 * in each term (machines/decision-number.ts); the rule per register's format is the policy's `register` section.
 */
import { dayOf } from '../../machines/calendar';
import { registerFormat, type RegisterCalendar } from '../../machines/decision-number';
import { DEFAULT_POLICY } from '../../machines/policy';
import { RULE_VIOLATED } from '../../machines/rules';
import type { Database, PrismaClient } from '../../prisma/database';
import { recordOnce, type Tx } from '../audit/log';
import type { Caller } from '../caller';
import { Refusal } from '../refusal';

export const COMMITTEE_TERM_RECORDED = 'COMMITTEE_TERM_RECORDED';

export interface CommitteeTerm {
  id: string;
  startsOn: string;
  congress: string;
  recordedById: string;
  recordedAt: string;
}

const select = { id: true, startsOn: true, congress: true, recordedById: true, createdAt: true } as const;
const shaped = (row: { id: string; startsOn: string; congress: string; recordedById: string; createdAt: Date }) => ({
  id: row.id,
  startsOn: row.startsOn,
  congress: row.congress,
  recordedById: row.recordedById,
  recordedAt: row.createdAt.toISOString(),
});

/** The rule in force and the terms known, to place a decision in its register. */
export async function registerCalendar(prisma: PrismaClient | Tx): Promise<RegisterCalendar> {
  const terms = await prisma.committeeTerm.findMany({ select: { startsOn: true } });
  return { periods: DEFAULT_POLICY.register, termStarts: terms.map((t) => t.startsOn) };
}

/** The terms, the latest first. */
export async function committeeTerms(prisma: PrismaClient): Promise<CommitteeTerm[]> {
  const rows = await prisma.committeeTerm.findMany({ select, orderBy: { startsOn: 'desc' } });
  return rows.map(shaped);
}

const ruleViolated = (rule: string, message: string, extra: Record<string, unknown> = {}) =>
  new Refusal(422, RULE_VIOLATED, message, { rule, path: 'startsOn', ...extra });

/**
 * Records that a term starts on `startsOn` (the day its congress closed), audited. The same day again answers the
 * term on record. Refused for a day still to come, and for a day on or before which a Party register already numbered
 * a decision in its earlier period (those numbers stay as given, so the term cannot start before them).
 */
export async function recordCommitteeTerm(
  db: Pick<Database, 'prisma' | 'provider'>,
  by: Caller,
  input: { startsOn: string; congress: string },
): Promise<{ term: CommitteeTerm; created: boolean }> {
  const { prisma } = db;
  const existing = await prisma.committeeTerm.findUnique({ where: { startsOn: input.startsOn }, select });
  if (existing) return { term: shaped(existing), created: false };
  const today = dayOf(Date.now());
  if (input.startsOn > today)
    throw ruleViolated(
      'TERM_STARTS_IN_FUTURE',
      `A term is recorded once its congress closed: ${input.startsOn} is after today (${today})`,
    );
  const numbered = await prisma.decision.findMany({
    where: {
      register: { not: null },
      periodStart: { lt: input.startsOn },
      issuedOn: { gte: new Date(input.startsOn) },
    },
    select: { id: true, number: true, register: true, issuedOn: true },
    orderBy: { issuedOn: 'asc' },
  });
  const clash = numbered.find((d) => registerFormat(d.register!) === 'PARTY');
  if (clash)
    throw ruleViolated(
      'TERM_STARTS_BEFORE_NUMBERED_DECISION',
      `The decision ${clash.number} of ${clash.issuedOn.toISOString().slice(0, 10)} was numbered in the period before: a term starting on ${input.startsOn} would renumber it`,
      { decision: { id: clash.id, number: clash.number } },
    );
  await recordOnce(
    db,
    {
      idempotencyKey: `committee-term:${input.startsOn}`,
      at: new Date().toISOString(),
      actorId: by.actor.id,
      action: COMMITTEE_TERM_RECORDED,
      entityType: 'CommitteeTerm',
      entityId: input.startsOn,
      payload: { userId: by.userId, startsOn: input.startsOn, congress: input.congress },
    },
    async (tx) => {
      await tx.committeeTerm.create({ data: { ...input, recordedById: by.actor.id } });
    },
  );
  const row = await prisma.committeeTerm.findUniqueOrThrow({ where: { startsOn: input.startsOn }, select });
  return { term: shaped(row), created: true };
}
