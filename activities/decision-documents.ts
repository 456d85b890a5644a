/**
 * The decision's document, issued right after the transition that recorded the decision: its .docx made from the
 * records as they stand that day and stored with its hash (domain/papers/issued.ts). Idempotent: a retried activity
 * finds the document stored. A document that cannot be made now (a broken template) never fails the decision's
 * workflow: it is made on the first download instead, and the fault is logged.
 */
import { readIssuedDocument } from '../domain/papers/issued';
import type { ActivityDeps } from './deps';

interface DecisionOf {
  decision?: { number: string; issuedOn: string; signerId: string } | undefined;
  appointmentDecision?: boolean | undefined;
  payload?: Record<string, unknown> | undefined;
}

/**
 * A move with a successor is issued when the successor's appointment under the same decision is recorded (a moment
 * later, by the successor's workflow), so the paper names both; any other decision at once.
 */
const completes = (step: DecisionOf): boolean =>
  Boolean(step.appointmentDecision) || !step.payload?.successorOfficialId;

export function issueDocumentAfterDecision<Step extends DecisionOf, Result>(
  deps: ActivityDeps,
  write: (step: Step) => Promise<Result>,
): (step: Step) => Promise<Result> {
  return async (step) => {
    const result = await write(step);
    if (step.decision && completes(step)) await issueDocument(deps, step.decision);
    return result;
  };
}

async function issueDocument(deps: ActivityDeps, decision: NonNullable<DecisionOf['decision']>): Promise<void> {
  try {
    const row = await deps.db.prisma.decision.findFirst({
      where: {
        number: decision.number,
        issuedOn: new Date(decision.issuedOn),
        signerId: decision.signerId,
        reservedAt: null,
      },
      orderBy: { createdAt: 'asc' },
      select: { id: true },
    });
    if (row) await readIssuedDocument(deps.db, row.id, 'docx');
  } catch (error) {
    console.warn(
      `papers: decision ${decision.number}: its document is left to its first download: ${(error as Error).message}`,
    );
  }
}
