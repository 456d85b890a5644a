import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { PrismaClient } from '../prisma/database';
import { HttpError } from './errors';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set while a request holds its Idempotency-Key; its response is stored when sent. */
    idempotency?: { userId: string; key: string };
  }
}

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/**
 * `Idempotency-Key` on authenticated POSTs: the first request with a key (per user) claims it and its response is
 * stored; a retry with the same key and the same request gets the stored response back, not a second effect.
 * Claiming before handling (a row without a status) makes a concurrent duplicate a 409 instead of a second update.
 * A 5xx is not stored, so the key can be retried after a failure of ours.
 */
export function addIdempotency(app: FastifyInstance, prisma: PrismaClient): void {
  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || !request.principal || key === undefined) return;
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw new HttpError(400, 'INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1 to 200 visible ASCII characters');
    }
    const userId = request.principal.userId;
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    try {
      await prisma.idempotencyRecord.create({
        data: { userId, key, method: request.method, path: request.url, requestHash },
      });
      request.idempotency = { userId, key };
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'P2002') throw error;
    }
    const existing = await prisma.idempotencyRecord.findUnique({ where: { userId_key: { userId, key } } });
    if (existing && existing.requestHash !== requestHash) {
      throw new HttpError(
        422,
        'IDEMPOTENCY_KEY_REUSED',
        'This Idempotency-Key was already used for a different request',
      );
    }
    if (!existing || existing.statusCode === null) {
      throw new HttpError(
        409,
        'IDEMPOTENCY_KEY_IN_PROGRESS',
        'A request with this Idempotency-Key is still being handled; retry later',
      );
    }
    return reply
      .code(existing.statusCode)
      .header('content-type', 'application/json; charset=utf-8')
      .header('idempotent-replayed', 'true')
      .send(existing.responseBody ?? '');
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const claimed = request.idempotency;
    if (!claimed) return payload;
    request.idempotency = undefined;
    const where = { userId_key: claimed };
    if (reply.statusCode >= 500) {
      await prisma.idempotencyRecord.delete({ where }).catch(() => undefined);
    } else {
      await prisma.idempotencyRecord.update({
        where,
        data: { statusCode: reply.statusCode, responseBody: typeof payload === 'string' ? payload : '' },
      });
    }
    return payload;
  });
}
