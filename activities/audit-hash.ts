import { createHash } from 'node:crypto';

/** The hash the first audit row chains to. */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditFields {
  idempotencyKey: string;
  at: Date;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  assignmentId: string | null;
  fromState: string | null;
  toState: string | null;
  decisionNumber: string | null;
  payload: unknown;
}

/** JSON with object keys sorted, so a payload hashes the same after a round trip through jsonb. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** Each row's hash covers its own fields and the previous row's hash: editing or deleting a row breaks the chain. */
export function auditHash(prevHash: string, row: AuditFields): string {
  return createHash('sha256')
    .update(
      canonicalJson([
        prevHash,
        row.idempotencyKey,
        row.at.toISOString(),
        row.actorId,
        row.action,
        row.entityType,
        row.entityId,
        row.assignmentId,
        row.fromState,
        row.toState,
        row.decisionNumber,
        row.payload,
      ]),
    )
    .digest('hex');
}
