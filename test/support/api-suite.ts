/**
 * An API suite's world: the lifecycle harness (time-skipping server, worker, fresh seeded database) and the HTTP API
 * over it, with a client that logs in as the seeded users.
 */
import type { FastifyInstance } from 'fastify';
import { TokenSigner } from '../../api/auth/tokens';
import { buildServer, type ServerOptions } from '../../api/server';
import { apiClient } from './api-client';
import { type HarnessOptions, type LifecycleHarness, startLifecycleHarness } from './lifecycle-harness';

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
  const h = await startLifecycleHarness(options);
  const app = buildServer(
    { prisma: h.db.prisma, provider: h.db.provider, temporal: h.client, taskQueue: h.taskQueue },
    { tokens: new TokenSigner(Buffer.from(secret)), temporalCallBoundMs: options.temporalCallBoundMs },
  );
  await app.ready();
  return {
    h,
    app,
    api: apiClient(app),
    async close() {
      await app.close();
      await h.close();
    },
  };
}
