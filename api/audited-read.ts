import type { FastifyRequest } from 'fastify';
import { type ConfidentialRecord, recordConfidentialRead } from '../domain/audit/confidential-read';
import type { Database } from '../prisma/database';
import { principal } from './auth/plugin';

export { CONFIDENTIAL_READ, type ConfidentialRecord } from '../domain/audit/confidential-read';

/** Audits a confidential read by the request's caller, through the route it called, before the answer leaves. */
export async function auditConfidentialRead(
  db: Pick<Database, 'prisma' | 'provider'>,
  request: FastifyRequest,
  record: ConfidentialRecord,
): Promise<void> {
  const who = principal(request);
  await recordConfidentialRead(
    db,
    {
      actorId: who.actor.id,
      userId: who.userId,
      roles: who.actor.roles,
      route: `${request.method} ${request.routeOptions.url}`,
    },
    record,
  );
}
