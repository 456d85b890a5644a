/**
 * Cursor pagination shared by the list routes: `limit` (1..100, default 20) and `cursor` (the id of the last item of
 * the previous page) in the query string, `{ items, nextCursor }` in the answer. Keyset, not offset: a page does not
 * shift when rows are added before it, and rows are never seen twice.
 */
import { z } from 'zod';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** The paging query parameters, to spread into a route's `z.strictObject({ ...pageQuery, ... })`. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  /** The id of the last item of the previous page (`nextCursor`). */
  cursor: z.string().min(1).max(200).optional(),
};

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

/** The response schema of a page of `item`. */
export function pageSchema<Item extends z.ZodType>(item: Item) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
