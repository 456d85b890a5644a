import { randomUUID } from 'node:crypto';
import type { Database } from '../../prisma/database';
import { recordOnce } from './log';

export const CONFIDENTIAL_READ = 'CONFIDENTIAL_READ';

export interface ConfidentialRecord {
  /** e.g. 'Complaint', 'AnnualEvaluation', 'Official'. */
  entityType: string;
  /** The record read, or for a list the query's subject (e.g. the assignment whose evaluations were listed). */
  entityId: string;
  assignmentId?: string | undefined;
  /** For lists: the ids returned, so an auditor knows exactly what was seen. */
  ids?: string[];
}

/** Who read, and through which door (`GET /complaints/:id`, an export…). */
export interface Reader {
  actorId: string;
  userId: string;
  roles: readonly string[];
  route: string;
}

/**
 * Writes who read a confidential record (complaints, evaluations, personnel details) to the audit chain, before the
 * answer leaves: if the audit row cannot be written, the read fails rather than going unrecorded.
 */
export async function recordConfidentialRead(
  db: Pick<Database, 'prisma' | 'provider'>,
  reader: Reader,
  record: ConfidentialRecord,
): Promise<void> {
  await recordOnce(
    db,
    {
      idempotencyKey: `read:${randomUUID()}`,
      at: new Date().toISOString(),
      actorId: reader.actorId,
      action: CONFIDENTIAL_READ,
      entityType: record.entityType,
      entityId: record.entityId,
      assignmentId: record.assignmentId,
      payload: {
        userId: reader.userId,
        roles: reader.roles,
        route: reader.route,
        ...(record.ids && { ids: record.ids }),
      },
    },
    async () => {},
  );
}
