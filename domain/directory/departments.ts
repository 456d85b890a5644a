/** The Board's departments, by code, each with its head and how many active officials it has. */
import type { PrismaClient } from '../../prisma/database';
import { departmentRefSelect, officialSummarySelect } from './views';
import { type PageRequest, pageArgs, toPage } from '../pagination';

export async function departmentsPage(prisma: PrismaClient, query: PageRequest) {
  const rows = await prisma.department.findMany({
    orderBy: [{ code: 'asc' }, { id: 'asc' }],
    ...pageArgs(query),
    select: {
      ...departmentRefSelect,
      _count: { select: { officials: { where: { active: true } } } },
      officials: {
        where: { position: 'DEPARTMENT_HEAD', active: true },
        orderBy: { code: 'asc' },
        take: 1,
        select: officialSummarySelect,
      },
    },
  });
  return toPage(rows, query.limit, (d) => ({
    id: d.id,
    code: d.code,
    name: d.name,
    head: d.officials[0] ?? null,
    officialCount: d._count.officials,
  }));
}
