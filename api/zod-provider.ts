/**
 * Zod as fastify's schema language: a route declares zod schemas under `schema` (params, querystring, body,
 * response), fastify validates the request with them, handlers get the parsed, typed values, and the same schemas
 * become the OpenAPI document (api/openapi.ts). One source for validation, types and documentation.
 */
import type { FastifyInstance, FastifySchemaCompiler, FastifySerializerCompiler, FastifyTypeProvider } from 'fastify';
import { z } from 'zod';

/** What a handler may send for `T`: an answer leaves as JSON first (below), so a Date stands for its ISO string. */
export type Sendable<T> = T extends string
  ? T | Date
  : T extends readonly (infer Item)[]
    ? Sendable<Item>[]
    : T extends object
      ? { [K in keyof T]: Sendable<T[K]> }
      : T;

export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  serializer: this['schema'] extends z.ZodType ? Sendable<z.input<this['schema']>> : unknown;
}

/** A failed parse hands the ZodError itself to the error handler, which answers 400 with the issues. */
const validateWithZod: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data);
    return result.success ? { value: result.data } : { error: result.error };
  };

/** An answer that does not match its declared schema: a fault of ours, answered 500 rather than sent. */
export class ResponseMismatch extends Error {
  override name = 'ResponseMismatch';
}

type Json = unknown;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The first field of `sent` that the schema's output dropped: a field the schema does not declare. */
export function undeclaredField(sent: Json, kept: Json, path = ''): string | undefined {
  if (Array.isArray(sent) && Array.isArray(kept)) {
    for (let i = 0; i < sent.length; i++) {
      const found = undeclaredField(sent[i], kept[i], `${path}[${i}]`);
      if (found) return found;
    }
    return undefined;
  }
  if (!isPlainObject(sent) || !isPlainObject(kept)) return undefined;
  for (const [key, value] of Object.entries(sent)) {
    const at = path ? `${path}.${key}` : key;
    if (!(key in kept)) return at;
    const found = undeclaredField(value, kept[key], at);
    if (found) return found;
  }
  return undefined;
}

/**
 * The value `JSON.parse(JSON.stringify(value))` gives (a Date as its ISO string, what has `toJSON` through it, an
 * undefined field left out, an undefined item or a number that is not finite as null), without writing the text and
 * reading it back: on every answer, that round trip was the serializer's largest cost.
 */
export function jsonValueOf(value: unknown): Json {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (value === null || typeof value !== 'object') return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function')
    return jsonValueOf((value as { toJSON: () => unknown }).toJSON());
  if (Array.isArray(value)) {
    return value.map((item: unknown) => {
      const kept = skipped(item) ? undefined : jsonValueOf(item);
      return kept === undefined ? null : kept;
    });
  }
  const out: Record<string, Json> = {};
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    if (skipped(field)) continue;
    const kept = jsonValueOf(field);
    if (kept !== undefined) out[key] = kept;
  }
  return out;
}

/** What JSON leaves out of an object (and writes as null in an array). */
const skipped = (value: unknown) => value === undefined || typeof value === 'function' || typeof value === 'symbol';

/**
 * What becomes of an answer its schema does not fit. `strict` (`npm start` outside production, the contract run of
 * scripts/schemathesis-run.ts): a field the schema does not declare, or a value it refuses, is a ResponseMismatch, a
 * 500. `drop` (production): an undeclared field is dropped, never sent; a value the schema refuses is still a 500.
 * `report` (the test suite, NODE_ENV=test): the answer is sent as the handler made it and the mismatch is logged, so
 * that suites written before every answer was checked keep their meaning while the last mismatches are fixed.
 */
export type ResponseCheck = 'strict' | 'drop' | 'report';

export function responseCheckOf(env: NodeJS.ProcessEnv = process.env): ResponseCheck {
  if (env.RESPONSE_CHECK === 'strict' || env.RESPONSE_CHECK === 'drop' || env.RESPONSE_CHECK === 'report')
    return env.RESPONSE_CHECK;
  if (env.NODE_ENV === 'production') return 'drop';
  return env.NODE_ENV === 'test' ? 'report' : 'strict';
}

/**
 * Every answer leaves through its declared schema: the JSON it would be is parsed by the schema, and what the schema
 * keeps is sent, so a field the schema does not declare never leaves (but in `report`, above).
 */
export function serializeThroughSchema(
  check: ResponseCheck = responseCheckOf(),
  warn: (message: string) => void = (message) => process.emitWarning(message, 'ResponseMismatch'),
): FastifySerializerCompiler<unknown> {
  return ({ schema, method, url, httpStatus }) => {
    if (!(schema instanceof z.ZodType)) return (data) => JSON.stringify(data);
    const where = `${method} ${url} (${httpStatus})`;
    return (data) => {
      const json: Json = data === undefined ? undefined : jsonValueOf(data);
      const result = schema.safeParse(json);
      let mismatch: string | undefined;
      if (!result.success) {
        const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
        mismatch = `${where}: the answer does not match its schema: ${issues}`;
      } else if (check !== 'drop') {
        const field = undeclaredField(json, result.data);
        if (field) mismatch = `${where}: the answer has a field its schema does not declare: ${field}`;
      }
      if (mismatch && check === 'report') {
        warn(mismatch);
        return JSON.stringify(json);
      }
      if (mismatch || !result.success) throw new ResponseMismatch(mismatch);
      return JSON.stringify(result.data);
    };
  };
}

export function useZodSchemas(app: FastifyInstance): void {
  app.setValidatorCompiler(validateWithZod);
  app.setSerializerCompiler(serializeThroughSchema());
}
