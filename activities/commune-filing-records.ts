import { type AuditedWrite, type AuditEntry, recordAllOnce, recordOnce, type WriteOutcome } from '../domain/audit/log';
import { enqueueNotifications, type Notification } from '../domain/outbox';
import type { CommuneFilingKindName } from '../machines/commune-filings';
import type { ActivityDeps } from './deps';

/** A filing of a leader's commune, as its rows name it. */
export interface CommuneFilingRef {
  linkId: string;
  kind: CommuneFilingKindName;
  period: string;
}

export type CommuneFilingChange =
  | { kind: 'OPENED'; dueOn: string; policyVersion: string }
  | { kind: 'REMINDED' }
  | { kind: 'MISSED' }
  /** 1: the agency's head, 2: the Standing Committee's office. */
  | { kind: 'ESCALATED'; level: 1 | 2 }
  | { kind: 'NOT_FILED' }
  | { kind: 'CANCELLED' };

export interface CommuneFilingStep extends Omit<AuditEntry, 'entityType' | 'entityId' | 'assignmentId'> {
  filing: CommuneFilingRef;
  change: CommuneFilingChange;
  notifications?: Notification[] | undefined;
}

export interface CommuneFiled extends Omit<AuditEntry, 'entityType' | 'entityId' | 'assignmentId' | 'action'> {
  filing: CommuneFilingRef;
  late: boolean;
  content: string;
  /** A report's days at the commune, unique and sorted; absent when it gives none. */
  fieldDays?: string[] | undefined;
}

const entityOf = ({ linkId, kind, period }: CommuneFilingRef) => ({
  entityType: 'CommuneFiling',
  entityId: `${linkId}/${kind}/${period}`,
});
const keyOf = ({ linkId, kind, period }: CommuneFilingRef) => ({ linkId_kind_period: { linkId, kind, period } });

/** A step of a filing's deadline as an audited write: its audit row, the filing's row and the notices beside it. */
function stepWrite(step: CommuneFilingStep): AuditedWrite {
  const { filing, change } = step;
  return {
    entry: { ...step, ...entityOf(filing), payload: { ...step.payload, ...filing, change } },
    write: async (tx) => {
      const at = new Date(step.at);
      const where = keyOf(filing);
      if (change.kind === 'OPENED')
        await tx.communeFiling.upsert({
          where,
          update: {},
          create: { ...filing, dueOn: change.dueOn, policyVersion: change.policyVersion },
        });
      else if (change.kind === 'REMINDED') await tx.communeFiling.update({ where, data: { remindedAt: at } });
      else if (change.kind === 'MISSED')
        await tx.communeFiling.update({ where, data: { status: 'MISSED', missedAt: at } });
      else if (change.kind === 'ESCALATED')
        await tx.communeFiling.update({ where, data: { escalationLevel: change.level } });
      else await tx.communeFiling.update({ where, data: { status: change.kind } });
      await enqueueNotifications(tx, step.idempotencyKey, step.at, step.notifications ?? []);
    },
  };
}

/** Records the steps of filings' deadlines taken together, in order, in one transaction. */
export function recordCommuneFilingSteps(deps: ActivityDeps) {
  return async (steps: CommuneFilingStep[]): Promise<WriteOutcome[]> => recordAllOnce(deps.db, steps.map(stepWrite));
}

/** Records a filing, on time or late, with its audit row, in one transaction. */
export function recordCommuneFiled(deps: ActivityDeps) {
  return async (filed: CommuneFiled): Promise<WriteOutcome> => {
    const { filing, late, content, fieldDays, ...entry } = filed;
    const days = [...new Set(fieldDays ?? [])].sort();
    return recordOnce(
      deps.db,
      {
        ...entry,
        ...entityOf(filing),
        action: late ? 'COMMUNE_FILING_FILED_LATE' : 'COMMUNE_FILING_FILED',
        // The content stays on the filing's row; the audit row says who filed what, when, under which version, and
        // the days at the commune the report gives.
        payload: { ...entry.payload, ...filing, late, ...(days.length > 0 && { fieldDays: days }) },
      },
      async (tx) => {
        await tx.communeFiling.update({
          where: keyOf(filing),
          data: {
            status: late ? 'FILED_LATE' : 'FILED',
            filedAt: new Date(filed.at),
            filedById: filed.actorId ?? null,
            content,
            fieldDays: days.length > 0 ? JSON.stringify(days) : null,
          },
        });
      },
    );
  };
}

/** A leader's commune as its workflow needs it: who monitors, the programme, the link's days. */
export interface CommuneLinkFacts {
  linkId: string;
  programmeId: string;
  areaId: string;
  agencyId: string;
  /** The leader's user id (the one who files). */
  leaderUserId: string;
  from: string;
  until: string | null;
}

/** Reads a link; null when there is none (the workflow then ends). */
export function loadCommuneLink(deps: ActivityDeps) {
  return async ({ linkId }: { linkId: string }): Promise<CommuneLinkFacts | null> => {
    const link = await deps.db.prisma.agencyLeaderArea.findUnique({
      where: { id: linkId },
      select: {
        programmeId: true,
        areaId: true,
        from: true,
        until: true,
        member: { select: { agencyId: true, userId: true } },
      },
    });
    if (!link) return null;
    return {
      linkId,
      programmeId: link.programmeId,
      areaId: link.areaId,
      agencyId: link.member.agencyId,
      leaderUserId: link.member.userId,
      from: link.from,
      until: link.until,
    };
  };
}
