/**
 * An assignment's timeline as the records hold it: its audit trail, oldest first, narrowed to the steps the caller may
 * see (domain/confidential-facts.ts). The edge labels the steps and names their actors.
 */
import type { Actor } from '../../machines/actor';
import type { PrismaClient } from '../../prisma/database';
import { CONFIDENTIAL_READ } from '../audit/confidential-read';
import {
  type FactsFilter,
  filterOf,
  readFactsRow,
  STEPS_NAMING_THEIR_SOURCE,
  visibleSteps,
} from '../confidential-facts';
import { dateOf, intOf, jsonOf, readRows, textOf } from '../../prisma/raw-reads';
import { TIMELINE_AREA_COLUMNS, type TimelineArea, timelineArea } from './area';
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
  const [found, trail] = await Promise.all([
    // What decides the confidential facts' visibility and the unit the timeline is about: one read.
    readFactsRow(prisma, assignmentId, TIMELINE_AREA_COLUMNS),
    // The payloads of only the few steps whose payload is used (below). Not the hashes.
    readRows(
      prisma,
      `SELECT "seq", "at", "action", "actorId", "entityType", "entityId", "fromState", "toState", "decisionNumber",
         CASE WHEN "action" IN (${[...WITH_PAYLOAD].map((a) => `'${a}'`).join(', ')}) THEN "payload" END AS "payload"
       FROM "AuditEvent" WHERE "assignmentId" = $1${includeReads ? '' : ` AND "action" <> '${CONFIDENTIAL_READ}'`}
       ORDER BY "seq"`,
      [assignmentId],
    ),
  ]);
  if (!found) throw notFound('assignment', assignmentId);
  const { facts, record, extra } = found;
  const [filter, area] = await Promise.all([
    filterOf(prisma, actor, facts),
    timelineArea(prisma, { areaId: record.areaId, effectiveFrom: record.effectiveFrom, extra }),
  ]);
  // Complaint and evaluation facts only for those who may read them (Đ7.A.6). The payloads of the few steps that name
  // the record they come from (a ground, an opinion's subject), that were imported, or that name their rules' version.
  const steps = visibleSteps(
    filter,
    trail.map((e) => ({
      seq: intOf(e.seq),
      at: dateOf(e.at),
      action: String(e.action),
      actorId: textOf(e.actorId),
      entityType: String(e.entityType),
      entityId: String(e.entityId),
      fromState: textOf(e.fromState),
      toState: textOf(e.toState),
      decisionNumber: textOf(e.decisionNumber),
      payload: e.payload === null || e.payload === undefined ? undefined : jsonOf(e.payload),
    })),
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
