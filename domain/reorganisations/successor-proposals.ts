/**
 * Leadership settles a unit's AREA_SUCCESSOR proposal: with the assignment it decided on the unit (proposed and
 * approved as any appointment, with its decision), or closed without one (a note says why). The proposal leaves the
 * inbox; the decision itself stays the appointment's.
 */
import { recordOnce } from '../audit/log';
import type { Caller } from '../caller';
import type { Db } from '../organisation/audit';
import { ruleViolated } from '../organisation/periods';
import { notFound } from '../refusal';

export interface Settlement {
  /** The assignment leadership decided on the unit; null to close the proposal without one. */
  assignmentId: string | null;
  comment: string;
}

export async function settleSuccessorProposal(db: Db, caller: Caller, id: string, settlement: Settlement) {
  const proposal = await db.prisma.approvalRequest.findUnique({
    where: { id },
    select: { kind: true, status: true, areaId: true },
  });
  if (!proposal || proposal.kind !== 'AREA_SUCCESSOR') throw notFound('successor proposal', id);
  const outcome = settlement.assignmentId ? 'APPROVED' : 'REJECTED';
  if (proposal.status !== 'PENDING') {
    if (proposal.status === outcome) return settledAnswer(db, id);
    throw ruleViolated('PROPOSAL_SETTLED', `The proposal is already ${proposal.status}`);
  }
  if (settlement.assignmentId) {
    const assignment = await db.prisma.assignment.findUnique({
      where: { id: settlement.assignmentId },
      select: { areaId: true },
    });
    if (!assignment || assignment.areaId !== proposal.areaId)
      throw ruleViolated(
        'ASSIGNMENT_NOT_ON_UNIT',
        `${settlement.assignmentId} is not an assignment on ${proposal.areaId}`,
        {
          field: 'assignmentId',
        },
      );
  }
  const decidedAt = new Date();
  await recordOnce(
    db,
    {
      idempotencyKey: `areas:AREA_SUCCESSOR_${outcome}:${id}`,
      at: decidedAt.toISOString(),
      actorId: caller.actor.id,
      action: `AREA_SUCCESSOR_${outcome}`,
      entityType: 'ApprovalRequest',
      entityId: id,
      payload: { ...settlement, areaId: proposal.areaId, userId: caller.userId },
    },
    async (tx) => {
      const updated = await tx.approvalRequest.updateMany({
        where: { id, status: 'PENDING' },
        data: { status: outcome },
      });
      if (updated.count !== 1) throw ruleViolated('PROPOSAL_SETTLED', 'The proposal was settled meanwhile');
      await tx.approvalDecision.create({
        data: {
          requestId: id,
          outcome,
          decidedById: caller.actor.id,
          comment: [settlement.assignmentId && `Phân công ${settlement.assignmentId}`, settlement.comment]
            .filter(Boolean)
            .join('. '),
          decidedAt,
        },
      });
    },
  );
  return settledAnswer(db, id);
}

async function settledAnswer(db: Db, id: string) {
  const row = await db.prisma.approvalRequest.findUniqueOrThrow({
    where: { id },
    select: { id: true, areaId: true, status: true },
  });
  return { id: row.id, areaId: row.areaId!, status: row.status };
}
