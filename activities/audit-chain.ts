import type { PrismaClient } from '../prisma/database';
import { auditHash, GENESIS_HASH } from './audit-hash';

export type ChainVerdict =
  { intact: true; rows: number } | { intact: false; rows: number; firstBrokenSeq: number; reason: 'hash' | 'link' };

/** Recomputes the audit chain from the first row; names the first row whose hash or link does not hold. */
export async function verifyAuditChain(prisma: PrismaClient, pageSize = 5_000): Promise<ChainVerdict> {
  let prev = GENESIS_HASH;
  let rows = 0;
  for (let after = 0; ;) {
    const page = await prisma.auditEvent.findMany({
      where: { seq: { gt: after } },
      orderBy: { seq: 'asc' },
      take: pageSize,
    });
    if (page.length === 0) return { intact: true, rows };
    for (const row of page) {
      if (row.prevHash !== prev) return { intact: false, rows, firstBrokenSeq: row.seq, reason: 'link' };
      if (auditHash(prev, row) !== row.hash) return { intact: false, rows, firstBrokenSeq: row.seq, reason: 'hash' };
      prev = row.hash;
      rows += 1;
    }
    after = page[page.length - 1]!.seq;
  }
}
