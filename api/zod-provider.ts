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
 * Every answer leaves through its declared schema: the JSON it would be is parsed by the schema, and what the schema
 * keeps is sent, so a field the schema does not declare never leaves. Outside production such a field is a
 * ResponseMismatch (a test fails on it); in production it is dropped. An answer the schema refuses is a
 * ResponseMismatch everywhere: a 500, never a body that breaks its contract.
 */
export function serializeThroughSchema(
  strict = process.env.NODE_ENV !== 'production',
): FastifySerializerCompiler<unknown> {
  return ({ schema, method, url, httpStatus }) => {
    if (!(schema instanceof z.ZodType)) return (data) => JSON.stringify(data);
    const where = `${method} ${url} (${httpStatus})`;
    return (data) => {
      const json: Json = data === undefined ? undefined : JSON.parse(JSON.stringify(data));
      const result = schema.safeParse(json);
      if (!result.success) {
        const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
        throw new ResponseMismatch(`${where}: the answer does not match its schema: ${issues}`);
      }
      if (strict) {
        const field = undeclaredField(json, result.data);
        if (field) throw new ResponseMismatch(`${where}: the answer has a field its schema does not declare: ${field}`);
      }
      return JSON.stringify(result.data);
    };
  };
}

export function useZodSchemas(app: FastifyInstance): void {
  app.setValidatorCompiler(validateWithZod);
  app.setSerializerCompiler(serializeThroughSchema());
}
