/**
 * `GET /openapi.json` and `GET /docs`: the OpenAPI 3.1 document generated from the routes' zod schemas and
 * `config.roles`, with Swagger UI served from the package (no CDN).
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DaySchema, EARLIEST_DAY, LATEST_DAY } from '../machines/day';
import { declareErrorResponses, isKeyed } from './declared-errors';
import { sizeLabel, UPLOAD_KINDS, type UploadKindName } from '../domain/uploads/kinds';

type JsonSchema = Record<string, unknown>;

const isZod = (value: unknown): value is z.ZodType => value instanceof z.ZodType;

/** A calendar day of the product's window (machines/day.ts), leap days included, as one pattern. */
const DAY_PATTERN =
  '^(?:(?:20[02468][048]|20[13579][26])-02-29|(?:20\\d\\d|2100)-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8])))$';

/** The edge refuses NUL characters in any string of a request (api/text-guard.ts). */
const NO_NUL_PATTERN = '^[^\\u0000]*$';
const NOT_BLANK_PATTERN = '^[^\\u0000]*[^\\s\\u0000][^\\u0000]*$';

/**
 * What a zod refinement checks is invisible to JSON Schema; the few the API's inputs share are said here: a day's
 * window as a pattern, and the NUL characters the edge refuses as a pattern on every string it accepts.
 */
function describeRefinements(io: 'input' | 'output') {
  return ({ zodSchema, jsonSchema }: { zodSchema: unknown; jsonSchema: JsonSchema }) => {
    if (zodSchema === DaySchema) {
      jsonSchema.pattern = DAY_PATTERN;
      jsonSchema.description ??= `A calendar day (YYYY-MM-DD) between ${EARLIEST_DAY} and ${LATEST_DAY}`;
      return;
    }
    if (io !== 'input' || jsonSchema.type !== 'string' || jsonSchema.format === 'binary') return;
    if (jsonSchema.pattern !== undefined || jsonSchema.enum !== undefined || jsonSchema.const !== undefined) return;
    // A required text is trimmed before its length is checked: one of only blanks is refused.
    jsonSchema.pattern =
      typeof jsonSchema.minLength === 'number' && jsonSchema.minLength > 0 ? NOT_BLANK_PATTERN : NO_NUL_PATTERN;
  };
}

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
    override: describeRefinements(io),
  }) as JsonSchema;
  return json;
}

const RETRY_AFTER = {
  'retry-after': { type: 'integer', minimum: 1, description: 'Seconds to wait before retrying' },
};
/** Statuses whose answer may carry Retry-After (a key in use, too many attempts, a part unavailable or late). */
const WITH_RETRY_AFTER = new Set(['409', '429', '503', '504']);
const REPLAYED = {
  'idempotent-replayed': {
    type: 'string',
    enum: ['true'],
    description: 'Present when this is the stored answer to an earlier request with the same Idempotency-Key',
  },
};
const IDEMPOTENCY_KEY_HEADER = {
  type: 'object',
  properties: {
    'idempotency-key': {
      type: 'string',
      pattern: '^[\\x21-\\x7e]{1,200}$',
      description:
        'Makes a retry safe: the same key and request get the stored answer back instead of a second effect (per user)',
    },
  },
};

/** A list's cursor is a place in that list: only a `nextCursor` it answered names one. */
function describeCursor(querystring: unknown): void {
  const cursor = (querystring as { properties?: Record<string, JsonSchema> } | undefined)?.properties?.cursor;
  if (cursor)
    cursor.description ??=
      'The `nextCursor` of the previous page, as answered; any other value is refused (400 naming `cursor`)';
}

/** A file sent as CSV text or as an .xlsx workbook in base64 (the imports): exactly one of the two. */
function describeEitherFile(body: unknown): void {
  const json = body as JsonSchema | undefined;
  const properties = json?.properties as Record<string, unknown> | undefined;
  if (!json || !properties?.content || !properties.contentBase64 || json.oneOf) return;
  json.oneOf = [{ required: ['content'] }, { required: ['contentBase64'] }];
  json.description ??=
    'The file as `content` (CSV text) or as `contentBase64` (an .xlsx workbook): exactly one of them';
}

interface RouteFacts {
  method: string | string[];
  url: string;
  config?:
    | { roles?: readonly string[]; answersSecret?: boolean; upload?: { field: string; kind: UploadKindName } }
    | undefined;
}

/** A multipart route (api/uploads.ts): its one file field, with the kind's media types and limit. */
function describeUpload(out: JsonSchema, upload: { field: string; kind: UploadKindName } | undefined): void {
  if (!upload) return;
  const { name, maxBytes, accepts } = UPLOAD_KINDS[upload.kind];
  out.consumes = ['multipart/form-data'];
  out.body = {
    type: 'object',
    required: [upload.field],
    additionalProperties: false,
    properties: {
      [upload.field]: {
        type: 'string',
        format: 'binary',
        description: `The ${name}: ${accepts.join(', ')}; at most ${sizeLabel(maxBytes)} (413 FILE_TOO_LARGE past it, 415 CONTENT_TYPE_MISMATCH when its content is not of its type)`,
      },
    },
  };
}

/** Each response as documented: its JSON Schema, and the headers that status may carry. */
function documentedResponses(response: Record<string, unknown>, keyed: boolean): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(response).map(([status, body]) => {
      const json: JsonSchema = isZod(body) ? toJsonSchema(body, 'output') : { ...(body as JsonSchema) };
      if (WITH_RETRY_AFTER.has(status)) json.headers = { ...RETRY_AFTER, ...(json.headers as JsonSchema) };
      if (keyed && status.startsWith('2')) json.headers = { ...REPLAYED, ...(json.headers as JsonSchema) };
      return [status, json];
    }),
  );
}

const REQUEST_PARTS = ['params', 'querystring', 'body', 'headers'] as const;

/** The route's schema with each zod schema replaced by its JSON Schema: requests as accepted, responses as sent. */
function documentedSchema(schema: Record<string, unknown>, route: RouteFacts): Record<string, unknown> {
  const roles = route.config?.roles;
  const keyed = isKeyed(route as never);
  const out: Record<string, unknown> = { ...schema };
  for (const part of REQUEST_PARTS) if (isZod(schema[part])) out[part] = toJsonSchema(schema[part], 'input');
  describeCursor(out.querystring);
  describeEitherFile(out.body);
  describeUpload(out, route.config?.upload);
  if (keyed && !out.headers) out.headers = IDEMPOTENCY_KEY_HEADER;
  if (schema.response && typeof schema.response === 'object')
    out.response = documentedResponses(schema.response as Record<string, unknown>, keyed);
  if (roles) {
    out.security = [{ bearer: [] }];
    out['x-roles'] = roles;
    const rolesLine = `Roles: ${roles.join(', ')}.`;
    out.description = schema.description ? `${String(schema.description)}\n\n${rolesLine}` : rolesLine;
  }
  return out;
}

export function addOpenApi(app: FastifyInstance): void {
  declareErrorResponses(app);
  void app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Địa bàn API',
        description:
          'Assignments of officials to monitor localities: proposals, approvals, monthly plans and reports, annual evaluations, complaints, reserved opinions and the audit trail. Log in with POST /auth/login and send `Authorization: Bearer <token>`.',
        version: '1',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    transform: ({ schema, url, route }) => ({
      schema: documentedSchema((schema ?? {}) as Record<string, unknown>, route as RouteFacts) as typeof schema,
      url,
    }),
  });
  void app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
