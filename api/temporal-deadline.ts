import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { errorResponse, Refusal } from './errors';

/**
 * No request waits on Temporal without bound: every route's Temporal calls run under one gRPC deadline, so a workflow
 * that does not answer (its worker gone, an activity retrying, the server down and the SDK backing off) makes the
 * request a 504 or 503 with `Retry-After` (api/errors.ts) instead of a hang. A keyed request retried afterwards names the
 * same workflow and update (api/keyed-ids.ts) and learns what the first attempt did.
 */
export const TEMPORAL_CALL_BOUND_MS = 15_000;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A route that makes many Temporal calls in one request (an import) sets its own bound; 0: none. */
    temporalCallBoundMs?: number;
  }
}

/** While Temporal is known to be down (the local dev server restarting), a request gives it this long, then 503. */
const KNOWN_DOWN_BOUND_MS = 1_000;
const RETRY_AFTER_RESTART_SECONDS = 5;

export interface TemporalCallOptions {
  boundMs?: number | undefined;
  /** False while the service knows Temporal to be down (worker/local-temporal.ts supervises its dev server). */
  available?: (() => boolean) | undefined;
}

export function boundTemporalCalls(
  app: FastifyInstance,
  temporal: Client,
  { boundMs = TEMPORAL_CALL_BOUND_MS, available = () => true }: TemporalCallOptions = {},
): void {
  app.addHook('onRoute', (route) => {
    const handler = route.handler;
    const routeBoundMs = route.config?.temporalCallBoundMs;
    if (routeBoundMs === 0) return;
    // The API's routes are async; callback-style handlers (static files, the API docs) never call Temporal.
    if (handler.constructor.name !== 'AsyncFunction') return;
    route.handler = async function boundedHandler(this: unknown, request, reply) {
      const down = !available();
      try {
        const bound = down ? KNOWN_DOWN_BOUND_MS : (routeBoundMs ?? boundMs);
        return await temporal.connection.withDeadline(Date.now() + bound, async () =>
          handler.call(this as never, request, reply),
        );
      } catch (error) {
        const temporalFault = /^TEMPORAL_(TIMEOUT|UNAVAILABLE)$/.test(errorResponse(error).body.error.code);
        if (down && !available() && temporalFault) {
          throw new Refusal(503, 'TEMPORAL_UNAVAILABLE', 'The workflow service is restarting; retry shortly', {
            retryAfterSeconds: RETRY_AFTER_RESTART_SECONDS,
          });
        }
        throw error;
      }
    };
  });
}
