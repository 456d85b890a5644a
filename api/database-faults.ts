/**
 * The database's own faults as the service tells them apart: its write lock held by someone else (SQLite's
 * SQLITE_BUSY, PostgreSQL's lock timeout) and no room left (SQLITE_FULL, ENOSPC, PostgreSQL's disk full). Both are
 * the service's, not the caller's: 503 with Retry-After, never a 500 nor a refusal counted against the caller.
 */
export type DatabaseFault = 'busy' | 'full' | 'unavailable';

const BUSY_CODES = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', '55P03', '57014']);
const FULL_CODES = new Set(['SQLITE_FULL', 'ENOSPC', '53100']);
/**
 * PostgreSQL not reachable: stopped, restarting, or the connection cut: refused, reset, timed out, shutting down
 * (57P01-57P03), the connection-exception class 08, Prisma's "can't reach" (P1001) and "closed" (P1017), and the
 * adapter's kinds for the same.
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
  'P1001',
  'P1017',
  'DatabaseNotReachable',
  'ConnectionClosed',
  'SocketTimeout',
]);
/**
 * The same faults as `pg` words them without a code: a connection cut mid-query or mid-transaction (its client then
 * refuses every query: "not queryable"), the pool unable to connect in time, a server going down or coming up.
 */
const UNAVAILABLE_MESSAGES =
  /ECONNREFUSED|Connection terminated|server closed the connection|is not queryable|timeout exceeded when trying to connect|the database system is (shutting down|starting up)|Can't reach database server/i;

/** Codes the driver reported, wherever Prisma keeps them (its error, its meta, the adapter's cause). */
function codesOf(error: unknown): string[] {
  const codes: string[] = [];
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 6; depth++) {
    const { code, originalCode, kind, meta, cause } = e as {
      code?: unknown;
      /** The adapter's own error (prisma/raw-reads.ts runs SQL on it directly): its cause names the driver's code. */
      originalCode?: unknown;
      kind?: unknown;
      meta?: { driverAdapterError?: { cause?: { originalCode?: unknown; code?: unknown; kind?: unknown } } };
      cause?: unknown;
    };
    if (typeof code === 'string') codes.push(code);
    for (const c of [originalCode, kind]) if (typeof c === 'string') codes.push(c);
    const adapterCause = meta?.driverAdapterError?.cause;
    for (const c of [adapterCause?.originalCode, adapterCause?.code, adapterCause?.kind])
      if (typeof c === 'string') codes.push(c);
    e = cause;
  }
  return codes;
}

export function databaseFaultOf(error: unknown): DatabaseFault | undefined {
  const codes = codesOf(error);
  if (codes.some((c) => FULL_CODES.has(c))) return 'full';
  if (codes.some((c) => BUSY_CODES.has(c))) return 'busy';
  if (codes.some((c) => UNAVAILABLE_CODES.has(c))) return 'unavailable';
  const message = error instanceof Error ? error.message : '';
  if (/database or disk is full|no space left on device/i.test(message)) return 'full';
  if (/database is locked/i.test(message)) return 'busy';
  if (UNAVAILABLE_MESSAGES.test(message)) return 'unavailable';
  return undefined;
}

/** The last time each fault was met by a request, so /healthz can say what requests are meeting. */
export class DatabaseFaults {
  private readonly lastSeen = new Map<DatabaseFault, number>();

  record(fault: DatabaseFault, at = Date.now()): void {
    this.lastSeen.set(fault, at);
  }

  /** A write went through: whatever filled the disk has been dealt with. */
  writeSucceeded(): void {
    this.lastSeen.delete('full');
  }

  /**
   * Whether a request met a full disk within the last `withinMs`, with no write through since. A held lock needs no
   * memory: /healthz probes it live.
   */
  recentlyFull(withinMs: number, now = Date.now()): boolean {
    const at = this.lastSeen.get('full');
    return at !== undefined && now - at <= withinMs;
  }
}
