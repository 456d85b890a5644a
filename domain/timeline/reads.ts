/**
 * An assignment's timeline as the records hold it: its audit trail, oldest first, narrowed to the steps the caller may
 * see (domain/confidential-facts.ts). The edge labels the steps and names their actors.
 */
import type { Actor } from '../../machines/actor';
import type { PrismaClient } from '../../prisma/database';
import { CONFIDENTIAL_READ } from '../audit/confidential-read';
import {
  FACTS_RELATIONS,
  type FactsFilter,
  filterOf,
  STEPS_NAMING_THEIR_SOURCE,
  visibleSteps,
} from '../confidential-facts';
import { TIMELINE_AREA_SELECT, type TimelineArea, timelineArea } from './area';
import { notFound } from '../refusal';

const IMPORTED = 'ASSIGNMENT_IMPORTED';
/** A month's and an evaluation's first steps: they name the version of the programme's rules their days come from. */
const VERSIONED_OPENINGS = [
  'MONTHLY_PLAN_DEADLINE_OPENED',
  'AREA_EVALUATION_DEADLINE_OPENED',
  'TERM_ANNIVERSARY',
  'ROTATION_DEADLINE_OPENED',
  'ROTATION_DEADLINE_MISSED',
  'ROTATION_ESCALATED',
];

/** The steps whose payload the timeline reads. */
const WITH_PAYLOAD = new Set<string>([...STEPS_NAMING_THEIR_SOURCE, IMPORTED, ...VERSIONED_OPENINGS]);

/** An assignment in force brought in by import: from which file and line. */
export interface ImportedFrom {
  file: string | null;
  line: number | null;
  importedOn: string | null;
}

export interface TimelineStep {
  seq: number;
  at: Date;
  action: string;
  actorId: string | null;
  entityType: string;
  entityId: string;
  fromState: string | null;
  toState: string | null;
  decisionNumber: string | null;
  /** Only on the step that imported the assignment. */
  imported?: ImportedFrom;
  /** On a month's or an evaluation's first step and a rotation's steps: the version of the programme's rules they follow. */
  policyVersion?: { programmeId: string; label: string };
}

const policyVersionOf = (payload: unknown): { policyVersion?: { programmeId: string; label: string } } => {
  const { policyVersion } = (payload ?? {}) as { policyVersion?: { programmeId: string; label: string } };
  return policyVersion ? { policyVersion } : {};
};

const importedFrom = (payload: unknown): ImportedFrom => {
  const { file, line, importedOn } = (payload ?? {}) as { file?: string; line?: number; importedOn?: string };
  return { file: file ?? null, line: line ?? null, importedOn: importedOn ?? null };
};

/**
 * The steps of the assignment's trail the caller may see, with the filter that decided it (whose `audit` records the
 * confidential facts shown) and the unit the assignment is about (domain/timeline/area.ts). Confidential reads only
 * when asked for (`includeReads`: the auditor's, checked by the caller). 404 for an unknown assignment.
 */
export async function visibleTimeline(
  prisma: PrismaClient,
  actor: Actor,
  assignmentId: string,
  { includeReads }: { includeReads: boolean },
): Promise<{ filter: FactsFilter; steps: TimelineStep[]; area: TimelineArea }> {
  const where = { assignmentId, ...(!includeReads && { action: { not: CONFIDENTIAL_READ } }) };
  const [assignment, trail] = await Promise.all([
    // What decides the confidential facts' visibility and the unit the timeline is about: one read.
    prisma.assignment.findUnique({
      where: { id: assignmentId },
      select: { id: true, areaId: true, officialId: true, groupId: true, ...FACTS_RELATIONS, ...TIMELINE_AREA_SELECT },
    }),
    // The payloads too, though only a few steps' are used (below): a payload is a few hundred bytes, and one query
    // costs less than two. Not the hashes.
    prisma.auditEvent.findMany({
      where,
      orderBy: { seq: 'asc' },
      select: {
        seq: true,
        at: true,
        action: true,
        actorId: true,
        entityType: true,
        entityId: true,
        fromState: true,
        toState: true,
        decisionNumber: true,
        payload: true,
      },
    }),
  ]);
  if (!assignment) throw notFound('assignment', assignmentId);
  const [filter, area] = await Promise.all([filterOf(prisma, actor, assignment), timelineArea(prisma, assignment)]);
  // Complaint and evaluation facts only for those who may read them (Đ7.A.6). The payloads of the few steps that name
  // the record they come from (a ground, an opinion's subject), that were imported, or that name their rules' version.
  const steps = visibleSteps(
    filter,
    trail.map((e) => ({ ...e, payload: WITH_PAYLOAD.has(e.action) ? e.payload : undefined })),
  );
  return {
    filter,
    area,
    steps: steps.map(({ payload, ...step }) => ({
      ...step,
      ...(step.action === IMPORTED && { imported: importedFrom(payload) }),
      ...(VERSIONED_OPENINGS.includes(step.action) && policyVersionOf(payload)),
    })),
  };
}
