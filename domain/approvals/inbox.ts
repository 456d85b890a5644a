/** The proposals waiting for Board leadership, as the caller may see them. */
import type { Actor } from '../../machines/actor';
import type { ApprovalRequest, PrismaClient } from '../../prisma/database';
import { type FactsFilter, factsFilter, restsOnConfidentialGround } from '../confidential-facts';
import type { Page, PageRequest } from '../pagination';
import { dateOf, jsonOf, readRows, textOf } from '../../prisma/raw-reads';

const COLUMNS = ['id', 'assignmentId', 'areaId', 'kind', 'status', 'proposedById', 'reason', 'payload', 'createdAt']
  .map((c) => `"r"."${c}"`)
  .join(', ');

/**
 * The pending proposals, oldest first (then by id), `take` of them after the cursor's row, as Prisma's cursor paging
 * reads them (domain/pagination.ts: the rows from the cursor's place in the order on, the cursor's own skipped; none
 * for an unknown cursor). Plain SQL on the adapter (prisma/raw-reads.ts): the inbox is read on every leader's page.
 */
export async function pendingRows(prisma: PrismaClient, take: number, cursor?: string): Promise<ApprovalRequest[]> {
  const order = 'ORDER BY "r"."createdAt" ASC, "r"."id" ASC';
  const rows = cursor
    ? await readRows(
        prisma,
        `SELECT ${COLUMNS} FROM "ApprovalRequest" AS "r" JOIN "ApprovalRequest" AS "c" ON "c"."id" = $1
         WHERE "r"."status" = 'PENDING'
           AND ("r"."createdAt" > "c"."createdAt" OR ("r"."createdAt" = "c"."createdAt" AND "r"."id" >= "c"."id"))
         ${order} LIMIT $2 OFFSET 1`,
        [cursor, take],
      )
    : await readRows(
        prisma,
        `SELECT ${COLUMNS} FROM "ApprovalRequest" AS "r" WHERE "r"."status" = 'PENDING' ${order} LIMIT $1`,
        [take],
      );
  return rows.map((r) => ({
    id: String(r.id),
    assignmentId: textOf(r.assignmentId),
    areaId: textOf(r.areaId),
    kind: String(r.kind) as ApprovalRequest['kind'],
    status: String(r.status) as ApprovalRequest['status'],
    proposedById: String(r.proposedById),
    reason: String(r.reason),
    payload: jsonOf(r.payload) as ApprovalRequest['payload'],
    createdAt: dateOf(r.createdAt),
  }));
}

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
  const rows = await pendingRows(prisma, limit + 1, cursor);
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
