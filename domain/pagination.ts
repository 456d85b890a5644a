/**
 * Cursor pagination of the records' lists: `limit` and `cursor` (the id of the last item of the previous page) asked,
 * `{ items, nextCursor }` answered. Keyset, not offset: a page does not shift when rows are added before it, and rows
 * are never seen twice. The HTTP edge's query and answer schemas are in api/pagination.ts.
 */

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

export interface Page<T> {
  items: T[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * Prisma `findMany` arguments for the page after `cursor`: one row more than asked, to know whether a next page
 * exists. The model's `orderBy` must end with its id, so that the order is total and the cursor unambiguous.
 */
export function pageArgs({ limit, cursor }: PageRequest): { take: number; cursor?: { id: string }; skip?: number } {
  return { take: limit + 1, ...(cursor && { cursor: { id: cursor }, skip: 1 }) };
}

/** The page from rows fetched with `pageArgs` (or any list holding at most one row past the page). */
export function toPage<Row extends { id: string }, Item>(
  rows: Row[],
  limit: number,
  view: (row: Row) => Item,
): Page<Item> {
  const kept = rows.slice(0, limit);
  return { items: kept.map(view), nextCursor: rows.length > limit ? kept.at(-1)!.id : null };
}
