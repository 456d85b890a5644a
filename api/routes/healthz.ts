import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import type { ApiDeps } from '../deps';

/**
 * Each check's budget. Temporal's is a gRPC deadline, not a race: the SDK retries an unreachable server with back-off,
 * and a call abandoned mid-retry would throw once the connection is closed at shutdown. So a check of a Temporal that
 * is down can take one back-off step longer than this.
 */
const CHECK_TIMEOUT_MS = 2_000;

/** A part that is down says how (no answer in time, or refused), never its internal error text: /healthz is public. */
type Check = { status: 'up' } | { status: 'down'; error: 'no answer in time' | 'not answering' };

export interface HealthReport {
  status: 'ok' | 'unavailable';
  /** The parts that are down; absent when all are up. */
  failing?: ('temporal' | 'database')[];
  temporal: Check & { namespace: string };
  database: Check & { provider: ApiDeps['provider'] };
}

/** `GET /healthz`: 200 when Temporal and the database both answer a cheap call in time, else 503 naming who didn't. */
export const healthzRoutes: FastifyPluginAsync<ApiDeps> = async (app, { prisma, provider, temporal }) => {
  const namespace = temporal.options.namespace;

  app.get('/healthz', async (_request, reply) => {
    const check = (part: string, probe: () => Promise<unknown>) => probeOf(part, probe, app.log);
    const [temporalCheck, databaseCheck] = await Promise.all([
      check('temporal', () =>
        temporal.connection.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () =>
          temporal.workflowService.describeNamespace({ namespace }),
        ),
      ),
      check('database', () => withTimeout(prisma.$queryRaw`SELECT 1`, CHECK_TIMEOUT_MS)),
    ]);
    const failing = [
      ...(temporalCheck.status === 'down' ? ['temporal' as const] : []),
      ...(databaseCheck.status === 'down' ? ['database' as const] : []),
    ];
    const report: HealthReport = {
      status: failing.length === 0 ? 'ok' : 'unavailable',
      ...(failing.length > 0 && { failing }),
      temporal: { ...temporalCheck, namespace },
      database: { ...databaseCheck, provider },
    };
    return reply.code(failing.length === 0 ? 200 : 503).send(report);
  });
};

async function probeOf(part: string, probe: () => Promise<unknown>, log: FastifyBaseLogger): Promise<Check> {
  const started = Date.now();
  try {
    await probe();
    return { status: 'up' };
  } catch (error) {
    const detail = firstLine(error instanceof Error ? error.message : String(error));
    log.warn({ part, detail }, 'health check failed');
    return { status: 'down', error: Date.now() - started >= CHECK_TIMEOUT_MS ? 'no answer in time' : 'not answering' };
  }
}

function withTimeout<T>(promise: PromiseLike<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([Promise.resolve(promise), timeout]).finally(() => clearTimeout(timer));
}

function firstLine(message: string): string {
  return message.trim().split('\n')[0]!.slice(0, 300);
}
