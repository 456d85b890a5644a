/** A page of a list's items: `{ items, nextCursor }` (the query parameters that ask for one are the API's). */
import { z } from 'zod';

/** The response schema of a page of `item`. */
export function pageSchema<Item extends z.ZodType>(item: Item) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/** A page of `Item`, as the list routes answer. */
export interface Page<Item> {
  items: Item[];
  nextCursor: string | null;
}
