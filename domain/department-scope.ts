/**
 * A department head's scope: the officials of their own department, for what they read (personnel records, the
 * dashboard) and for what they write (proposals, moves, position changes) alike. Board leadership, the auditor and
 * administrators act Board-wide. The rule is `machines/access.ts`; this is where the records answer it.
 */
import { type DepartmentScope, isBoardWide, withinScope } from '../machines/access';
import type { Actor } from '../machines/actor';
import type { PrismaClient } from '../prisma/database';
import { RULE_VIOLATED } from '../machines/rules';
import { Refusal } from './refusal';

/** Whose officials the actor acts on; anyone else (an official, an area committee) has no department scope. */
export async function departmentScopeOf(prisma: PrismaClient, actor: Actor): Promise<DepartmentScope> {
  if (isBoardWide(actor)) return { boardWide: true };
  if (!actor.roles.includes('DEPARTMENT_HEAD')) return { boardWide: false, departmentId: null };
  const own = await prisma.official.findUnique({ where: { id: actor.id }, select: { departmentId: true } });
  return { boardWide: false, departmentId: own?.departmentId ?? null };
}

/**
 * Refuses a write about officials outside the actor's scope: 422 RuleViolated `OUTSIDE_DEPARTMENT`, naming the first
 * such official and the field that names them. 422 like the other rules of who may propose or decide what
 * (NO_SELF_APPROVAL, CONFLICT_OF_INTEREST): the route is the department head's; this official is not theirs.
 * Unknown officials are left to the route's own checks (400/404). The officials are only looked up for a scoped actor.
 */
export async function refuseOutsideDepartment(
  prisma: PrismaClient,
  actor: Actor,
  officialsNamed: () => Promise<{ officialId: string; path: string }[]>,
): Promise<void> {
  const scope = await departmentScopeOf(prisma, actor);
  if (scope.boardWide) return;
  const officials = await officialsNamed();
  if (officials.length === 0) return;
  const rows = await prisma.official.findMany({
    where: { id: { in: officials.map((o) => o.officialId) } },
    select: { id: true, departmentId: true },
  });
  const departmentOf = new Map(rows.map((row) => [row.id, row.departmentId]));
  const outside = officials.find(
    (o) => departmentOf.has(o.officialId) && !withinScope(scope, departmentOf.get(o.officialId)!),
  );
  if (!outside) return;
  throw new Refusal(
    422,
    RULE_VIOLATED,
    `Official ${outside.officialId} is not of your department: a department head proposes and reports for the officials of their own department only`,
    {
      rule: 'OUTSIDE_DEPARTMENT',
      path: outside.path,
      officialId: outside.officialId,
      officialDepartmentId: departmentOf.get(outside.officialId) ?? null,
      departmentId: scope.departmentId,
    },
  );
}

/**
 * Refuses (422 OUTSIDE_DEPARTMENT) a write on an assignment whose official, or the successor it names, is outside the
 * actor's department. The official is the stored record's, or the workflow's own view while no record is written yet.
 * Withdrawing is not scoped: only the proposer withdraws, and taking back one's own proposal acts on nobody.
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
