import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Client } from '@temporalio/client';
import type { Database } from '../worker/database';
import { healthzRoutes } from './routes/healthz';

/** What the routes need; every route plugin is registered with it as its options. */
export interface ApiDeps {
  prisma: Database['prisma'];
  provider: Database['provider'];
  /** Client on the service's namespace (`temporal.options.namespace`). */
  temporal: Client;
}

const ROUTES = [healthzRoutes];

export const BODY_LIMIT_BYTES = 1024 * 1024;

export function buildServer(deps: ApiDeps, options: Pick<FastifyServerOptions, 'logger'> = {}): FastifyInstance {
  const app = Fastify({ bodyLimit: BODY_LIMIT_BYTES, logger: options.logger ?? false });
  for (const routes of ROUTES) void app.register(routes, deps);
  return app;
}
