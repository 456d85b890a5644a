/** The directory's query parameters; its answers are the browser's too (contracts/directory.ts). */
import { z } from 'zod';
import { AreaKind, OfficialPosition } from '../../prisma/database';
import { DaySchema } from '../../machines/day';
import { pageQuery } from '../pagination';
import { searchQuery } from '../text-match';

export {
  type AreaDetail,
  AreaDetailSchema,
  type AreaListItem,
  AreaListItemSchema,
  type Department,
  DepartmentSchema,
  type GroupDetail,
  GroupDetailSchema,
  type GroupListItem,
  GroupListItemSchema,
  type Me,
  MeSchema,
  type PersonnelRecord,
  PersonnelRecordSchema,
  type StaffListItem,
  StaffListItemSchema,
} from '../../contracts/directory';

export const AreasQuerySchema = z.strictObject({
  ...pageQuery,
  kind: z.enum(AreaKind).optional(),
  parentId: z.string().min(1).max(200).optional(),
  /** The units in force that day (YYYY-MM-DD), each under the name it bore then; every area on record when absent. */
  asOf: DaySchema.optional(),
  /** Part of the area's name or code; diacritics as typed, any case. */
  q: searchQuery,
});
export type AreasQuery = z.output<typeof AreasQuerySchema>;

export const OfficialsQuerySchema = z.strictObject({
  ...pageQuery,
  departmentId: z.string().min(1).max(200).optional(),
  position: z.enum(OfficialPosition).optional(),
  /** Part of the official's name or code; diacritics as typed, any case. */
  q: searchQuery,
});
export type StaffQuery = z.output<typeof OfficialsQuerySchema>;

export const GroupQuerySchema = z.strictObject({
  /** The day asked about, YYYY-MM-DD: the group as it stood then; today when absent. */
  asOf: DaySchema.optional(),
});
