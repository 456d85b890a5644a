import { createHash, randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/**
 * Ids derived from the caller's `Idempotency-Key`, so that a retry of a request whose answer was lost names the very
 * same workflow, update or row as the first attempt, and Temporal's workflow-id and update-id uniqueness (or the
 * row's primary key) is the guard against a second effect. Without a key every request is new.
 */
function keyedHex(purpose: string, request: FastifyRequest, ...requestParts: string[]): string | undefined {
  const claimed = request.idempotency;
  if (!claimed) return undefined;
  return createHash('sha256')
    .update([purpose, claimed.userId, claimed.key, ...requestParts].join('\n'))
    .digest('hex');
}

const asUuid = (hex: string) =>
  `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;

/** A UUID for the resource a keyed POST creates (the same for every retry of it); a fresh one without a key. */
export function keyedUuid(purpose: string, request: FastifyRequest): string {
  const hex = keyedHex(purpose, request);
  return hex ? asUuid(hex) : randomUUID();
}

/**
 * The update id a keyed POST sends its workflow update under: Temporal answers a second update with the same id by
 * the first one's outcome instead of applying it again. The route and the body are part of it: a key reused for another
 * update (after its first answer was a 5xx, so no longer stored) is another update, not the first one's replay.
 * Undefined without a key (the SDK then draws one).
 */
export function keyedUpdateId(request: FastifyRequest): string | undefined {
  const hex = keyedHex('update', request, request.method, request.url, JSON.stringify(request.body ?? null));
  return hex && `update-${hex.slice(0, 40)}`;
}
