/**
 * An official's personnel record: position changes, every assignment with its closing reason and ratings, missed
 * deadlines recorded against them, group history, contact. Who may read it is machines/access.ts's to say
 * (`mayReadPersonnelRecord`), and every read is audited by the route.
 */
import { isLeadershipOrAuditor, mayReadPersonnelRecord } from '../../machines/access';
import type { Actor } from '../../machines/actor';
import type { PrismaClient } from '../../prisma/database';
import { departmentScopeOf } from '../department-scope';
import { confidential, notFound } from '../refusal';
import {
  assignmentSummary,
  assignmentSummarySelect,
  groupRefSelect,
  iso,
  isoOrNull,
  officialSummary,
  officialSummarySelect,
} from './views';
import { datedMembership } from './memberships';

/**
 * The personnel record of official `id` as `actor` may read it, with the evaluations it shows (for the audit row).
 * The same 403 as the other confidential records: "you may not", not "no such".
 */
export async function personnelRecordFor(prisma: PrismaClient, actor: Actor, id: string) {
  const official = await findRecordOfficial(prisma, id);
  if (!official) throw notFound('official', id);
  if (!mayReadPersonnelRecord(actor, official, await departmentScopeOf(prisma, actor)))
    throw confidential(`The personnel record of ${official.id}`);
  // The proposed rating is seen by leadership and the auditor only, as in the evaluation routes.
  return personnelRecord(prisma, official, { seesProposals: isLeadershipOrAuditor(actor) });
}

/** The official whose record is asked for, or null; with the department their department head reads it by. */
function findRecordOfficial(prisma: PrismaClient, id: string) {
  return prisma.official.findUnique({
    where: { id },
    select: {
      ...officialSummarySelect,
      departmentId: true,
      email: true,
      active: true,
      createdAt: true,
      user: { select: { username: true, active: true, roles: { select: { role: true } } } },
      memberships: {
        orderBy: [{ since: 'asc' }, { id: 'asc' }],
        select: { isLeader: true, since: true, until: true, group: { select: groupRefSelect } },
      },
    },
  });
}
type RecordOfficial = NonNullable<Awaited<ReturnType<typeof findRecordOfficial>>>;

/**
 * The record of `official`. The final rating is part of it (Đ12: the basis for evaluation, planning, promotion);
 * the group leader's proposed rating is the Board's internal step, shown only when `seesProposals`.
 */
async function personnelRecord(
  prisma: PrismaClient,
  official: RecordOfficial,
  { seesProposals }: { seesProposals: boolean },
) {
  const [assignments, missed] = await Promise.all([
    prisma.assignment.findMany({
      where: { officialId: official.id },
      orderBy: [{ effectiveFrom: 'desc' }, { id: 'desc' }],
      select: {
        ...assignmentSummarySelect,
        evaluations: {
          orderBy: { year: 'asc' },
          select: { id: true, year: true, state: true, dueAt: true, proposedRating: true, rating: true, ratedAt: true },
        },
      },
    }),
    prisma.deadline.findMany({
      where: { status: 'MISSED', assignment: { officialId: official.id } },
      orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
      select: {
        assignmentId: true,
        subject: true,
        reference: true,
        dueAt: true,
        missedAt: true,
        escalationLevel: true,
      },
    }),
  ]);
  const positionChanges = await positionChangesOf(
    prisma,
    assignments.map((a) => a.id),
  );
  const record = {
    official: {
      ...officialSummary(official),
      email: official.email,
      active: official.active,
      createdAt: iso(official.createdAt),
    },
    user: official.user && {
      username: official.user.username,
      active: official.user.active,
      roles: official.user.roles.map((r) => r.role),
    },
    positionChanges,
    memberships: official.memberships.map(datedMembership),
    // The official is the record's subject: their assignments do not name them again.
    assignments: assignments.map(({ evaluations, ...a }) => ({
      ...withoutOfficial(assignmentSummary(a)),
      evaluations: evaluations.map(({ id: _id, ...e }) => ({
        ...e,
        proposedRating: seesProposals ? e.proposedRating : null,
        dueAt: iso(e.dueAt),
        ratedAt: isoOrNull(e.ratedAt),
      })),
    })),
    missedDeadlines: missed.map((d) => ({ ...d, dueAt: iso(d.dueAt), missedAt: isoOrNull(d.missedAt) })),
  };
  // The evaluations whose ratings the record shows, for the audit row.
  return { record, evaluationIds: assignments.flatMap((a) => a.evaluations.map((e) => e.id)) };
}

/**
 * There is no position-history table: a change of position is recorded as a ground on the official's assignments
 * (`reportPositionChange`, audit action GROUND_ESTABLISHED). The audit trail is the history.
 */
async function positionChangesOf(prisma: PrismaClient, assignmentIds: string[]) {
  if (assignmentIds.length === 0) return [];
  const grounds = await prisma.auditEvent.findMany({
    where: { action: 'GROUND_ESTABLISHED', assignmentId: { in: assignmentIds } },
    orderBy: { seq: 'asc' },
    select: { at: true, assignmentId: true, actorId: true, payload: true },
  });
  return grounds.flatMap((event) => {
    const ground = (event.payload as { ground?: { kind?: string; note?: string } } | null)?.ground;
    return ground?.kind === 'POSITION_CHANGED'
      ? [{ at: iso(event.at), assignmentId: event.assignmentId, note: ground.note ?? '', reportedById: event.actorId }]
      : [];
  });
}

function withoutOfficial<Summary extends { official: unknown }>({ official: _official, ...rest }: Summary) {
  return rest;
}
