/**
 * The writes of a department head on an assignment follow the scope of their reads (issue 11, point 8;
 * api/department-scope.ts): they propose a move of, or report a position change for, an official of their own
 * department only, and name as successor only such an official. Leadership and administrators are not limited.
 * Withdrawing is not scoped: only the proposer withdraws (ONLY_PROPOSER_WITHDRAWS), and taking back one's own
 * proposal acts on nobody.
 */
import type { Actor } from '../../machines/actor';
import type { PrismaClient } from '../../prisma/database';
import { refuseOutsideDepartment } from '../department-scope';

/**
 * Refuses (422 OUTSIDE_DEPARTMENT) a write on an assignment whose official, or the successor it names, is outside the
 * actor's department. The official is the stored record's, or the workflow's own view while no record is written yet.
 */
export async function refuseAssignmentWriteOutsideDepartment(
  prisma: PrismaClient,
  actor: Actor,
  assignmentId: string,
  view: () => Promise<{ officialId: string }>,
  successorOfficialId?: string | undefined,
): Promise<void> {
  await refuseOutsideDepartment(prisma, actor, async () => {
    const record = await prisma.assignment.findUnique({ where: { id: assignmentId }, select: { officialId: true } });
    const officialId = record?.officialId ?? (await view()).officialId;
    return [
      { officialId, path: 'id' },
      ...(successorOfficialId ? [{ officialId: successorOfficialId, path: 'proposal.successorOfficialId' }] : []),
    ];
  });
}
