/** What every dashboard item names: the assignment's area, official and group. */
import type { Prisma } from '../../prisma/database';
import { areaRefSelect, groupRefSelect, officialSummarySelect } from '../directory/views';

/** The selection behind each item's subject, on an assignment. */
export const subjectSelect = {
  area: { select: areaRefSelect },
  official: { select: officialSummarySelect },
  group: { select: groupRefSelect },
} satisfies Prisma.AssignmentSelect;
