import type { PrismaClient } from '../../prisma/database';
import { GENESIS_HASH, isKeyedHash, keyedAuditHash, unkeyedAuditHash } from './hash';
import type { SignedCheckpoint } from './checkpoints';
import { auditKey } from './key';

/** The newest row of the chain; `{ seq: 0, hash: GENESIS_HASH }` for an empty table. */
export interface ChainHead {
  seq: number;
  hash: string;
}

/** A head recorded where the database cannot rewrite it (workflows/audit-anchor.workflow.ts), at an instant. */
export interface AuditAnchor extends ChainHead {
  /** ISO instant the anchor was taken. */
  at: string;
  /** The Merkle log's checkpoint signed with it. */
  checkpoint?: SignedCheckpoint | undefined;
}

/**
 * Why the chain does not hold: a row's `hash` is not its keyed hash (edited, or rehashed without the key), its `link`
 * is not the previous row's hash (a row deleted or moved), an `unkeyed` hash after keyed rows (rehashed with the old
 * formula), the rows after the anchor's are gone (`truncated`), or the anchored row is not what was anchored (`anchor`).
 */
export type BreakReason = 'hash' | 'link' | 'unkeyed' | 'truncated' | 'anchor';

export type ChainVerdict =
  | { intact: true; rows: number; head: ChainHead }
  | { intact: false; rows: number; head: ChainHead; firstBrokenSeq: number; reason: BreakReason; message: string };

export interface VerifyOptions {
  /** The audit key; the process's (activities/audit-key.ts) unless given. */
  key?: Buffer;
  /** The last anchor of the head: the chain must still hold that row with that hash, and not end before it. */
  anchor?: AuditAnchor | null | undefined;
  pageSize?: number;
}

/**
 * Recomputes the audit chain from the first row and checks it against the last anchor; names the first row that
 * does not hold. Rows hashed with the unkeyed formula (written before the key existed) are accepted only before the
 * first keyed row: the first keyed row's hash covers them through its link, and the anchor covers them all.
 */
export async function verifyAuditChain(prisma: PrismaClient, options: VerifyOptions = {}): Promise<ChainVerdict> {
  const { key = auditKey(), anchor, pageSize = 5_000 } = options;
  const broken = async (rows: number, seq: number, reason: BreakReason, message: string): Promise<ChainVerdict> => ({
    intact: false,
    rows,
    head: await chainHead(prisma),
    firstBrokenSeq: seq,
    reason,
    message,
  });
  let prev = GENESIS_HASH;
  let keyed = false;
  let rows = 0;
  for (let after = 0; ;) {
    const page = await prisma.auditEvent.findMany({
      where: { seq: { gt: after } },
      orderBy: { seq: 'asc' },
      take: pageSize,
    });
    if (page.length === 0) break;
    for (const row of page) {
      if (row.prevHash !== prev)
        return broken(
          rows,
          row.seq,
          'link',
          `TAMPERED: row seq ${row.seq} does not link to the row before it (deleted or moved)`,
        );
      if (isKeyedHash(row.hash)) {
        keyed = true;
        if (keyedAuditHash(key, prev, row) !== row.hash)
          return broken(rows, row.seq, 'hash', `TAMPERED: row seq ${row.seq} does not match its keyed hash`);
      } else if (keyed) {
        return broken(rows, row.seq, 'unkeyed', `TAMPERED: row seq ${row.seq} has an unkeyed hash after keyed rows`);
      } else if (unkeyedAuditHash(prev, row) !== row.hash) {
        return broken(rows, row.seq, 'hash', `TAMPERED: row seq ${row.seq} does not match its hash`);
      }
      prev = row.hash;
      rows += 1;
    }
    after = page[page.length - 1]!.seq;
  }
  const head = await chainHead(prisma);
  if (anchor && anchor.seq > 0) {
    const anchored = await prisma.auditEvent.findUnique({ where: { seq: anchor.seq }, select: { hash: true } });
    if (!anchored && head.seq < anchor.seq)
      return broken(
        rows,
        head.seq + 1,
        'truncated',
        `TRUNCATED: rows after seq ${head.seq} were deleted (anchored at ${anchor.at}: seq ${anchor.seq})`,
      );
    if (anchored?.hash !== anchor.hash)
      return broken(
        rows,
        anchor.seq,
        'anchor',
        `TAMPERED: row seq ${anchor.seq} is ${anchored ? 'not the row' : 'missing, not the row'} anchored at ${anchor.at}`,
      );
  }
  return { intact: true, rows, head };
}

/** The chain's newest row. */
export async function chainHead(prisma: PrismaClient): Promise<ChainHead> {
  const last = await prisma.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true, hash: true } });
  return last ?? { seq: 0, hash: GENESIS_HASH };
}
