/**
 * An audit row's leaf in the Merkle tree: its canonical bytes, which anyone can recompute from an export of the row
 * (no key): the UTF-8 of the canonical JSON array
 * `["dia-ban/audit-leaf/v1", idempotencyKey, at, actorId, action, entityType, entityId, assignmentId, fromState,
 * toState, decisionNumber, payload]`, `at` in ISO 8601 UTC with milliseconds, absent values null, object keys sorted.
 */
import { z } from 'zod';
import { leafHash, type Hash } from './merkle';

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

export const LEAF_VERSION = 'dia-ban/audit-leaf/v1';

/** A row as exported for auditors (`GET /audit/export`): what its leaf covers, and where it sits. */
export const ExportedRowSchema = z.object({
  seq: z.number().int().positive(),
  leafIndex: z.number().int().nonnegative(),
  idempotencyKey: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  assignmentId: z.string().nullable(),
  fromState: z.string().nullable(),
  toState: z.string().nullable(),
  decisionNumber: z.string().nullable(),
  payload: z.unknown(),
});
export type ExportedRow = z.infer<typeof ExportedRowSchema>;

export type LeafFields = Omit<ExportedRow, 'seq' | 'leafIndex'>;

export function leafText(row: LeafFields): string {
  return canonicalJson([
    LEAF_VERSION,
    row.idempotencyKey,
    row.at,
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

export const leafData = (row: LeafFields): Uint8Array => new TextEncoder().encode(leafText(row));
export const rowLeafHash = (row: LeafFields): Hash => leafHash(leafData(row));
