import type { FastifyBaseLogger, FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import type { ApiDeps, RouteDeps } from '../deps';
import { selectOne, takeWriteLock } from '../../domain/database-ping';
import { databaseFaultOf, type DatabaseFault } from '../database-faults';
import { witnessAlarms } from '../../domain/audit/witness';

/**
 * Each check's budget. Temporal's is a gRPC deadline, not a race: the SDK retries an unreachable server with back-off,
 * and a call abandoned mid-retry would throw once the connection is closed at shutdown. So a check of a Temporal that
 * is down can take one back-off step longer than this.
 */
const CHECK_TIMEOUT_MS = 2_000;

/** How long a full disk met by a request keeps the database reported down, unless a write goes through since. */
const FAULT_MEMORY_MS = 60_000;

const FAULT_TEXT: Record<DatabaseFault, 'write lock held by another process' | 'disk full' | 'not reachable'> = {
  busy: 'write lock held by another process',
  full: 'disk full',
  unavailable: 'not reachable',
};

/**
 * A part that is down says how (no answer in time, refused, its write lock held elsewhere, its disk full), never its
 * internal error text: /healthz is public. Each part says how long its check took, so a slow part is named.
 */
type Check = { ms: number } & (
  | { status: 'up' }
  | { status: 'down'; error: 'no answer in time' | 'not answering' | (typeof FAULT_TEXT)[DatabaseFault] }
);

const HEALTH_SUMMARY = 'Whether Temporal and the database answer: 200 when both do, 503 naming the parts that do not';

const CheckSchema = z.object({
  ms: z.number(),
  status: z.enum(['up', 'down']),
  error: z.enum(['no answer in time', 'not answering', ...Object.values(FAULT_TEXT)]).optional(),
});

const HealthReportSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  failing: z.array(z.enum(['temporal', 'database'])).optional(),
  temporal: CheckSchema.extend({ namespace: z.string() }),
  database: CheckSchema.extend({ provider: z.enum(['sqlite', 'postgresql']) }),
  alarms: z.array(z.string()).optional(),
});

export interface HealthReport {
  status: 'ok' | 'unavailable';
  /** The parts that are down; absent when all are up. */
  failing?: ('temporal' | 'database')[];
  temporal: Check & { namespace: string };
  database: Check & { provider: ApiDeps['provider'] };
  /** A witness holding another root for a size the audit log signed (a split view); absent when there is none. */
  alarms?: string[];
}

/** `GET /healthz`: 200 when Temporal and the database both answer a cheap call in time, else 503 naming who didn't. */
export const healthzRoutes: FastifyPluginAsync<RouteDeps> = async (
  app,
  { prisma, provider, temporal, databaseFaults },
) => {
  const namespace = temporal.options.namespace;

  const schema = {
    tags: ['health'],
    summary: HEALTH_SUMMARY,
    response: { 200: HealthReportSchema, 503: HealthReportSchema },
  };
  app.get('/healthz', { schema }, async (_request, reply) => {
    const check = (part: string, probe: () => Promise<unknown>) => probeOf(part, probe, app.log);
    const [temporalCheck, databaseCheck] = await Promise.all([
      check('temporal', () =>
        temporal.connection.withDeadline(Date.now() + CHECK_TIMEOUT_MS, () =>
          temporal.workflowService.describeNamespace({ namespace }),
        ),
      ),
      check('database', async () => {
        await withTimeout(selectOne({ prisma }), CHECK_TIMEOUT_MS);
        // SQLite's write lock held elsewhere; the wait is bounded by the busy timeout, so the event loop stays free.
        await takeWriteLock({ prisma, provider }).catch((error: unknown) => {
          if (databaseFaultOf(error)) throw error; // anything else (a database not migrated yet) is not the lock
        });
        if (databaseFaults.recentlyFull(FAULT_MEMORY_MS))
          throw Object.assign(new Error('disk full'), { fault: 'full' });
      }),
    ]);
    const failing = [
      ...(temporalCheck.status === 'down' ? ['temporal' as const] : []),
      ...(databaseCheck.status === 'down' ? ['database' as const] : []),
    ];
    const alarms = databaseCheck.status === 'up' ? await witnessAlarms(prisma).catch(() => []) : [];
    const report: HealthReport = {
      status: failing.length === 0 ? 'ok' : 'unavailable',
      ...(failing.length > 0 && { failing }),
      ...(alarms.length > 0 && { alarms }),
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
    return { status: 'up', ms: Date.now() - started };
  } catch (error) {
    const ms = Date.now() - started;
    const detail = firstLine(error instanceof Error ? error.message : String(error));
    log.warn({ part, detail }, 'health check failed');
    const fault = (error as { fault?: DatabaseFault }).fault ?? databaseFaultOf(error);
    if (fault) return { status: 'down', error: FAULT_TEXT[fault], ms };
    return { status: 'down', error: ms >= CHECK_TIMEOUT_MS ? 'no answer in time' : 'not answering', ms };
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
