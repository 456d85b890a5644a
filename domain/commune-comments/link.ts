import type { PrismaClient } from '../../prisma/database';

/** A link as a comment form's workflow reads it: its programme, commune, leader and days; null when unknown. */
export async function commentLink(prisma: Pick<PrismaClient, 'agencyLeaderArea'>, linkId: string) {
  return prisma.agencyLeaderArea.findUnique({
    where: { id: linkId },
    select: { programmeId: true, areaId: true, memberId: true, from: true, until: true },
  });
}
