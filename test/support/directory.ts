import type { Actor } from '../../machines/actor';
import type { PrismaClient } from '../../prisma/database';

/** People and places from the seeded demo province that the scenarios act with. */
export interface Directory {
  leaders: Actor[];
  headOfBoard: Actor;
  departmentHead: Actor;
  auditor: Actor;
  /** A group with a leader and at least one other member, and the area it will monitor. */
  group: { id: string; leader: Actor; member: Actor };
  areas: { id: string; leaderInChargeId: string | null }[];
  /** Officials below department head, other than the ones above: to assign or name as successors. */
  specialists: Actor[];
  committeeOf(areaId: string): Actor;
}

export async function loadDirectory(prisma: PrismaClient): Promise<Directory> {
  const officials = await prisma.official.findMany({
    orderBy: { code: 'asc' },
    include: { user: { include: { roles: true } } },
  });
  const byPosition = (position: string) => officials.filter((o) => o.position === position);
  const asActor = (o: { id: string }, roles: Actor['roles']): Actor => ({ id: o.id, roles });
  const head = byPosition('HEAD_OF_BOARD')[0];
  const deputies = byPosition('DEPUTY_HEAD');
  const departmentHead = byPosition('DEPARTMENT_HEAD')[0];
  const auditor = officials.find((o) => o.user?.roles.some((r) => r.role === 'AUDITOR'));
  const group = await prisma.monitoringGroup.findFirst({
    orderBy: { name: 'asc' },
    include: { memberships: { where: { until: null }, orderBy: { officialId: 'asc' } } },
  });
  const groupLeader = group?.memberships.find((m) => m.isLeader);
  const groupMember = group?.memberships.find((m) => !m.isLeader);
  if (!head || deputies.length < 2 || !departmentHead || !auditor || !group || !groupLeader || !groupMember) {
    throw new Error(
      'The seed lacks the people the scenarios need (head, 2 deputies, department head, auditor, a group with members)',
    );
  }
  const areas = await prisma.area.findMany({ orderBy: { code: 'asc' }, select: { id: true, leaderInChargeId: true } });
  const taken = new Set([groupLeader.officialId, groupMember.officialId, auditor.id, departmentHead.id]);
  return {
    leaders: deputies.map((o) => asActor(o, ['BOARD_LEADER'])),
    headOfBoard: asActor(head, ['HEAD_OF_BOARD']),
    departmentHead: asActor(departmentHead, ['DEPARTMENT_HEAD']),
    auditor: asActor(auditor, ['AUDITOR']),
    group: {
      id: group.id,
      leader: asActor({ id: groupLeader.officialId }, ['GROUP_LEADER', 'OFFICIAL']),
      member: asActor({ id: groupMember.officialId }, ['OFFICIAL']),
    },
    areas,
    specialists: officials
      .filter((o) => (o.position === 'SPECIALIST' || o.position === 'DEPUTY_DEPARTMENT_HEAD') && !taken.has(o.id))
      .map((o) => asActor(o, ['OFFICIAL'])),
    committeeOf: (areaId) => ({ id: `committee-${areaId}`, roles: ['AREA_COMMITTEE'], areaId }),
  };
}
