/**
 * Every route declares the refusals and failures it can answer, derived from what the route is rather than written
 * in each route file: an authenticated route can answer 401 and 403, a route with parameters or a body 400 and 404, a
 * keyed POST 409 and 422, a body 413 and 415, every route 503 and 504. The statuses join the route's response schemas,
 * so the OpenAPI document names them and the error bodies are serialised through the shared error schemas
 * (contracts/errors.ts) like any other answer.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';
import { ERROR_SCHEMAS, type ErrorStatus } from '../contracts/errors';

/** Routes that count wrong passwords and answer 429 past the limit (api/auth/login-attempts.ts). */
const THROTTLED = new Set(['POST /auth/login', 'POST /me/password']);

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

type RouteShape = Pick<RouteOptions, 'method' | 'url' | 'schema' | 'config'>;

function methodsOf(route: RouteShape): string[] {
  return (Array.isArray(route.method) ? route.method : [route.method]).map((m) => m.toUpperCase());
}

/** A POST of an authenticated caller whose Idempotency-Key is claimed (api/idempotency.ts). */
export function isKeyed(route: RouteShape): boolean {
  const config = route.config as { roles?: unknown; answersSecret?: boolean } | undefined;
  return methodsOf(route).includes('POST') && Boolean(config?.roles) && !config?.answersSecret;
}

/** The error statuses a route can answer, from its method, parameters, body and roles. */
export function errorStatusesOf(route: RouteShape): ErrorStatus[] {
  const schema = (route.schema ?? {}) as Record<string, unknown>;
  const config = route.config as { roles?: unknown } | undefined;
  const authenticated = Boolean(config?.roles);
  const methods = methodsOf(route);
  const changes = methods.some((m) => m !== 'GET' && m !== 'HEAD');
  const hasParams = Boolean(schema.params) || route.url.includes(':');
  const hasBody = Boolean(schema.body) || methods.some((m) => BODY_METHODS.has(m));
  const hasQuery = Boolean(schema.querystring);
  const statuses = new Set<ErrorStatus>([503, 504]);
  if (hasParams || hasBody || hasQuery || isKeyed(route)) statuses.add(400);
  if (authenticated) statuses.add(401).add(403);
  // A record named by the path, the body or the query that does not exist.
  if (authenticated && (hasParams || hasBody || hasQuery)) statuses.add(404);
  if (hasBody) statuses.add(413).add(415);
  // A state that does not accept the change now, a key in use; a rule the change or the question breaks.
  if (authenticated && changes) statuses.add(409).add(422);
  if (isKeyed(route)) statuses.add(409).add(422);
  if (authenticated && hasQuery) statuses.add(422);
  if (methods.some((m) => THROTTLED.has(`${m} ${route.url}`))) statuses.add(429);
  return [...statuses].sort((a, b) => a - b);
}

/** Routes outside the API proper: the document itself, Swagger UI, the web app's files. */
function isApiRoute(route: RouteShape): boolean {
  const schema = route.schema as { hide?: boolean } | undefined;
  const under = (prefix: string) => route.url === prefix || route.url.startsWith(`${prefix}/`);
  return !schema?.hide && !under('/docs') && !under('/app');
}

export function declareErrorResponses(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (!isApiRoute(route)) return;
    const schema = (route.schema ?? {}) as Record<string, unknown>;
    const declared = (schema.response ?? {}) as Record<string, unknown>;
    const errors = Object.fromEntries(errorStatusesOf(route).map((status) => [status, ERROR_SCHEMAS[status]]));
    route.schema = { ...schema, response: { ...errors, ...declared } };
  });
}
