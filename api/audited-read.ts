import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { recordOnce } from '../domain/audit/log';
import type { Database } from '../prisma/database';
import { principal } from './auth/plugin';

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

/**
 * Writes who read a confidential record (complaints, evaluations, personnel details) to the audit chain, before the
 * response leaves: if the audit row cannot be written, the read fails rather than going unrecorded.
 */
export async function auditConfidentialRead(
  db: Pick<Database, 'prisma' | 'provider'>,
  request: FastifyRequest,
  record: ConfidentialRecord,
): Promise<void> {
  const who = principal(request);
  await recordOnce(
    db,
    {
      idempotencyKey: `read:${randomUUID()}`,
      at: new Date().toISOString(),
      actorId: who.actor.id,
      action: CONFIDENTIAL_READ,
      entityType: record.entityType,
      entityId: record.entityId,
      assignmentId: record.assignmentId,
      payload: {
        userId: who.userId,
        roles: who.actor.roles,
        route: `${request.method} ${request.routeOptions.url}`,
        ...(record.ids && { ids: record.ids }),
      },
    },
    async () => {},
  );
}
