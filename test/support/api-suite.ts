/**
 * An API suite's world: the lifecycle harness (time-skipping server, worker, fresh seeded database) and the HTTP API
 * over it, with a client that logs in as the seeded users.
 */
import type { FastifyInstance } from 'fastify';
import { TokenSigner } from '../../api/auth/tokens';
import { buildServer, type ServerOptions } from '../../api/server';
import { apiClient } from './api-client';
import { type HarnessOptions, type LifecycleHarness, startLifecycleHarness } from './lifecycle-harness';
import { Started } from './started';

export interface ApiSuite {
  h: LifecycleHarness;
  app: FastifyInstance;
  api: ReturnType<typeof apiClient>;
  close(): Promise<void>;
}

export async function startApiSuite(
  secret = 'test-secret-of-at-least-32-bytes!!',
  options: HarnessOptions & Pick<ServerOptions, 'temporalCallBoundMs'> = {},
): Promise<ApiSuite> {
  const started = new Started();
  return started.closeOnFailure(async () => {
    const h = await started.add(startLifecycleHarness(options), (h) => h.close());
    const app = started.keep(
      buildServer(
        { prisma: h.db.prisma, provider: h.db.provider, temporal: h.client, taskQueue: h.taskQueue },
        { tokens: new TokenSigner(Buffer.from(secret)), temporalCallBoundMs: options.temporalCallBoundMs },
      ),
      (app) => app.close(),
    );
    await app.ready();
    return { h, app, api: apiClient(app), close: () => started.close() };
  });
}
