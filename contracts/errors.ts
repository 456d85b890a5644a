/**
 * The one shape of every refusal and failure the API answers: `{ error: { code, message, ...} }`, with the fields a
 * status adds (the zod issues of a 400, the rule of a 422, the events allowed now of a 409, the seconds to wait of a
 * 429, 503 or 504). A refusal may name more (the resource and id of a 404, the roles a 403 requires…), so the error
 * object admits further fields; `code` says which.
 */
import { z } from 'zod';

/** One problem with the request: the field's dotted path (empty for the whole body) and what is wrong. */
export const IssueSchema = z.object({ path: z.string(), message: z.string() });

const code = z.string().meta({
  description: 'What happened, in capitals (INVALID_INPUT, NOT_FOUND, RULE_VIOLATED, TRANSITION_REFUSED…)',
});
const message = z.string().meta({ description: 'The same in English, for a person' });
const retryAfterSeconds = z
  .number()
  .int()
  .min(1)
  .meta({ description: 'How long to wait before retrying; also sent as the Retry-After header' });

function errorBody<Shape extends z.ZodRawShape>(description: string, shape: Shape) {
  return z.object({ error: z.looseObject({ code, message, ...shape }) }).meta({ description });
}

/** 400: the request is malformed; `issues` names each field (INVALID_INPUT), or the code names the part. */
export const InvalidInputErrorSchema = errorBody(
  'The request is invalid: INVALID_INPUT with `issues` naming each field (a body, parameter or query that does not match its schema, a NUL character, JSON nested deeper than 32 levels), INVALID_IDEMPOTENCY_KEY, or malformed JSON',
  { issues: z.array(IssueSchema).optional() },
);

export const UnauthenticatedErrorSchema = errorBody(
  'UNAUTHENTICATED: no bearer token, or one that is invalid, expired or revoked',
  {},
);

export const ForbiddenErrorSchema = errorBody(
  "FORBIDDEN: the caller's roles do not include the route's (`requiredRoles`), or the record is confidential to its parties (`reason`: CONFIDENTIAL); PASSWORD_CHANGE_REQUIRED: a one-time password must be changed first (`changeAt`)",
  { requiredRoles: z.array(z.string()).optional(), reason: z.string().optional(), changeAt: z.string().optional() },
);

export const NotFoundErrorSchema = errorBody('NOT_FOUND (or a code naming what): the record named does not exist', {
  resource: z.string().optional(),
  id: z.string().optional(),
});

export const ConflictErrorSchema = errorBody(
  "TRANSITION_REFUSED: the record's state does not accept this now (`state`, `allowedEvents`); IDEMPOTENCY_KEY_IN_PROGRESS: a request with this Idempotency-Key is still being handled (`retryAfterSeconds`); or a code naming the conflict",
  {
    state: z.unknown().optional(),
    allowedEvents: z.array(z.string()).optional(),
    retryAfterSeconds: retryAfterSeconds.optional(),
  },
);

export const TooLargeErrorSchema = errorBody(
  'The body is larger than the route accepts (1 MiB for JSON), or a file past the import bounds (IMPORT_TOO_LARGE, naming the rule and limit)',
  {},
);

export const UnsupportedMediaTypeErrorSchema = errorBody('The body is not of a media type the route accepts', {});

export const RuleViolatedErrorSchema = errorBody(
  'RULE_VIOLATED: a rule forbids it (`rule` names it; `path` the field when there is one); IDEMPOTENCY_KEY_REUSED: the key was used for a different request; or a code naming the rule',
  { rule: z.string().optional(), path: z.string().optional() },
);

export const TooManyRequestsErrorSchema = errorBody('TOO_MANY_ATTEMPTS: too many wrong passwords; wait and retry', {
  retryAfterSeconds: retryAfterSeconds.optional(),
});

export const UnavailableErrorSchema = errorBody(
  'A part of the service is not reachable or busy (DATABASE_BUSY, DATABASE_FULL, DATABASE_UNAVAILABLE, TEMPORAL_UNAVAILABLE…); nothing was changed, or a retry with the same Idempotency-Key learns what was',
  { retryAfterSeconds: retryAfterSeconds.optional() },
);

export const TimeoutErrorSchema = errorBody(
  'TEMPORAL_TIMEOUT: the workflow did not answer in time; it may still act: retry with the same Idempotency-Key to learn the outcome',
  { retryAfterSeconds: retryAfterSeconds.optional() },
);

/** The error schema of each status the API answers with a refusal or a failure. */
export const ERROR_SCHEMAS = {
  400: InvalidInputErrorSchema,
  401: UnauthenticatedErrorSchema,
  403: ForbiddenErrorSchema,
  404: NotFoundErrorSchema,
  409: ConflictErrorSchema,
  413: TooLargeErrorSchema,
  415: UnsupportedMediaTypeErrorSchema,
  422: RuleViolatedErrorSchema,
  429: TooManyRequestsErrorSchema,
  503: UnavailableErrorSchema,
  504: TimeoutErrorSchema,
} as const;
export type ErrorStatus = keyof typeof ERROR_SCHEMAS;
export type ErrorBody = z.infer<typeof InvalidInputErrorSchema>;
