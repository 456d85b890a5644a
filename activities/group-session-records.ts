import { recordOnce } from '../domain/audit/log';
import type { ActivityDeps } from './deps';
import { enqueueNotifications } from '../domain/outbox';

export interface QuarterClose {
  idempotencyKey: string;
  at: string;
  groupId: string;
  /** YYYY-Qn */
  quarter: string;
  minimumPerQuarter: number;
}

/**
 * Đ7.B.2 (seed 002: quarterly experience-sharing): at a quarter's end, a group that held fewer sessions than the
 * policy asks is flagged, in one transaction with its audit row and a notice to its leader; the leadership dashboard
 * lists the flags. Idempotent by its key; a group that held its sessions writes nothing.
 */
export function closeGroupQuarter(deps: ActivityDeps) {
  return async (close: QuarterClose): Promise<'held' | 'flagged'> => {
    const prisma = deps.db.prisma;
    const sessions = await prisma.groupSession.count({ where: { groupId: close.groupId, quarter: close.quarter } });
    if (sessions >= close.minimumPerQuarter) return 'held';
    const leader = await prisma.groupMembership.findFirst({
      where: { groupId: close.groupId, isLeader: true, until: null },
      select: { officialId: true },
    });
    const leaderId = leader?.officialId ?? null;
    await recordOnce(
      deps.db,
      {
        idempotencyKey: close.idempotencyKey,
        at: close.at,
        actorId: 'system',
        action: 'GROUP_QUARTER_WITHOUT_SESSION',
        entityType: 'MonitoringGroup',
        entityId: close.groupId,
        payload: { quarter: close.quarter, sessions, minimumPerQuarter: close.minimumPerQuarter },
      },
      async (tx) => {
        await tx.groupQuarterFlag.create({
          data: { groupId: close.groupId, quarter: close.quarter, leaderId, flaggedAt: new Date(close.at) },
        });
        await enqueueNotifications(tx, close.idempotencyKey, close.at, [
          {
            recipientId: leaderId ?? undefined,
            template: 'group.quarter.noSession',
            payload: { groupId: close.groupId, quarter: close.quarter },
          },
        ]);
      },
    );
    return 'flagged';
  };
}
