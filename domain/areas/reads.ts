/**
 * Areas over time: the name a unit bore on a day, its names and period, and the units before and after it through the
 * reorganisations recorded. The directory's area list and page read these (domain/directory/areas.ts).
 */
import type { Prisma, PrismaClient } from '../../prisma/database';
import { dayDate, dayOrNull } from '../organisation/periods';
import { existsOnWhere } from './rules';

/** The fields of an area's place on the map, as the answers carry them. */
export const areaMapSelect = {
  officialCode: true,
  level: true,
  validFrom: true,
  validUntil: true,
} satisfies Prisma.AreaSelect;

export function mapFields<R extends { validFrom: Date | null; validUntil: Date | null }>(row: R) {
  return { ...row, validFrom: dayOrNull(row.validFrom), validUntil: dayOrNull(row.validUntil) };
}

/** The filter of the units that exist on `day`. */
export const areasExistingOn = (day: string): Prisma.AreaWhereInput => existsOnWhere(dayDate(day));

const linkSelect = {
  side: true,
  ceases: true,
  whole: true,
  area: { select: { id: true, code: true, name: true, kind: true } },
} as const;

/** An area's names over time, and the units before and after it through reorganisations. */
export async function areaLineage(prisma: PrismaClient, id: string) {
  const [names, links] = await Promise.all([
    prisma.areaName.findMany({
      where: { areaId: id },
      orderBy: [{ validFrom: 'asc' }, { id: 'asc' }],
      select: { name: true, validFrom: true, validUntil: true },
    }),
    prisma.reorganizationArea.findMany({
      where: { areaId: id },
      select: {
        side: true,
        reorganization: {
          select: {
            id: true,
            kind: true,
            effectiveOn: true,
            legalBasisNumber: true,
            legalBasisDate: true,
            areas: { select: linkSelect },
          },
        },
      },
    }),
  ]);
  const related = (side: 'PREDECESSOR' | 'SUCCESSOR', other: 'PREDECESSOR' | 'SUCCESSOR') =>
    links
      .filter((l) => l.side === side)
      .flatMap(({ reorganization: r }) =>
        r.areas
          .filter((a) => a.side === other && a.area.id !== id)
          .map((a) => ({
            area: a.area,
            ceases: a.ceases,
            whole: a.whole,
            reorganization: {
              id: r.id,
              kind: r.kind,
              effectiveOn: dayOrNull(r.effectiveOn)!,
              legalBasisNumber: r.legalBasisNumber,
              legalBasisDate: dayOrNull(r.legalBasisDate)!,
            },
          })),
      )
      .sort((a, b) => a.reorganization.effectiveOn.localeCompare(b.reorganization.effectiveOn));
  return {
    names: names.map((n) => ({ name: n.name, validFrom: dayOrNull(n.validFrom), validUntil: dayOrNull(n.validUntil) })),
    predecessors: related('SUCCESSOR', 'PREDECESSOR'),
    successors: related('PREDECESSOR', 'SUCCESSOR'),
  };
}

/** An area as POST /areas answers it. */
export async function areaCreated(prisma: PrismaClient, id: string) {
  const area = await prisma.area.findUniqueOrThrow({
    where: { id },
    select: { id: true, code: true, name: true, kind: true, parentId: true, ...areaMapSelect },
  });
  return mapFields(area);
}
