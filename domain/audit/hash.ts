import { createHash, createHmac } from 'node:crypto';
import { canonicalJson } from '../../machines/tlog/leaf';

export { canonicalJson };

/** The hash the first audit row chains to. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Marks a keyed hash: `hmac-sha256:<hex>`. Rows written before the key existed hold a bare SHA-256 hex digest
 * (the unkeyed formula); they are accepted only before the chain's first keyed row (activities/audit-chain.ts).
 */
export const KEYED_HASH_PREFIX = 'hmac-sha256:';

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

/** What a row's hash covers: its own fields and the previous row's hash, so editing or deleting a row breaks the chain. */
function hashedText(prevHash: string, row: AuditFields): string {
  return canonicalJson([
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
  ]);
}

/**
 * A row's hash: an HMAC-SHA256 under the audit key, which the database does not hold, so rows edited with their
 * hashes recomputed (by the formula here, without the key) do not verify.
 */
export function keyedAuditHash(key: Buffer, prevHash: string, row: AuditFields): string {
  return KEYED_HASH_PREFIX + createHmac('sha256', key).update(hashedText(prevHash, row)).digest('hex');
}

/** The formula of rows written before the hashes were keyed: plain SHA-256, anyone can recompute it. */
export function unkeyedAuditHash(prevHash: string, row: AuditFields): string {
  return createHash('sha256').update(hashedText(prevHash, row)).digest('hex');
}

export const isKeyedHash = (hash: string) => hash.startsWith(KEYED_HASH_PREFIX);
