/**
 * A pending early reassignment resting on a complaint or an evaluation is shown only to those who may read that record
 * (Đ7.A.6, domain/confidential-facts.ts), as an audited read; to others the assignment shows no pending proposal. The
 * rotations list and its export apply it alike.
 */
import type { FastifyRequest } from 'fastify';
import { factsFilter } from '../../domain/confidential-facts';
import type { Actor } from '../../machines/actor';
import { readerOf } from '../audited-read';
import type { RouteDeps } from '../deps';

export async function withoutHiddenProposals<
  Item extends { assignmentId: string; pendingProposal: { id: string; kind: string } | null },
>(deps: Pick<RouteDeps, 'prisma' | 'provider'>, actor: Actor, items: Item[], request: FastifyRequest): Promise<Item[]> {
  const seen: Item[] = [];
  for (const item of items) {
    const pending = item.pendingProposal;
    const facts =
      pending?.kind === 'EARLY_REASSIGNMENT' ? await factsFilter(deps.prisma, actor, item.assignmentId) : null;
    if (!pending || !facts || facts.seesProposal(pending.id)) seen.push(item);
    else seen.push({ ...item, pendingProposal: null });
    await facts?.audit(deps, readerOf(request));
  }
  return seen;
}
