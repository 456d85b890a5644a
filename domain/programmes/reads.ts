/**
 * The programmes and their versions as the records hold them, and the one read the rest of the product asks of them:
 * the policy in force for a programme (or an assignment's programme) on a day.
 */
import type { PrismaClient } from '../../prisma/database';
import { dayOf, type IsoDay } from '../../machines/calendar';
import { type Policy, PolicySchema } from '../../machines/policy';
import { versionOnDay } from '../../machines/policy-in-force';
import {
  CadenceKindSchema,
  DEFAULT_PROGRAMME_ID,
  DecidedBySchema,
  EvaluationFormSchema,
  MonitoredBySchema,
  TermRuleSchema,
  versionInForce,
} from '../../machines/programme';
import type { ProgrammeDetail, ProgrammeSummary } from '../../contracts/programmes';
import { notFound, Refusal } from '../refusal';

type Prisma = Pick<PrismaClient, 'programme' | 'programmeVersion' | 'assignment'>;

/** A version as the product runs it: its label, its day and its policy (parsed, so older versions get the defaults). */
export interface PolicyInForce {
  programmeId: string;
  label: string;
  effectiveFrom: IsoDay;
  policy: Policy;
}

export const today = (): IsoDay => dayOf(Date.now());

async function versionsOf(prisma: Prisma, programmeId: string) {
  return prisma.programmeVersion.findMany({ where: { programmeId }, orderBy: { effectiveFrom: 'asc' } });
}

/**
 * The policy in force for a programme on a day: the version that took effect on it or last before it. Before the
 * first version (a day earlier than the records), the first version.
 */
export async function policyInForce(
  prisma: Prisma,
  programmeId: string = DEFAULT_PROGRAMME_ID,
  day: IsoDay = today(),
): Promise<PolicyInForce> {
  const versions = await versionsOf(prisma, programmeId);
  const version = versionOnDay(versions, day);
  if (!version) throw notFound('programme version', programmeId);
  return {
    programmeId,
    label: version.label,
    effectiveFrom: version.effectiveFrom,
    policy: PolicySchema.parse(version.policy),
  };
}

const programmeOf = async (prisma: Prisma, assignmentId: string) =>
  (await prisma.assignment.findUnique({ where: { id: assignmentId }, select: { programmeId: true } }))?.programmeId ??
  DEFAULT_PROGRAMME_ID;

/** The policy in force on a day for the programme an assignment belongs to. */
export async function assignmentPolicyInForce(prisma: Prisma, assignmentId: string, day: IsoDay = today()) {
  return policyInForce(prisma, await programmeOf(prisma, assignmentId), day);
}

/** A programme's versions as the product runs them, oldest first, from which machines/policy-in-force.ts picks a day's. */
export interface ProgrammeVersions {
  programmeId: string;
  versions: Omit<PolicyInForce, 'programmeId'>[];
}

/**
 * All the versions of the programme an assignment belongs to, published so far (those still to take effect too): one
 * read for the months an assignment catches up at once, each taking the version versionOnDay picks for its first day.
 */
export async function assignmentProgrammeVersions(prisma: Prisma, assignmentId: string): Promise<ProgrammeVersions> {
  const programmeId = await programmeOf(prisma, assignmentId);
  const versions = await versionsOf(prisma, programmeId);
  if (!versions.length) throw notFound('programme version', programmeId);
  return {
    programmeId,
    versions: versions.map((v) => ({
      label: v.label,
      effectiveFrom: v.effectiveFrom,
      policy: PolicySchema.parse(v.policy),
    })),
  };
}

/**
 * A programme a query filters by (`programmeId`): it must exist, else a 404 naming the field. The lists it filters
 * read the assignments' `programmeId`.
 */
export async function programmeFilter(prisma: Pick<PrismaClient, 'programme'>, programmeId: string): Promise<string> {
  const found = await prisma.programme.findUnique({ where: { id: programmeId }, select: { id: true } });
  if (!found)
    throw new Refusal(404, 'NOT_FOUND', `programme ${programmeId} does not exist`, {
      resource: 'programme',
      id: programmeId,
      field: 'programmeId',
    });
  return programmeId;
}

/** The programme's assignments not closed: those a new version reaches. */
export function runningAssignmentsWhere(programmeId: string) {
  return { programmeId, closedAt: null };
}

type ProgrammeRow = Awaited<ReturnType<Prisma['programme']['findMany']>>[number];

async function summaryOf(prisma: Prisma, row: ProgrammeRow): Promise<ProgrammeSummary> {
  const versions = await versionsOf(prisma, row.id);
  const inForce = versionInForce(versions, today());
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    legalBasis: row.legalBasis,
    decidedBy: DecidedBySchema.parse(row.decidedBy),
    monitoredBy: MonitoredBySchema.parse(row.monitoredBy),
    areaKinds: Array.isArray(row.areaKinds) ? row.areaKinds.map(String) : [],
    cadenceKind: CadenceKindSchema.parse(row.cadenceKind),
    evaluationForm: EvaluationFormSchema.parse(row.evaluationForm),
    termRule: TermRuleSchema.parse(row.termRule),
    inForce: inForce ? { label: inForce.label, effectiveFrom: inForce.effectiveFrom } : null,
    runningAssignments: await prisma.assignment.count({ where: runningAssignmentsWhere(row.id) }),
  };
}

export async function listProgrammes(prisma: Prisma): Promise<ProgrammeSummary[]> {
  const rows = await prisma.programme.findMany({ orderBy: { createdAt: 'asc' } });
  return Promise.all(rows.map((row) => summaryOf(prisma, row)));
}

export async function programmeDetail(prisma: Prisma, id: string): Promise<ProgrammeDetail> {
  const row = await prisma.programme.findUnique({ where: { id } });
  if (!row) throw notFound('programme', id);
  const versions = await versionsOf(prisma, id);
  const inForce = versionInForce(versions, today());
  return {
    ...(await summaryOf(prisma, row)),
    versions: versions.map((v) => ({
      id: v.id,
      label: v.label,
      effectiveFrom: v.effectiveFrom,
      status: v.effectiveFrom > today() ? 'PENDING' : v === inForce ? 'IN_FORCE' : 'PAST',
      note: v.note,
      publishedById: v.publishedById,
      publishedAt: v.publishedAt.toISOString(),
      policy: PolicySchema.parse(v.policy),
    })),
  };
}
