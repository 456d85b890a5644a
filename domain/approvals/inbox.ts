/** The proposals waiting for Board leadership, as the caller may see them. */
import type { Actor } from '../../machines/actor';
import type { ApprovalRequest, PrismaClient } from '../../prisma/database';
import { type FactsFilter, factsFilter, restsOnConfidentialGround } from '../confidential-facts';
import type { Page, PageRequest } from '../pagination';

/**
 * The pending proposals, oldest first, without those resting on a ground the caller may not see (Đ7.A.6: never the
 * proposal resting on a complaint about the caller); a page may then hold fewer than `limit`. The filters that decided
 * are returned with it: their `audit` records the confidential grounds shown.
 */
export async function visibleInbox(
  prisma: PrismaClient,
  actor: Actor,
  { limit, cursor }: PageRequest,
): Promise<Page<ApprovalRequest> & { filters: FactsFilter[] }> {
  const rows = await prisma.approvalRequest.findMany({
    where: { status: 'PENDING' },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: limit + 1,
    ...(cursor && { cursor: { id: cursor }, skip: 1 }),
  });
  const page = rows.slice(0, limit);
  const filters = new Map<string, FactsFilter | null>();
  for (const { payload, assignmentId } of page)
    if (assignmentId && restsOnConfidentialGround(payload) && !filters.has(assignmentId))
      filters.set(assignmentId, await factsFilter(prisma, actor, assignmentId));
  // A proposal about an area (AREA_SUCCESSOR) rests on no confidential ground.
  const items = page.filter(
    (row) => !row.assignmentId || (filters.get(row.assignmentId)?.seesProposal(row.id) ?? true),
  );
  return {
    items,
    nextCursor: rows.length > limit ? page.at(-1)!.id : null,
    filters: [...filters.values()].filter((filter) => filter !== null),
  };
}
