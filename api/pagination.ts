/**
 * Cursor pagination shared by the list routes: `limit` (1..100, default 20) and `cursor` (the id of the last item of
 * the previous page) in the query string, `{ items, nextCursor }` in the answer. The page itself, and the Prisma
 * arguments that read it, are the records' (domain/pagination.ts).
 */
import { z } from 'zod';

export { type Page, type PageRequest, pageArgs, toPage } from '../domain/pagination';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** The paging query parameters, to spread into a route's `z.strictObject({ ...pageQuery, ... })`. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).default(DEFAULT_PAGE_SIZE),
  /** The id of the last item of the previous page (`nextCursor`). */
  cursor: z.string().min(1).max(200).optional(),
};

/** The response schema of a page of `item` (the browser reads the same shape). */
export { pageSchema } from '../contracts/page';
