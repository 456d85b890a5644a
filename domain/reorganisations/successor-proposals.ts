/**
 * Leadership settles a unit's AREA_SUCCESSOR proposal: with the assignment it decided on the unit (proposed and
 * approved as any appointment, with its decision), or closed without one (a note says why). The proposal leaves the
 * inbox; the decision itself stays the appointment's. An official who continues on the unit (a candidate: they monitored
 * a predecessor until it ceased) keeps their years served for rotation: the settlement names the years carried (from
 * the predecessor assignment's start, or the earlier start it carried itself), and the route tells the assignment.
 */
import type { ApprovalStatus, Prisma } from '../../prisma/database';
import { recordOnce } from '../audit/log';
import type { Caller } from '../caller';
import type { Db } from '../organisation/audit';
import { dayOf } from '../../machines/calendar';
import { ruleViolated } from '../organisation/periods';
import { completedYears } from './plan';
import { notFound } from '../refusal';

/** The years an official continuing on the unit carries over from the predecessor unit they monitored. */
export interface YearsCarried {
  officialId: string;
  assignmentId: string;
  fromAssignmentId: string;
  fromAreaId: string;
  /** The start of the years counted for rotation (a Vietnam day). */
  servedFrom: string;
  /** Completed years from then to the assignment's effective day. */
  yearsServed: number;
}

export interface SettledProposal {
  id: string;
  areaId: string;
  status: ApprovalStatus;
  carried: YearsCarried | null;
}

interface Candidate {
  officialId: string;
  assignmentId: string;
}

export interface Settlement {
  /** The assignment leadership decided on the unit; null to close the proposal without one. */
  assignmentId: string | null;
  comment: string;
}

export async function settleSuccessorProposal(
  db: Db,
  caller: Caller,
  id: string,
  settlement: Settlement,
): Promise<SettledProposal> {
  const proposal = await db.prisma.approvalRequest.findUnique({
    where: { id },
    select: { kind: true, status: true, areaId: true, payload: true },
  });
  if (!proposal || proposal.kind !== 'AREA_SUCCESSOR') throw notFound('successor proposal', id);
  const outcome = settlement.assignmentId ? 'APPROVED' : 'REJECTED';
  if (proposal.status !== 'PENDING') {
    if (proposal.status === outcome) return settledAnswer(db, id);
    throw ruleViolated('PROPOSAL_SETTLED', `The proposal is already ${proposal.status}`);
  }
  let carried: YearsCarried | null = null;
  if (settlement.assignmentId) {
    const assignment = await db.prisma.assignment.findUnique({
      where: { id: settlement.assignmentId },
      select: { id: true, areaId: true, officialId: true, effectiveFrom: true },
    });
    if (!assignment || assignment.areaId !== proposal.areaId)
      throw ruleViolated(
        'ASSIGNMENT_NOT_ON_UNIT',
        `${settlement.assignmentId} is not an assignment on ${proposal.areaId}`,
        {
          field: 'assignmentId',
        },
      );
    carried = await yearsCarried(db, proposal.payload, assignment);
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
      payload: { ...settlement, areaId: proposal.areaId, userId: caller.userId, carried },
    },
    async (tx) => {
      const updated = await tx.approvalRequest.updateMany({
        where: { id, status: 'PENDING' },
        data: {
          status: outcome,
          payload: {
            ...payloadObject(proposal.payload),
            settlement: { assignmentId: settlement.assignmentId, carried: carried ? { ...carried } : null },
          } as Prisma.InputJsonObject,
        },
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

async function settledAnswer(db: Db, id: string): Promise<SettledProposal> {
  const row = await db.prisma.approvalRequest.findUniqueOrThrow({
    where: { id },
    select: { id: true, areaId: true, status: true, payload: true },
  });
  const settled = payloadObject(row.payload).settlement as { carried?: YearsCarried | null } | undefined;
  return { id: row.id, areaId: row.areaId!, status: row.status, carried: settled?.carried ?? null };
}

const payloadObject = (payload: unknown): Record<string, unknown> =>
  payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : {};

/**
 * The years carried when the assignment's official is one of the proposal's candidates: from the start of their
 * predecessor assignment's years (its own carried start if it had one), when earlier than the new assignment's start.
 */
async function yearsCarried(
  db: Db,
  payload: unknown,
  assignment: { id: string; officialId: string; effectiveFrom: Date },
): Promise<YearsCarried | null> {
  const candidates = (payloadObject(payload).candidates ?? []) as Candidate[];
  const candidate = candidates.find((c) => c.officialId === assignment.officialId);
  if (!candidate) return null;
  const former = await db.prisma.assignment.findUnique({
    where: { id: candidate.assignmentId },
    select: { id: true, areaId: true, officialId: true, effectiveFrom: true, servedFrom: true },
  });
  if (!former || former.officialId !== assignment.officialId) return null;
  const servedFrom = dayOf((former.servedFrom ?? former.effectiveFrom).getTime());
  const startsOn = dayOf(assignment.effectiveFrom.getTime());
  if (servedFrom >= startsOn) return null;
  return {
    officialId: assignment.officialId,
    assignmentId: assignment.id,
    fromAssignmentId: former.id,
    fromAreaId: former.areaId,
    servedFrom,
    yearsServed: completedYears(servedFrom, startsOn),
  };
}
