import { type AuditAnchor, chainHead, type ChainHead } from '../domain/audit/chain';
import type { ActivityDeps } from './deps';

export interface AuditHeadReading {
  head: ChainHead;
  /**
   * Whether the chain still holds the previous anchor: its row with its hash, at or before the head. When it does not,
   * the anchor workflow keeps the previous anchor rather than anchoring a truncated or rewritten chain.
   */
  followsPrevious: boolean;
}

/** Reads the audit chain's head for the anchor workflow (workflows/audit-anchor.workflow.ts). */
export function readAuditHead(deps: ActivityDeps) {
  return async (previous: AuditAnchor | undefined): Promise<AuditHeadReading> => {
    const { prisma } = deps.db;
    const head = await chainHead(prisma);
    if (!previous || previous.seq === 0) return { head, followsPrevious: true };
    const anchored = await prisma.auditEvent.findUnique({ where: { seq: previous.seq }, select: { hash: true } });
    return { head, followsPrevious: anchored?.hash === previous.hash && head.seq >= previous.seq };
  };
}
