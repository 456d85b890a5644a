import {
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FastifyError, FastifyInstance } from 'fastify';
import { ZodError } from 'zod';
import { databaseFaultOf, type DatabaseFaults } from './database-faults';
import { Refusal } from '../domain/refusal';
import { INVALID_INPUT, RULE_VIOLATED, TRANSITION_REFUSED, type RefusalDetails } from '../workflows/refusal';

/** A refusal a route or the records throw on purpose, sent as `{ error: { code, message, ...extra } }`. */
export { Refusal, notFound } from '../domain/refusal';

interface ErrorBody {
  error: { code: string; message: string; [key: string]: unknown };
}

export function errorResponse(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof Refusal)
    return { status: error.statusCode, body: { error: { code: error.code, message: error.message, ...error.extra } } };
  if (error instanceof ZodError) {
    const issues = error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
    return { status: 400, body: { error: { code: 'INVALID_INPUT', message: 'The request is invalid', issues } } };
  }
  if (error instanceof WorkflowNotFoundError)
    return {
      status: 404,
      body: { error: { code: 'NOT_FOUND', message: 'No such workflow: the resource does not exist' } },
    };
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure)
    return refusalResponse(error.cause);
  const unavailable = unavailability(error);
  if (unavailable) return unavailable;
  const fastifyError = error as Partial<FastifyError>;
  // Fastify's own client errors: malformed JSON (400), body too large (413), unsupported media type (415)…
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return {
      status: fastifyError.statusCode,
      body: { error: { code: fastifyError.code ?? 'BAD_REQUEST', message: fastifyError.message ?? 'Bad request' } },
    };
  }
  return { status: 500, body: { error: { code: 'INTERNAL', message: 'Internal error' } } };
}

const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;
const RETRY_AFTER_SECONDS = 5;

/** The gRPC status code somewhere in an error's cause chain (the SDK wraps the transport's error). */
function grpcCode(error: unknown): number | undefined {
  for (
    let e = error, depth = 0;
    e && typeof e === 'object' && depth < 5;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const { code, metadata } = e as { code?: unknown; metadata?: unknown };
    if (typeof code === 'number' && metadata !== undefined) return code;
  }
  return undefined;
}

/**
 * A part of the service that did not answer in time, or at all: 503/504 naming it, with `Retry-After`, never a 500.
 * A keyed retry is safe (api/keyed-ids.ts), so the caller is told to come back.
 */
function unavailability(error: unknown): { status: number; body: ErrorBody } | undefined {
  const answer = (status: number, code: string, message: string) => ({
    status,
    body: { error: { code, message, retryAfterSeconds: RETRY_AFTER_SECONDS } },
  });
  const code = grpcCode(error);
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || code === GRPC_DEADLINE_EXCEEDED)
    return answer(
      504,
      'TEMPORAL_TIMEOUT',
      'The workflow did not answer in time; it may still act. Retry with the same Idempotency-Key to learn the outcome',
    );
  if (code === GRPC_UNAVAILABLE) return answer(503, 'TEMPORAL_UNAVAILABLE', 'The workflow service is not reachable');
  switch (databaseFaultOf(error)) {
    case 'busy':
      return answer(503, 'DATABASE_BUSY', 'The database is busy with another writer; nothing was changed');
    case 'full':
      return answer(503, 'DATABASE_FULL', "The database's disk is full; nothing was changed");
    case 'unavailable':
      return answer(
        503,
        'DATABASE_UNAVAILABLE',
        'The database is not reachable; retry with the same Idempotency-Key to learn the outcome',
      );
    default:
      return undefined;
  }
}

function refusalResponse(failure: ApplicationFailure): { status: number; body: ErrorBody } {
  const details = failure.details?.[0] as Partial<RefusalDetails> | undefined;
  switch (failure.type) {
    case TRANSITION_REFUSED:
      return {
        status: 409,
        body: {
          error: {
            code: TRANSITION_REFUSED,
            message: failure.message,
            state: details?.state,
            allowedEvents: details?.allowedEvents ?? [],
          },
        },
      };
    case RULE_VIOLATED:
      return {
        status: 422,
        body: {
          error: {
            code: RULE_VIOLATED,
            message: failure.message,
            rule: details?.violation?.rule,
            state: details?.state,
          },
        },
      };
    case INVALID_INPUT: {
      const issues = (failure.details?.[0] as { path: PropertyKey[]; message: string }[] | undefined)?.map((i) => ({
        path: i.path.map(String).join('.'),
        message: i.message,
      }));
      return {
        status: 400,
        body: { error: { code: 'INVALID_INPUT', message: failure.message, issues: issues ?? [] } },
      };
    }
    default:
      return { status: 500, body: { error: { code: 'INTERNAL', message: 'Internal error' } } };
  }
}

export function registerErrorHandling(app: FastifyInstance, databaseFaults: DatabaseFaults): void {
  app.setErrorHandler((error, request, reply) => {
    const { status, body } = errorResponse(error);
    const fault = databaseFaultOf(error);
    if (fault) databaseFaults.record(fault);
    if (status >= 500 && !body.error.retryAfterSeconds) request.log.error({ err: error }, 'request failed');
    if (typeof body.error.retryAfterSeconds === 'number')
      void reply.header('retry-after', String(body.error.retryAfterSeconds));
    return reply.code(status).send(body);
  });
  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400)
      databaseFaults.writeSucceeded();
  });
  app.setNotFoundHandler((request, reply) =>
    reply
      .code(404)
      .send({ error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}` } }),
  );
}
