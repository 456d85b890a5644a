import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';

/**
 * No request waits on Temporal without bound: every route's Temporal calls run under one gRPC deadline, so a workflow
 * that does not answer (its worker gone, an activity retrying, the server down and the SDK backing off) makes the
 * request a 504 or 503 with `Retry-After` (api/errors.ts) instead of a hang. A keyed request retried afterwards names the
 * same workflow and update (api/keyed-ids.ts) and learns what the first attempt did.
 */
export const TEMPORAL_CALL_BOUND_MS = 15_000;

export function boundTemporalCalls(app: FastifyInstance, temporal: Client, boundMs = TEMPORAL_CALL_BOUND_MS): void {
  app.addHook('onRoute', (route) => {
    const handler = route.handler;
    // The API's routes are async; callback-style handlers (static files, the API docs) never call Temporal.
    if (handler.constructor.name !== 'AsyncFunction') return;
    route.handler = function boundedHandler(this: unknown, request, reply) {
      return temporal.connection.withDeadline(Date.now() + boundMs, async () =>
        handler.call(this as never, request, reply),
      );
    };
  });
}
