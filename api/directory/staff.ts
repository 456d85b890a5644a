/** The staff list: name, code, position and department, by code; not personnel details (see personnel-record.ts). */
import type { Prisma, PrismaClient } from '../../prisma/database';
import { officialSummarySelect } from '../directory-views';
import { type Page, pageArgs, toPage } from '../pagination';
import { idsMatching } from './name-search';
import type { StaffListItem, StaffQuery } from './schemas';

export async function staffPage(
  prisma: PrismaClient,
  { departmentId, position, q, ...page }: StaffQuery,
): Promise<Page<StaffListItem>> {
  const where: Prisma.OfficialWhereInput = { ...(departmentId && { departmentId }), ...(position && { position }) };
  if (q) {
    const names = await prisma.official.findMany({ where, select: { id: true, code: true, fullName: true } });
    where.id = { in: idsMatching(q, names, (o) => [o.fullName, o.code]) };
  }
  const rows = await prisma.official.findMany({
    where,
    orderBy: [{ code: 'asc' }, { id: 'asc' }],
    ...pageArgs(page),
    select: { ...officialSummarySelect, active: true },
  });
  return toPage(rows, page.limit, (o) => o);
}
