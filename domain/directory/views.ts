/**
 * The Prisma selections behind the shapes the directory, the assignment list and the dashboard answer with (their
 * zod schemas are in contracts/directory.ts), and the views that turn the rows read into those shapes: a read selects
 * exactly what its answer documents, never a whole row.
 */
import type { Prisma } from '../../prisma/database';
import { signedSummary, signedSummarySelect } from '../papers/signed-summary';

export const iso = (date: Date): string => date.toISOString();
export const isoOrNull = (date: Date | null): string | null => date?.toISOString() ?? null;

/** Assignment states (the assignment machine's leaves, as stored by activities/assignment-records.ts). */
export const ASSIGNMENT_STATES = [
  'awaitingApproval',
  'scheduled',
  'active',
  'active.serving',
  'active.rotationEligible',
  'active.rotationDue',
  'handingOver',
  'closed',
] as const;
export type AssignmentStateFilter = (typeof ASSIGNMENT_STATES)[number];

/** `active` stands for its three sub-states; the others are exact. */
export function stateWhere(state: AssignmentStateFilter): Prisma.AssignmentWhereInput {
  return state === 'active' ? { state: { startsWith: 'active.' } } : { state };
}

/** Assignments in effect: serving (any sub-state) or handing over to a successor. */
export const IN_EFFECT: Prisma.AssignmentWhereInput = {
  OR: [{ state: { startsWith: 'active.' } }, { state: 'handingOver' }],
};

/** Approved assignments, whatever their state: everything but open, rejected or withdrawn proposals. */
export const APPROVED: Prisma.AssignmentWhereInput = { approvedById: { not: null } };

export const departmentRefSelect = { id: true, code: true, name: true } satisfies Prisma.DepartmentSelect;

export const officialSummarySelect = {
  id: true,
  code: true,
  fullName: true,
  position: true,
  department: { select: departmentRefSelect },
} satisfies Prisma.OfficialSelect;

/** An official as the staff directory shows them: not personnel details (see personnel-record.ts). */
export type OfficialSummary = Prisma.OfficialGetPayload<{ select: typeof officialSummarySelect }>;

/** The summary of an official read with more than `officialSummarySelect`. */
export const officialSummary = ({ id, code, fullName, position, department }: OfficialSummary): OfficialSummary => ({
  id,
  code,
  fullName,
  position,
  department,
});

export const areaRefSelect = { id: true, code: true, name: true, kind: true } satisfies Prisma.AreaSelect;

export const groupRefSelect = { id: true, name: true } satisfies Prisma.MonitoringGroupSelect;

const decisionRefSelect = {
  id: true,
  number: true,
  issuedOn: true,
  signedDocument: { select: signedSummarySelect },
} satisfies Prisma.DecisionSelect;

export const assignmentSummarySelect = {
  id: true,
  state: true,
  area: { select: areaRefSelect },
  official: { select: officialSummarySelect },
  group: { select: groupRefSelect },
  effectiveFrom: true,
  rotationEligibleAt: true,
  rotationDueAt: true,
  closedAt: true,
  closureReason: true,
  decision: { select: decisionRefSelect },
  proposedById: true,
  approvedById: true,
  predecessorId: true,
} satisfies Prisma.AssignmentSelect;

type AssignmentSummaryRow = Prisma.AssignmentGetPayload<{ select: typeof assignmentSummarySelect }>;

export function assignmentSummary(row: AssignmentSummaryRow) {
  return {
    ...row,
    effectiveFrom: iso(row.effectiveFrom),
    rotationEligibleAt: iso(row.rotationEligibleAt),
    rotationDueAt: iso(row.rotationDueAt),
    closedAt: isoOrNull(row.closedAt),
    decision: row.decision && {
      id: row.decision.id,
      number: row.decision.number,
      issuedOn: iso(row.decision.issuedOn),
      signature: signedSummary(row.decision.signedDocument),
    },
  };
}

/** The assignment currently in effect for an area, in short: who monitors it. */
export const currentAssignmentSelect = {
  id: true,
  state: true,
  effectiveFrom: true,
  official: { select: officialSummarySelect },
  group: { select: groupRefSelect },
} satisfies Prisma.AssignmentSelect;

/** Include for an area's assignment in effect (the newest, should a handover overlap with the successor). */
export const currentAssignmentInclude = {
  where: IN_EFFECT,
  orderBy: [{ effectiveFrom: 'desc' }, { id: 'desc' }],
  take: 1,
  select: currentAssignmentSelect,
} satisfies Prisma.Area$assignmentsArgs;

export function currentAssignment(rows: Prisma.AssignmentGetPayload<{ select: typeof currentAssignmentSelect }>[]) {
  const row = rows[0];
  return row ? { ...row, effectiveFrom: iso(row.effectiveFrom) } : null;
}
