import type { FastifyRequest } from 'fastify';
import { type ConfidentialRecord, type Reader, recordConfidentialRead } from '../domain/audit/confidential-read';
import type { Database } from '../prisma/database';
import { principal } from './auth/plugin';

export { CONFIDENTIAL_READ, type ConfidentialRecord } from '../domain/audit/confidential-read';

/** The request's caller as a reader of confidential records, through the route it called. */
export function readerOf(request: FastifyRequest): Reader {
  const who = principal(request);
  return {
    actorId: who.actor.id,
    userId: who.userId,
    roles: who.actor.roles,
    route: `${request.method} ${request.routeOptions.url}`,
  };
}

/** Audits a confidential read by the request's caller, through the route it called, before the answer leaves. */
export async function auditConfidentialRead(
  db: Pick<Database, 'prisma' | 'provider'>,
  request: FastifyRequest,
  record: ConfidentialRecord,
): Promise<void> {
  await recordConfidentialRead(db, readerOf(request), record);
}
