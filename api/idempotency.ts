import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { claimKey, keyRecordOf, releaseKey, storeAnswer, takeOverKey } from '../domain/idempotency';
import type { PrismaClient } from '../prisma/database';
import { Refusal } from './errors';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The answer holds a secret (a one-time password, a new token) that must never rest in the database: the route's
     * Idempotency-Key is not claimed and its answer not stored; the route itself makes a retry harmless.
     */
    answersSecret?: boolean;
  }
  interface FastifyRequest {
    /** Set while a request holds its Idempotency-Key; its response is stored when sent. */
    idempotency?: { userId: string; key: string };
  }
}

const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

/**
 * How long a request may hold its key "in progress". Past it the holder is taken to have died (a crash, a cut
 * connection, a server-side fault that never answered) and a retry takes the key over and handles the request again.
 * Handling again is safe because what a keyed request creates or sends is named by its key (api/keyed-ids.ts):
 * the workflow it started, the update it sent, the row it wrote; the retry learns what the first attempt did from
 * them. Longer than any bounded wait of a request (api/temporal-deadline.ts), so a live holder is never overtaken.
 */
export const IDEMPOTENCY_LEASE_MS = 60_000;

/**
 * `Idempotency-Key` on authenticated POSTs: the first request with a key (per user) claims it and its response is
 * stored; a retry with the same key and the same request gets the stored response back, not a second effect.
 * Claiming before handling (a row without a status) makes a concurrent duplicate a 409 instead of a second update,
 * until the claim's lease runs out. A 5xx is not stored, so the key can be retried after a failure of ours.
 */
export function addIdempotency(app: FastifyInstance, prisma: PrismaClient): void {
  app.addHook('preHandler', async (request, reply) => {
    const key = request.headers['idempotency-key'];
    if (request.method !== 'POST' || !request.principal || key === undefined) return;
    if (request.routeOptions.config.answersSecret) return;
    if (typeof key !== 'string' || !KEY_PATTERN.test(key)) {
      throw new Refusal(400, 'INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1 to 200 visible ASCII characters');
    }
    const userId = request.principal.userId;
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    if (await claimKey(prisma, { userId, key, method: request.method, path: request.url, requestHash })) {
      request.idempotency = { userId, key };
      return;
    }
    const existing = await keyRecordOf(prisma, { userId, key });
    if (existing && existing.requestHash !== requestHash) {
      throw new Refusal(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was already used for a different request');
    }
    if (!existing || existing.statusCode === null) {
      const heldSince = existing?.createdAt.getTime() ?? Date.now();
      if (existing && Date.now() - heldSince >= IDEMPOTENCY_LEASE_MS) {
        // The holder's lease ran out: take the key over (only one retry can, the row's old claim time is the guard).
        if (await takeOverKey(prisma, { userId, key }, existing.createdAt)) {
          request.idempotency = { userId, key };
          return;
        }
      }
      const retryAfterSeconds = Math.max(1, Math.ceil((heldSince + IDEMPOTENCY_LEASE_MS - Date.now()) / 1000));
      throw new Refusal(
        409,
        'IDEMPOTENCY_KEY_IN_PROGRESS',
        'A request with this Idempotency-Key is still being handled; retry later',
        { retryAfterSeconds: Math.min(retryAfterSeconds, IDEMPOTENCY_LEASE_MS / 1000) },
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
    if (reply.statusCode < 500) {
      const stored = await storeAnswer(prisma, claimed, {
        statusCode: reply.statusCode,
        responseBody: typeof payload === 'string' ? payload : '',
      }).then(
        () => true,
        () => false,
      );
      if (stored) return payload;
      // The answer could not be kept (the database busy or full): the caller still gets it, and a retry is handled
      // again, which the key's derived ids answer as this one.
    }
    await releaseSoon(() => releaseKey(prisma, claimed));
    return payload;
  });
}

/**
 * Frees a key after a failure of ours so that its retry is handled at once. The failure may be the database itself
 * (a held lock): then the release is tried again in the background, a few times within the lease, which frees the
 * key anyway when it runs out.
 */
async function releaseSoon(release: () => Promise<unknown>): Promise<void> {
  if (
    await release().then(
      () => true,
      () => false,
    )
  )
    return;
  void (async () => {
    for (let delayMs = 500; delayMs < IDEMPOTENCY_LEASE_MS / 2; delayMs *= 2) {
      await new Promise((resolve) => setTimeout(resolve, delayMs).unref());
      if (
        await release().then(
          () => true,
          () => false,
        )
      )
        return;
    }
  })();
}
