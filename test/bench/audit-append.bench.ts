/**
 * The audit append's cost with the Merkle tree maintained, beside the chain-only append it replaced: the same
 * transaction (lock on PostgreSQL, the newest row read, the row written), timed over a few thousand rows each, on a
 * fresh database (SQLite, or PostgreSQL with TEST_DATABASE_PROVIDER=postgresql). Prints its figures; asserts nothing.
 *
 *   npx tsx test/bench/audit-append.bench.ts [rows]
 */
import { GENESIS_HASH, keyedAuditHash } from '../../domain/audit/hash';
import { auditKey } from '../../domain/audit/key';
import { type AuditEntry, recordOnce } from '../../domain/audit/log';
import { freshDatabase } from '../support/lifecycle-harness';

const ROWS = Number(process.argv[2] ?? 2_000);
const ROUNDS = 3;

const entry = (kind: string, i: number): AuditEntry => ({
  idempotencyKey: `bench-${kind}-${i}`,
  at: new Date(Date.UTC(2027, 0, 1) + i * 1000).toISOString(),
  actorId: 'official-cb-014',
  action: 'CONFIDENTIAL_READ',
  entityType: 'WorkflowHistory',
  entityId: `assignment-${i}`,
  payload: { ids: [`run-${i}`], note: 'Đọc lịch sử' },
});

type Db = Awaited<ReturnType<typeof freshDatabase>>['db'];

/** The append as it was before the tree: read the newest row's hash, write the row chained to it. */
async function chainOnly(db: Db, e: AuditEntry): Promise<void> {
  await db.prisma.$transaction(async (tx) => {
    if (db.provider === 'postgresql') await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock(72417)');
    const [last] = await tx.$queryRawUnsafe<{ hash: string }[]>(
      'SELECT "hash" FROM "AuditEvent" ORDER BY "seq" DESC LIMIT 1',
    );
    const prevHash = last?.hash ?? GENESIS_HASH;
    const fields = {
      idempotencyKey: e.idempotencyKey,
      at: new Date(e.at),
      actorId: e.actorId ?? null,
      action: e.action,
      entityType: e.entityType,
      entityId: e.entityId,
      assignmentId: null,
      fromState: null,
      toState: null,
      decisionNumber: null,
      payload: e.payload ?? {},
    };
    await tx.auditEvent.create({
      data: {
        ...fields,
        payload: fields.payload as object,
        prevHash,
        hash: keyedAuditHash(auditKey(), prevHash, fields),
      },
    });
  });
}

const withTree = (db: Db, e: AuditEntry) => recordOnce(db, e, async () => {}).then(() => undefined);

async function time(label: string, append: (db: Db, e: AuditEntry) => Promise<void>, round: number) {
  const database = await freshDatabase();
  try {
    for (let i = 0; i < 200; i += 1) await append(database.db, entry(`warm-${label}-${round}`, i));
    const started = process.hrtime.bigint();
    for (let i = 0; i < ROWS; i += 1) await append(database.db, entry(`${label}-${round}`, i));
    return Number(process.hrtime.bigint() - started) / 1e6 / ROWS;
  } finally {
    await database.dispose();
  }
}

const results: Record<string, number[]> = { 'chain only': [], 'chain + Merkle tree': [] };
for (let round = 0; round < ROUNDS; round += 1) {
  results['chain only']!.push(await time('chain', chainOnly, round));
  results['chain + Merkle tree']!.push(await time('tree', withTree, round));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const base = median(results['chain only']!);
console.log(
  `audit append, ${ROWS} rows after 200 warm-up, ${ROUNDS} rounds, ${process.env.TEST_DATABASE_PROVIDER ?? 'sqlite'}:`,
);
for (const [label, xs] of Object.entries(results)) {
  const m = median(xs);
  console.log(
    `  ${label.padEnd(20)} median ${m.toFixed(3)} ms/row (rounds: ${xs.map((x) => x.toFixed(3)).join(', ')})  ${((m / base - 1) * 100).toFixed(1)}%`,
  );
}
