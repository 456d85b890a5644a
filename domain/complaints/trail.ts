/**
 * What the complaint record does not hold and the audit trail does: the day the Board received the complaint
 * (written when it is lodged, before its workflow starts) and its verifier (who started the verification).
 */
import { recordOnce } from '../audit/log';
import type { Database, PrismaClient } from '../../prisma/database';

export const COMPLAINT_RECEIVED = 'COMPLAINT_RECEIVED';
const VERIFICATION_STARTED = 'COMPLAINT_VERIFICATION_STARTED';

export interface ComplaintTrail {
  receivedOn: string | null;
  verifierId: string | null;
}

export interface Receipt {
  complaintId: string;
  assignmentId: string;
  /** The day the Board received it. */
  receivedOn: string;
  /** Who recorded it: the actor, and the user behind them. */
  recordedBy: { actorId: string; userId: string };
  at: Date;
}

/** Who recorded the complaint and when the Board received it, on the audit chain (once, whatever the retries). */
export async function recordReceipt(db: Pick<Database, 'prisma' | 'provider'>, receipt: Receipt): Promise<void> {
  await recordOnce(
    db,
    {
      idempotencyKey: `complaint-received:${receipt.complaintId}`,
      at: receipt.at.toISOString(),
      actorId: receipt.recordedBy.actorId,
      action: COMPLAINT_RECEIVED,
      entityType: 'Complaint',
      entityId: receipt.complaintId,
      assignmentId: receipt.assignmentId,
      payload: { receivedOn: receipt.receivedOn, userId: receipt.recordedBy.userId },
    },
    async () => {},
  );
}

/** The trails of the complaints `ids`, read at once, looked up by id. */
export async function trailsOf(prisma: PrismaClient, ids: string[]): Promise<(id: string) => ComplaintTrail> {
  const events = await prisma.auditEvent.findMany({
    where: {
      entityType: 'Complaint',
      entityId: { in: ids },
      action: { in: [COMPLAINT_RECEIVED, VERIFICATION_STARTED] },
    },
    select: { entityId: true, action: true, actorId: true, payload: true },
  });
  return (id) => {
    const received = events.find((e) => e.entityId === id && e.action === COMPLAINT_RECEIVED)?.payload as
      { receivedOn?: string } | undefined;
    const started = events.find((e) => e.entityId === id && e.action === VERIFICATION_STARTED);
    return { receivedOn: received?.receivedOn ?? null, verifierId: started?.actorId ?? null };
  };
}
