/**
 * Zod as fastify's schema language: a route declares zod schemas under `schema` (params, querystring, body,
 * response), fastify validates the request with them, handlers get the parsed, typed values, and the same schemas
 * become the OpenAPI document (api/openapi.ts). One source for validation, types and documentation.
 */
import type { FastifyInstance, FastifySchemaCompiler, FastifyTypeProvider } from 'fastify';
import type { z } from 'zod';

export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  serializer: this['schema'] extends z.ZodType ? z.input<this['schema']> : unknown;
}

/** A failed parse hands the ZodError itself to the error handler, which answers 400 with the issues. */
const validateWithZod: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const result = schema.safeParse(data);
    return result.success ? { value: result.data } : { error: result.error };
  };

/** Response schemas document the API; replies are serialized as they are. */
const serializeAsJson = () => (data: unknown) => JSON.stringify(data);

export function useZodSchemas(app: FastifyInstance): void {
  app.setValidatorCompiler(validateWithZod);
  app.setSerializerCompiler(serializeAsJson);
}
