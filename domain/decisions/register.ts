/**
 * The register of written decisions: a number is taken once per register and period (the committee's term, or the
 * calendar year: machines/decision-number.ts). An approval
 * takes its number before it is sent to the workflow, by creating the decision's row inside the unique index
 * (register, periodStart, sequence): of two approvals sending the same number at once, the database lets one in and the other
 * is refused with DECISION_NUMBER_TAKEN. Never a read-then-write. The row is a reservation until the workflow's record
 * of the approval clears it (activities/assignment-records.ts); a refused approval releases it.
 */
import type { DecisionKind, PrismaClient } from '../../prisma/database';
import { periodStartOf, registerPlace, type RegisterPlace } from '../../machines/decision-number';
import type { ApproveArgs } from '../../workflows/assignment.messages';
import { RULE_VIOLATED } from '../../machines/rules';
import { registerCalendar } from '../papers/terms';
import { Refusal } from '../refusal';

/** A reservation older than this belongs to an approval that never reached its workflow (the API stopped midway). */
export const STALE_RESERVATION_MS = 10 * 60 * 1000;

export interface Reservation {
  decisionId: string;
  /** Gives the number back when the approval was refused; a no-op once the workflow recorded the decision. */
  release(): Promise<void>;
}

type WrittenDecision = ApproveArgs['decision'];

const holderSelect = {
  id: true,
  number: true,
  issuedOn: true,
  signerId: true,
  heldByAssignmentId: true,
  reservedAt: true,
  kind: true,
} as const;

const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === 'P2002';

function taken(
  holder: { id: string; number: string; issuedOn: Date; signerId: string; heldByAssignmentId: string | null },
  place: RegisterPlace | null,
): Refusal {
  const where = place
    ? `number ${place.sequence} of the register ${place.register} in its period from ${place.periodStart}`
    : 'this number';
  return new Refusal(
    422,
    RULE_VIOLATED,
    `The decision ${holder.number} of ${holder.issuedOn.toISOString().slice(0, 10)} already holds ${where}` +
      (holder.heldByAssignmentId ? `, for assignment ${holder.heldByAssignmentId}` : ''),
    {
      rule: 'DECISION_NUMBER_TAKEN',
      path: 'decision.number',
      decision: {
        id: holder.id,
        number: holder.number,
        issuedOn: holder.issuedOn.toISOString().slice(0, 10),
        signerId: holder.signerId,
      },
      assignmentId: holder.heldByAssignmentId,
    },
  );
}

/**
 * Takes the decision's number for this assignment's approval. The same decision again for the same assignment (a
 * retried request) keeps its row; any other holder refuses it, whatever its date and signer: one decision per approval
 * (a rotation's successor is appointed under the same decision by the workflow itself, never through this door).
 */
export async function reserveDecisionNumber(
  prisma: PrismaClient,
  assignmentId: string,
  decision: WrittenDecision,
  kind: DecisionKind,
): Promise<Reservation> {
  const place = registerPlace(decision.number, decision.issuedOn, await registerCalendar(prisma));
  if (!place) {
    // The schema refuses such numbers first; this keeps a caller that skipped it from writing outside the register.
    throw new Refusal(400, 'INVALID_INPUT', 'The request is invalid', {
      issues: [{ path: 'decision.number', message: 'a decision number is "<number>-<register>", e.g. 12-QĐ/BTCTU' }],
    });
  }
  // A number written before the register (no place in it) is still that decision's.
  const legacy = await prisma.decision.findFirst({
    where: {
      number: decision.number,
      register: null,
      issuedOn: { gte: new Date(`${place.year}-01-01`), lt: new Date(`${place.year + 1}-01-01`) },
    },
    select: holderSelect,
  });
  if (legacy && legacy.heldByAssignmentId !== assignmentId) throw taken(legacy, null);

  const issuedOn = new Date(decision.issuedOn);
  const fields = {
    number: decision.number,
    issuedOn,
    signerId: decision.signerId,
    summary: decision.summary ?? '',
    kind,
    heldByAssignmentId: assignmentId,
  };
  const release = (id: string) => async () => {
    await prisma.decision.deleteMany({ where: { id, reservedAt: { not: null } } });
  };
  try {
    const row = await prisma.decision.create({
      data: { ...fields, ...place, reservedAt: new Date() },
      select: { id: true },
    });
    return { decisionId: row.id, release: release(row.id) };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const holder = await prisma.decision.findUnique({
    where: {
      register_periodStart_sequence: {
        register: place.register,
        periodStart: place.periodStart,
        sequence: place.sequence,
      },
    },
    select: holderSelect,
  });
  if (!holder) {
    // Released between our attempt and this read: the caller may simply send it again.
    throw new Refusal(409, 'DECISION_NUMBER_BUSY', 'The decision number was just released; send the approval again', {
      path: 'decision.number',
    });
  }
  // The same approval sent again: same assignment, same date, signer and kind. Another decision of the same assignment
  // (its closure after its appointment) takes a number of its own.
  const sameDecision =
    holder.issuedOn.getTime() === issuedOn.getTime() && holder.signerId === decision.signerId && holder.kind === kind;
  if (holder.heldByAssignmentId === assignmentId && sameDecision) {
    return { decisionId: holder.id, release: async () => {} };
  }
  if (holder.reservedAt && Date.now() - holder.reservedAt.getTime() > STALE_RESERVATION_MS) {
    // Taken over only if still the same stale reservation: a conditional write, so two takers cannot both win.
    const { count } = await prisma.decision.updateMany({
      where: { id: holder.id, reservedAt: holder.reservedAt },
      data: { ...fields, reservedAt: new Date() },
    });
    if (count === 1) return { decisionId: holder.id, release: release(holder.id) };
  }
  throw taken(holder, place);
}

/**
 * The next free number of a register for a decision issued on `on` (YYYY-MM-DD): one past the highest taken in that
 * day's period (reservations included), with the period's first day.
 */
export async function nextDecisionSequence(
  prisma: PrismaClient,
  register: string,
  on: string,
): Promise<{ sequence: number; periodStart: string }> {
  const periodStart = periodStartOf(register, on, await registerCalendar(prisma));
  const { _max } = await prisma.decision.aggregate({ where: { register, periodStart }, _max: { sequence: true } });
  return { sequence: (_max.sequence ?? 0) + 1, periodStart };
}
