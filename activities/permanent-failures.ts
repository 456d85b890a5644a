import { ApplicationFailure } from '@temporalio/common';

/**
 * Prisma's codes for a write that can never succeed as asked: a reference that does not hold (P2003), a unique value
 * taken (P2002), a value too long, missing or of the wrong kind, a required row absent. Retrying them only wedges the
 * workflow that sent them. Connection, pool and lock errors (P1xxx, P2024, P2028, P2034, a busy or full database)
 * are not here: they pass, and the write retries until it lands.
 */
const PERMANENT_PRISMA_CODES = new Set([
  'P2000',
  'P2002',
  'P2003',
  'P2004',
  'P2005',
  'P2006',
  'P2007',
  'P2011',
  'P2012',
  'P2013',
  'P2014',
  'P2025',
]);

function permanentCause(error: unknown): string | undefined {
  if (error instanceof ApplicationFailure) return undefined; // already says whether it may be retried
  const { code, name } = error as { code?: unknown; name?: unknown };
  if (typeof code === 'string' && PERMANENT_PRISMA_CODES.has(code)) return `Prisma${code}`;
  if (name === 'PrismaClientValidationError') return 'PrismaClientValidationError';
  if (error instanceof RangeError || error instanceof TypeError) return error.name;
  return undefined;
}

/**
 * An activity whose permanent failures are non-retryable: the workflow learns at once that the write
 * cannot land, with the cause's type and message, instead of the worker retrying it for ever.
 */
export function failingPermanently<Args extends unknown[], Result>(
  activity: (...args: Args) => Promise<Result>,
): (...args: Args) => Promise<Result> {
  return async (...args) => {
    try {
      return await activity(...args);
    } catch (error) {
      const type = permanentCause(error);
      if (!type) throw error;
      const message = error instanceof Error ? error.message.trim().split('\n').at(-1)! : String(error);
      throw ApplicationFailure.create({ type, message, nonRetryable: true, cause: error as Error });
    }
  };
}

/** Every activity of a record, wrapped by {@link failingPermanently}. */
export function allFailingPermanently<T extends Record<string, (...args: never[]) => Promise<unknown>>>(
  activities: T,
): T {
  return Object.fromEntries(
    Object.entries(activities).map(([name, activity]) => [
      name,
      failingPermanently(activity as (...args: unknown[]) => Promise<unknown>),
    ]),
  ) as unknown as T;
}
