import type { Database, PrismaClient } from '../../prisma/database';
import { GENESIS_HASH, keyedAuditHash } from './hash';
import { auditKey } from './key';
import { extendTreeOverUncoveredRows, nextTreeColumns } from './tree';

/** The client handed to writes inside a transaction. */
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export interface AuditEntry {
  /** Derived by the workflow from its id and the step, so a retried activity finds its own earlier write. */
  idempotencyKey: string;
  /** ISO instant, from the workflow's clock. */
  at: string;
  actorId?: string | undefined;
  action: string;
  entityType: string;
  entityId: string;
  assignmentId?: string | undefined;
  fromState?: string | undefined;
  toState?: string | undefined;
  decisionNumber?: string | undefined;
  payload?: Record<string, unknown> | undefined;
}

export type WriteOutcome = 'written' | 'duplicate';

/** Serialises audit appends on PostgreSQL so two transactions never chain to the same previous row. */
const AUDIT_CHAIN_LOCK = 72_417;

/**
 * Runs `write` and appends the audit row in one transaction, once per idempotency key:
 * a retry after a lost acknowledgement finds the row and writes nothing.
 */
export async function recordOnce(
  db: Pick<Database, 'prisma' | 'provider'>,
  entry: AuditEntry,
  write: (tx: Tx) => Promise<void>,
): Promise<WriteOutcome> {
  try {
    await db.prisma.$transaction(async (tx) => {
      if (db.provider === 'postgresql') await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
      // The audit row goes first: its unique idempotency key turns a retry into a rollback of the whole write.
      await appendAudit(tx, entry);
      await write(tx);
    });
    return 'written';
  } catch (error) {
    if (isDuplicateKey(error)) return 'duplicate';
    throw error;
  }
}

/** A batch is a dozen rows or so; it may wait for the audit chain's lock behind others, and take longer than one. */
const BATCH_TRANSACTION = { maxWait: 10_000, timeout: 20_000 };

/** One write of a batch: its audit row and what it changes beside it. */
export interface AuditedWrite {
  entry: AuditEntry;
  write: (tx: Tx) => Promise<void>;
}

/**
 * Runs the writes in order in one transaction, each with its audit row, each once per idempotency key: the keys
 * already on record are skipped (a retry after a lost acknowledgement, or a batch that grew since its first try),
 * the rest written. Outcomes in the writes' order.
 */
export async function recordAllOnce(
  db: Pick<Database, 'prisma' | 'provider'>,
  writes: AuditedWrite[],
): Promise<WriteOutcome[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.prisma.$transaction(async (tx) => {
        if (db.provider === 'postgresql')
          await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
        const onRecord = await tx.auditEvent.findMany({
          where: { idempotencyKey: { in: writes.map((w) => w.entry.idempotencyKey) } },
          select: { idempotencyKey: true },
        });
        const written = new Set(onRecord.map((row) => row.idempotencyKey));
        const outcomes: WriteOutcome[] = [];
        for (const { entry, write } of writes) {
          if (written.has(entry.idempotencyKey)) {
            outcomes.push('duplicate');
            continue;
          }
          await appendAudit(tx, entry);
          await write(tx);
          written.add(entry.idempotencyKey);
          outcomes.push('written');
        }
        return outcomes;
      }, BATCH_TRANSACTION);
    } catch (error) {
      // A concurrent attempt of the same batch landed first (no lock on SQLite orders them): read again, skip its rows.
      if (!isDuplicateKey(error) || attempt >= 3) throw error;
    }
  }
}

/** Brings the Merkle tree over any row it does not cover yet (rows written before it existed), under the chain's lock. */
export async function coverAllRows(db: Pick<Database, 'prisma' | 'provider'>): Promise<void> {
  await db.prisma.$transaction(async (tx) => {
    if (db.provider === 'postgresql') await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
    await extendTreeOverUncoveredRows(tx);
  }, BATCH_TRANSACTION);
}

/** Prisma's unique-constraint error on the audit row's idempotency key. */
function isDuplicateKey(error: unknown): boolean {
  if (!(error instanceof Error) || (error as { code?: string }).code !== 'P2002') return false;
  const target = (error as { meta?: { target?: unknown; driverAdapterError?: unknown } }).meta;
  return JSON.stringify(target ?? '').includes('idempotencyKey');
}

/** The newest row: the chain links to its hash, the Merkle tree grows from its right edge. */
interface LastRow {
  hash: string;
  leafIndex: number | null;
  treeFrontier: string | null;
}
async function lastRow(tx: Tx): Promise<LastRow | undefined> {
  const [row] = await tx.$queryRawUnsafe<LastRow[]>(
    'SELECT "hash", "leafIndex", "treeFrontier" FROM "AuditEvent" ORDER BY "seq" DESC LIMIT 1',
  );
  // A driver may answer an integer column as a bigint.
  return row && { ...row, leafIndex: row.leafIndex === null ? null : Number(row.leafIndex) };
}

async function appendAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({ data: chainedRow(await coveredLastRow(tx), entry).data });
}

/** The newest row, once the Merkle tree covers every row (rows written before it existed are brought under it). */
async function coveredLastRow(tx: Tx): Promise<LastRow | undefined> {
  const last = await lastRow(tx);
  if (!last || last.leafIndex !== null) return last;
  await extendTreeOverUncoveredRows(tx);
  return lastRow(tx);
}

/** The row `entry` becomes after `last` on the chain and in the tree, and the newest row it then is. */
function chainedRow(last: LastRow | undefined, entry: AuditEntry) {
  const prevHash = last?.hash ?? GENESIS_HASH;
  const fields = {
    idempotencyKey: entry.idempotencyKey,
    at: new Date(entry.at),
    actorId: entry.actorId ?? null,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    assignmentId: entry.assignmentId ?? null,
    fromState: entry.fromState ?? null,
    toState: entry.toState ?? null,
    decisionNumber: entry.decisionNumber ?? null,
    payload: entry.payload ?? {},
  };
  const hash = keyedAuditHash(auditKey(), prevHash, fields);
  const tree = nextTreeColumns(last, { ...fields, at: fields.at.toISOString() });
  return {
    data: { ...fields, payload: fields.payload as object, prevHash, hash, ...tree },
    last: { hash, leafIndex: tree.leafIndex, treeFrontier: tree.treeFrontier },
  };
}

/**
 * Appends rows that change nothing beside them (reads of confidential records) in one transaction and one step of the
 * chain: the newest row is read once under the chain's lock, the rows are chained one after another in memory and
 * written by one insert. All are written or none; each key is new (a duplicate fails the whole group).
 */
export async function recordEntries(db: Pick<Database, 'prisma' | 'provider'>, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await db.prisma.$transaction(async (tx) => {
    if (db.provider === 'postgresql') await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
    let last = await coveredLastRow(tx);
    const rows = entries.map((entry) => {
      const row = chainedRow(last, entry);
      last = row.last;
      return row.data;
    });
    await tx.auditEvent.createMany({ data: rows });
  }, BATCH_TRANSACTION);
}
