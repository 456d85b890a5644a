/**
 * Every item of a paged list, read through the list's own page function (the same read, filters, order and
 * confidentiality as the route that shows it), page after page, up to the export's bound.
 */
import type { Page, PageRequest } from '../pagination';
import { EXPORT_MAX_ROWS, tooLarge } from './table';

/** Items read per page while exporting. */
const EXPORT_PAGE = 500;

export async function allItems<Item, P extends Page<Item> = Page<Item>>(
  read: (page: PageRequest) => Promise<P>,
  each?: (page: P) => Promise<Item[]>,
): Promise<Item[]> {
  const items: Item[] = [];
  for (let cursor: string | undefined; ;) {
    const page = await read({ limit: EXPORT_PAGE, cursor });
    items.push(...(each ? await each(page) : page.items));
    if (items.length > EXPORT_MAX_ROWS) throw tooLarge();
    if (!page.nextCursor) return items;
    cursor = page.nextCursor;
  }
}
