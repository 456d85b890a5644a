/**
 * `GET /openapi.json` and `GET /docs`: the OpenAPI 3.1 document generated from the routes' zod schemas and
 * `config.roles`, with Swagger UI served from the package (no CDN).
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

const isZod = (value: unknown): value is z.ZodType => value instanceof z.ZodType;

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as JsonSchema;
  return json;
}

const REQUEST_PARTS = ['params', 'querystring', 'body', 'headers'] as const;

/** The route's schema with each zod schema replaced by its JSON Schema: requests as accepted, responses as sent. */
function documentedSchema(
  schema: Record<string, unknown>,
  roles: readonly string[] | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...schema };
  for (const part of REQUEST_PARTS) if (isZod(schema[part])) out[part] = toJsonSchema(schema[part], 'input');
  if (schema.response && typeof schema.response === 'object') {
    out.response = Object.fromEntries(
      Object.entries(schema.response as Record<string, unknown>).map(([status, body]) => [
        status,
        isZod(body) ? toJsonSchema(body, 'output') : body,
      ]),
    );
  }
  if (roles) {
    out.security = [{ bearer: [] }];
    out['x-roles'] = roles;
    const rolesLine = `Roles: ${roles.join(', ')}.`;
    out.description = schema.description ? `${String(schema.description)}\n\n${rolesLine}` : rolesLine;
  }
  return out;
}

export function addOpenApi(app: FastifyInstance): void {
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
      schema: documentedSchema((schema ?? {}) as Record<string, unknown>, route.config?.roles) as typeof schema,
      url,
    }),
  });
  void app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
