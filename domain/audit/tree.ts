/**
 * The audit log's Merkle tree, kept on the rows: each row holds its leaf index, its leaf hash and the tree's right edge
 * after it (machines/tlog/merkle.ts), so an append reads the one row it already reads to chain, and writes nothing
 * more; a past root or a proof reads a few dozen rows by leaf index.
 */
import type { PrismaClient } from '../../prisma/database';
import { type ExportedRow, rowLeafHash } from '../../machines/tlog/leaf';
import {
  appendToFrontier,
  consistencyRanges,
  frontierFromText,
  frontierToText,
  fromBase64,
  type Hash,
  inclusionRanges,
  type Range,
  rangeSource,
  resolveSource,
  rootOfFrontier,
  sourceReads,
  toBase64,
} from '../../machines/tlog/merkle';
import type { AuditFields } from './hash';
import type { Tx } from './log';

/** The stored columns of a row that the tree reads. */
interface TreeRow {
  leafIndex: number | null;
  treeFrontier: string | null;
}

/** What a row's tree columns are, appended after `last` (the newest row, whose leaf the tree covers). */
export function nextTreeColumns(last: TreeRow | undefined, row: Omit<ExportedRow, 'seq' | 'leafIndex'>) {
  const size = last?.leafIndex == null ? 0 : last.leafIndex + 1;
  const frontier = last?.treeFrontier ? frontierFromText(last.treeFrontier) : [];
  const leaf = rowLeafHash(row);
  return {
    leafIndex: size,
    leafHash: toBase64(leaf),
    treeFrontier: frontierToText(appendToFrontier(frontier, size, leaf)),
  };
}

/** A row as its leaf covers it. */
export function exportedRow(row: AuditFields & { seq: number; leafIndex: number | null }): ExportedRow {
  return {
    seq: row.seq,
    leafIndex: row.leafIndex ?? -1,
    idempotencyKey: row.idempotencyKey,
    at: row.at.toISOString(),
    actorId: row.actorId,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    assignmentId: row.assignmentId,
    fromState: row.fromState,
    toState: row.toState,
    decisionNumber: row.decisionNumber,
    payload: row.payload,
  };
}

/**
 * Brings the tree over rows written before it existed (their leaf index unset), oldest first, after the last row it
 * covers. Runs inside the audit append's transaction, under its lock, once after the upgrade.
 */
export async function extendTreeOverUncoveredRows(tx: Tx): Promise<void> {
  let last: TreeRow | undefined =
    (await tx.auditEvent.findFirst({
      where: { leafIndex: { not: null } },
      orderBy: { leafIndex: 'desc' },
      select: { leafIndex: true, treeFrontier: true },
    })) ?? undefined;
  for (;;) {
    const page = await tx.auditEvent.findMany({ where: { leafIndex: null }, orderBy: { seq: 'asc' }, take: 500 });
    if (page.length === 0) return;
    for (const row of page) {
      const columns = nextTreeColumns(last, exportedRow(row));
      await tx.auditEvent.update({ where: { seq: row.seq }, data: columns });
      last = columns;
    }
  }
}

/** The tree's newest state: its size, root, and the newest row's seq. */
export interface TreeHead {
  size: number;
  root: Hash;
  seq: number;
}

export async function treeHead(prisma: PrismaClient | Tx): Promise<TreeHead> {
  const last = await prisma.auditEvent.findFirst({
    where: { leafIndex: { not: null } },
    orderBy: { leafIndex: 'desc' },
    select: { seq: true, leafIndex: true, treeFrontier: true },
  });
  if (!last?.treeFrontier) return { size: 0, root: rootOfFrontier([]), seq: 0 };
  return { size: last.leafIndex! + 1, root: rootOfFrontier(frontierFromText(last.treeFrontier)), seq: last.seq };
}

/** The proof could not be made: the tree is not that large, or the row is not in it. */
export class ProofUnavailable extends Error {}

/** The root of the tree of `size` leaves, from the frontier on its last row. */
export async function rootAt(prisma: PrismaClient, size: number): Promise<Hash> {
  if (size === 0) return rootOfFrontier([]);
  const { frontierOf } = await readSubtrees(prisma, new Set([size]), new Set());
  return rootOfFrontier(frontierOf(size));
}

async function readSubtrees(prisma: PrismaClient, sizes: Set<number>, leaves: Set<number>) {
  const indexes = [...new Set([...[...sizes].map((s) => s - 1), ...leaves])];
  const rows = await prisma.auditEvent.findMany({
    where: { leafIndex: { in: indexes } },
    select: { leafIndex: true, leafHash: true, treeFrontier: true },
  });
  const byIndex = new Map(rows.map((row) => [row.leafIndex!, row]));
  const row = (index: number) => {
    const found = byIndex.get(index);
    if (!found?.treeFrontier || !found.leafHash) throw new ProofUnavailable(`leaf ${index} is not in the tree`);
    return found;
  };
  return {
    frontierOf: (size: number) => frontierFromText(row(size - 1).treeFrontier!),
    leafOf: (index: number) => fromBase64(row(index).leafHash!),
  };
}

async function proofOf(prisma: PrismaClient, ranges: Range[], treeSize: number): Promise<Hash[]> {
  const sources = ranges.map(([start, end]) => rangeSource(start, end, treeSize));
  const sizes = new Set<number>();
  const leaves = new Set<number>();
  for (const source of sources) sourceReads(source, sizes, leaves);
  const { frontierOf, leafOf } = await readSubtrees(prisma, sizes, leaves);
  return sources.map((source) => resolveSource(source, frontierOf, leafOf));
}

export interface InclusionProof {
  seq: number;
  leafIndex: number;
  treeSize: number;
  root: Hash;
  proof: Hash[];
  row: ExportedRow;
}

/** The row at `seq` and the proof of its leaf in the tree of `treeSize` leaves (the newest tree unless given). */
export async function inclusionProof(prisma: PrismaClient, seq: number, treeSize?: number): Promise<InclusionProof> {
  const row = await prisma.auditEvent.findUnique({ where: { seq } });
  if (!row || row.leafIndex === null) throw new ProofUnavailable(`row ${seq} is not in the tree`);
  const size = treeSize ?? (await treeHead(prisma)).size;
  if (row.leafIndex >= size)
    throw new ProofUnavailable(`row ${seq} is leaf ${row.leafIndex}, not in the first ${size}`);
  const [proof, root] = await Promise.all([
    proofOf(prisma, inclusionRanges(row.leafIndex, size), size),
    rootAt(prisma, size),
  ]);
  return { seq, leafIndex: row.leafIndex, treeSize: size, root, proof, row: exportedRow(row) };
}

/** The proof that the tree of `from` leaves is a prefix of the tree of `to` leaves. */
export async function consistencyProof(prisma: PrismaClient, from: number, to: number): Promise<Hash[]> {
  return proofOf(prisma, consistencyRanges(from, to), to);
}

/** The rows with seq in [from, to], oldest first, at most `limit`, as their leaves cover them. */
export async function exportRows(prisma: PrismaClient, from: number, to: number, limit: number) {
  const rows = await prisma.auditEvent.findMany({
    where: { seq: { gte: from, lte: to }, leafIndex: { not: null } },
    orderBy: { seq: 'asc' },
    take: limit,
  });
  return rows.map(exportedRow);
}
