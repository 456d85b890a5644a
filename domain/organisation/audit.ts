/** Every change to the organisation is one transaction with its audit row, once per change id. */
import type { AuditAction } from '../../labels/keys';
import type { Database } from '../../prisma/database';
import { type AuditEntry, recordOnce, type Tx, type WriteOutcome } from '../audit/log';
import type { Caller } from '../caller';

export type Db = Pick<Database, 'prisma' | 'provider'>;

/** The organisation's audit actions; each has its words in labels/ (a missing one fails typecheck here). */
type Labelled<Action extends AuditAction> = Action;
export type OrganisationAction = Labelled<
  | 'DEPARTMENT_CREATED'
  | 'DEPARTMENT_RENAMED'
  | 'OFFICIAL_CREATED'
  | 'OFFICIAL_DETAILS_CHANGED'
  | 'OFFICIAL_POST_CHANGED'
  | 'OFFICIAL_LEFT'
  | 'GROUP_FORMED'
  | 'GROUP_MEMBERSHIP_ADDED'
  | 'GROUP_MEMBERSHIP_ENDED'
  | 'GROUP_LEADER_CHANGED'
  | 'LEADER_IN_CHARGE_SET'
>;

export interface OrganisationChange {
  /** Names the change: the request's keyed id, so a retry writes nothing twice. */
  changeId: string;
  action: OrganisationAction;
  entityType: 'Department' | 'Official' | 'MonitoringGroup' | 'Area';
  entityId: string;
  payload: Record<string, unknown>;
}

/** The audit row of a change. */
export function changeEntry({ actor, userId }: Caller, change: OrganisationChange): AuditEntry {
  return {
    idempotencyKey: `organisation:${change.action}:${change.changeId}`,
    at: new Date().toISOString(),
    actorId: actor.id,
    action: change.action,
    entityType: change.entityType,
    entityId: change.entityId,
    payload: { ...change.payload, userId },
  };
}

export function recordChange(
  db: Db,
  caller: Caller,
  change: OrganisationChange,
  write: (tx: Tx) => Promise<void>,
): Promise<WriteOutcome> {
  return recordOnce(db, changeEntry(caller, change), write);
}
