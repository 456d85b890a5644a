/** The staff list: name, code, position and department, by code; not personnel details (see personnel-record.ts). */
import type { OfficialPosition, Prisma, PrismaClient } from '../../prisma/database';
import { officialSummarySelect } from './views';
import { type PageRequest, pageArgs, toPage } from '../pagination';
import { idsMatching } from './name-search';

export interface StaffQuery extends PageRequest {
  departmentId?: string | undefined;
  position?: OfficialPosition | undefined;
  /** Part of the official's name or code. */
  q?: string | undefined;
}

export async function staffPage(prisma: PrismaClient, { departmentId, position, q, ...page }: StaffQuery) {
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
