/**
 * The complaint and evaluation facts on an assignment's record (Đ7.A.6): its view (grounds, the pending proposal)
 * and its timeline (the complaint's and the evaluation's steps, the grounds established, the proposals resting on
 * them, reserved opinions). Each is shown to those who may read the record it comes from, by the rule the record's
 * own routes apply (machines/access.ts: complaintVisibility, evaluationVisibility with seesEvaluationPart,
 * mayReadOpinions); to anyone else it leaves no trace: no placeholder, no count. What was shown is an audited read
 * (domain/audit/confidential-read.ts), as reading the record itself is.
 */
import type { Actor } from '../machines/actor';
import { DEFAULT_POLICY } from '../machines/policy';
import type { Ground } from '../machines/assignment.machine';
import type { Assignment, Database, PrismaClient } from '../prisma/database';
import type { AssignmentView } from '../workflows/assignment.messages';
import { type Reader, recordConfidentialRead } from './audit/confidential-read';
import { trailsOf } from './complaints/trail';
import { passedToCommittees } from './evaluations/reads';
import {
  type AssignmentParties,
  complaintVisibility,
  type ConfidentialSource,
  evaluationVisibility,
  filingVisibility,
  groundSource,
  mayReadOpinions,
  seesEvaluationPart,
} from '../machines/access';
import { partiesOf } from './parties';
import { booleanOf, dateOf, intOf, jsonOf, readRows, type Row, textOf } from '../prisma/raw-reads';

/** The proposals that rest on a ground (Đ4.2): hidden with their ground, their decision excepted (see below). */
const GROUNDED_PROPOSAL = 'EARLY_REASSIGNMENT';

/**
 * What one caller may see of one assignment's confidential facts, and what they were shown. Built per request
 * (`factsFilter`); `audit` then records the reads before the response leaves.
 */
export class FactsFilter {
  private readonly shown = { Complaint: new Set<string>(), AnnualEvaluation: new Set<string>() };
  private readonly opinionsShown = new Set<string>();

  constructor(
    private readonly actor: Actor,
    private readonly parties: AssignmentParties,
    private readonly complaints: Map<string, { officialId: string; filedById: string; verifierId: string | null }>,
    private readonly evaluations: Map<number, { proposedById: string | null }>,
    /** The assignment's early-reassignment proposals, oldest first, with their ground. */
    readonly groundedProposals: { id: string; ground: Ground | null }[],
    /** The assignment's ad hoc reports on a sensitive matter (Đ7.A.4), with their author. */
    private readonly sensitiveReports: Map<string, { filedById: string }> = new Map(),
    /** The committee each year's evaluation passed to when the area ceased (its successor's), as the list applies it. */
    private readonly passedTo: ReadonlyMap<number, string> = new Map(),
  ) {}

  private seesComplaint(complaintId: string): boolean {
    const complaint = this.complaints.get(complaintId)!;
    return complaintVisibility(this.actor, complaint, complaint.verifierId) !== null;
  }

  /** Whether the caller may see the fact; if so, it counts as read. */
  sees(source: ConfidentialSource | null, opinionId?: string): boolean {
    if (!source) return true;
    const { assignmentId } = this.parties;
    switch (source.record) {
      case 'Complaint': {
        // One complaint, or (a read of their list) all of the assignment's. A complaint not on record yet (its receipt
        // is audited before its workflow writes its row, and stays so if that workflow never started) is nobody's to
        // see but those who read every complaint.
        if (source.complaintId !== null && !this.complaints.has(source.complaintId)) {
          const unrecorded = { officialId: this.parties.officialId, filedById: '' };
          if (complaintVisibility(this.actor, unrecorded) === null) return false;
          this.shown.Complaint.add(source.complaintId);
          return true;
        }
        const ids = source.complaintId !== null ? [source.complaintId] : [...this.complaints.keys()];
        if (!ids.every((id) => this.seesComplaint(id))) return false;
        for (const id of ids) this.shown.Complaint.add(id);
        return true;
      }
      case 'AnnualEvaluation': {
        // As the evaluation routes decide (domain/evaluations/reads.ts visibilityOf): a year passed to a successor is
        // its committee's, no longer the ceased unit's.
        const row =
          source.year === null
            ? null
            : {
                proposedById: this.evaluations.get(source.year)?.proposedById ?? null,
                committeeAreaId: this.passedTo.get(source.year) ?? null,
              };
        if (!seesEvaluationPart(evaluationVisibility(this.actor, this.parties, row), source.part)) return false;
        if (source.year !== null) this.shown.AnnualEvaluation.add(`${assignmentId}/${source.year}`);
        return true;
      }
      case 'ReservedOpinion': {
        if (!mayReadOpinions(this.actor, source.subjectType, this.parties)) return false;
        // An opinion on a proposal resting on a confidential ground is as confidential as the ground.
        if (source.subjectType === 'ApprovalRequest' && !this.seesProposal(source.subjectId)) return false;
        if (source.subjectType === 'AnnualEvaluation' && !this.sees(evaluationOf(source.subjectId))) return false;
        if (opinionId) this.opinionsShown.add(opinionId);
        return true;
      }
      case 'AdHocReport': {
        // Its steps carry no content: one that is not sensitive is no secret; a sensitive one is not even known of but
        // by those who see it (the Head of Board, its author, the auditor).
        const report = this.sensitiveReports.get(source.reportId);
        if (!report) return true;
        const filing = { officialId: this.parties.officialId, groupId: null, sensitive: true, ...report };
        return filingVisibility({ actor: this.actor, ledGroupIds: [] }, filing, DEFAULT_POLICY.reports) !== null;
      }
    }
  }

  seesGround(ground: Ground | null | undefined): boolean {
    return !ground || this.sees(groundSource(ground));
  }

  /** A proposal is seen when its ground is (those without a ground, and unknown ones, are no secret). */
  seesProposal(proposalId: string): boolean {
    return this.seesGround(this.groundedProposals.find((p) => p.id === proposalId)?.ground);
  }

  /** The view as the caller may see it: the grounds they may see, the pending proposal if they may see its ground. */
  view(view: AssignmentView): AssignmentView {
    const pending = view.pendingProposal;
    return {
      ...view,
      grounds: view.grounds.filter((ground) => this.seesGround(ground)),
      pendingProposal:
        pending && (pending.kind !== GROUNDED_PROPOSAL || this.seesProposal(pending.id)) ? pending : null,
    };
  }

  /** Records, once per kind of record, the confidential facts this response shows (none: nothing to record). */
  async audit(db: Pick<Database, 'prisma' | 'provider'>, reader: Reader): Promise<void> {
    const { assignmentId } = this.parties;
    const reads = [
      ...(['Complaint', 'AnnualEvaluation'] as const).map((entityType) => ({
        entityType,
        ids: [...this.shown[entityType]].sort(),
      })),
      { entityType: 'ReservedOpinion', ids: [...this.opinionsShown].sort() },
    ];
    for (const { entityType, ids } of reads)
      if (ids.length > 0)
        await recordConfidentialRead(db, reader, { entityType, entityId: assignmentId, assignmentId, ids });
  }
}

/** `<assignmentId>/<year>`, as evaluations are named in the audit trail and by opinions. */
function evaluationOf(entityId: string): ConfidentialSource {
  const year = /\/(\d{4})$/.exec(entityId)?.[1];
  return { record: 'AnnualEvaluation', year: year ? Number(year) : null, part: 'request' };
}

/** An assignment read with what (besides its own columns) decides who may see its confidential facts. */
export interface FactsRow {
  id: string;
  areaId: string;
  officialId: string;
  groupId: string | null;
  group: { memberships: { officialId: string; isLeader: boolean }[] } | null;
  complaints: { id: string; officialId: string; filedById: string }[];
  evaluations: { year: number; proposedById: string | null }[];
  approvals: { id: string; payload: unknown; createdAt: Date }[];
  adHocReports: { id: string; filedById: string }[];
}

const ASSIGNMENT_COLUMNS = [
  'id',
  'workflowId',
  'areaId',
  'officialId',
  'groupId',
  'state',
  'proposedById',
  'approvedById',
  'decisionId',
  'effectiveFrom',
  'rotationEligibleAt',
  'rotationDueAt',
  'closedAt',
  'closureReason',
  'predecessorId',
  'servedFrom',
  'programmeId',
  'createdAt',
  'updatedAt',
] as const satisfies readonly (keyof Assignment)[];

/** The stored row as Prisma gives it. */
function assignmentOf(row: Row): Assignment {
  return {
    id: String(row.id),
    workflowId: String(row.workflowId),
    areaId: String(row.areaId),
    officialId: String(row.officialId),
    groupId: textOf(row.groupId),
    state: String(row.state),
    proposedById: String(row.proposedById),
    approvedById: textOf(row.approvedById),
    decisionId: textOf(row.decisionId),
    effectiveFrom: dateOf(row.effectiveFrom),
    rotationEligibleAt: dateOf(row.rotationEligibleAt),
    rotationDueAt: dateOf(row.rotationDueAt),
    closedAt: dateOf(row.closedAt, 'nullable'),
    closureReason: textOf(row.closureReason) as Assignment['closureReason'],
    predecessorId: textOf(row.predecessorId),
    servedFrom: dateOf(row.servedFrom, 'nullable'),
    programmeId: String(row.programmeId),
    createdAt: dateOf(row.createdAt),
    updatedAt: dateOf(row.updatedAt),
  };
}

/**
 * The assignment's row (`extra`: more of its own or its area's columns, joined as `area`, each under the name it is
 * given), whether each record that bears on its confidential facts exists, then those that do (most assignments have
 * none). Plain SQL on the adapter (prisma/raw-reads.ts): the read every view and timeline makes, where Prisma's work per
 * call was most of the cost.
 */
export async function readFactsRow<Extra extends string = never>(
  prisma: PrismaClient,
  assignmentId: string,
  extra: Readonly<Record<Extra, string>> = {} as Record<Extra, string>,
): Promise<{ facts: FactsRow; record: Assignment; extra: Record<Extra, unknown> } | null> {
  const extraColumns = Object.entries(extra) as [Extra, string][];
  const [row] = await readRows(
    prisma,
    `SELECT ${ASSIGNMENT_COLUMNS.map((c) => `"a"."${c}"`).join(', ')}${extraColumns.map(([name, expression]) => `, ${expression} AS "${name}"`).join('')},
       EXISTS (SELECT 1 FROM "Complaint" WHERE "assignmentId" = "a"."id") AS "hasComplaints",
       EXISTS (SELECT 1 FROM "AnnualEvaluation" WHERE "assignmentId" = "a"."id") AS "hasEvaluations",
       EXISTS (SELECT 1 FROM "ApprovalRequest" WHERE "assignmentId" = "a"."id" AND "kind" = '${GROUNDED_PROPOSAL}') AS "hasProposals",
       EXISTS (SELECT 1 FROM "AdHocReport" WHERE "assignmentId" = "a"."id" AND "sensitive" = TRUE) AS "hasSensitive"
     FROM "Assignment" AS "a"${extraColumns.length > 0 ? ' JOIN "Area" AS "area" ON "area"."id" = "a"."areaId"' : ''}
     WHERE "a"."id" = $1`,
    [assignmentId],
  );
  if (!row) return null;
  const record = assignmentOf(row);
  const none = Promise.resolve([] as Row[]);
  const [memberships, complaints, evaluations, approvals, adHocReports] = await Promise.all([
    record.groupId
      ? readRows(
          prisma,
          'SELECT "officialId", "isLeader" FROM "GroupMembership" WHERE "groupId" = $1 AND "until" IS NULL',
          [record.groupId],
        )
      : none,
    booleanOf(row.hasComplaints)
      ? readRows(prisma, 'SELECT "id", "officialId", "filedById" FROM "Complaint" WHERE "assignmentId" = $1', [
          assignmentId,
        ])
      : none,
    booleanOf(row.hasEvaluations)
      ? readRows(prisma, 'SELECT "year", "proposedById" FROM "AnnualEvaluation" WHERE "assignmentId" = $1', [
          assignmentId,
        ])
      : none,
    booleanOf(row.hasProposals)
      ? readRows(
          prisma,
          `SELECT "id", "payload", "createdAt" FROM "ApprovalRequest" WHERE "assignmentId" = $1 AND "kind" = '${GROUNDED_PROPOSAL}'`,
          [assignmentId],
        )
      : none,
    booleanOf(row.hasSensitive)
      ? readRows(
          prisma,
          'SELECT "id", "filedById" FROM "AdHocReport" WHERE "assignmentId" = $1 AND "sensitive" = TRUE',
          [assignmentId],
        )
      : none,
  ]);
  const facts: FactsRow = {
    id: record.id,
    areaId: record.areaId,
    officialId: record.officialId,
    groupId: record.groupId,
    group: record.groupId
      ? { memberships: memberships.map((m) => ({ officialId: String(m.officialId), isLeader: booleanOf(m.isLeader) })) }
      : null,
    complaints: complaints.map((c) => ({
      id: String(c.id),
      officialId: String(c.officialId),
      filedById: String(c.filedById),
    })),
    evaluations: evaluations.map((e) => ({ year: intOf(e.year), proposedById: textOf(e.proposedById) })),
    approvals: approvals.map((a) => ({ id: String(a.id), payload: jsonOf(a.payload), createdAt: dateOf(a.createdAt) })),
    adHocReports: adHocReports.map((r) => ({ id: String(r.id), filedById: String(r.filedById) })),
  };
  const more = Object.fromEntries(extraColumns.map(([name]) => [name, row[name]])) as Record<Extra, unknown>;
  return { facts, record, extra: more };
}

/** The confidentiality of one assignment's facts for one caller; null when there is no such assignment. */
export async function factsFilter(
  prisma: PrismaClient,
  actor: Actor,
  assignmentId: string,
): Promise<FactsFilter | null> {
  const found = await readFactsRow(prisma, assignmentId);
  return found ? await filterOf(prisma, actor, found.facts) : null;
}

/**
 * The assignment's stored row and the confidentiality of its facts for the caller, in one read; null when there is no
 * such assignment (just proposed, or unknown).
 */
export async function recordAndFacts(
  prisma: PrismaClient,
  actor: Actor,
  assignmentId: string,
): Promise<{ record: Assignment; filter: FactsFilter } | null> {
  const found = await readFactsRow(prisma, assignmentId);
  if (!found) return null;
  return { record: found.record, filter: await filterOf(prisma, actor, found.facts) };
}

/** The filter for an assignment read by readFactsRow. */
export async function filterOf(prisma: PrismaClient, actor: Actor, row: FactsRow): Promise<FactsFilter> {
  const assignmentId = row.id;
  const { complaints, evaluations, approvals: proposals, adHocReports: sensitiveReports } = row;
  const members = [...(row.group?.memberships ?? [])].sort((a, b) => (a.officialId < b.officialId ? -1 : 1));
  const parties = partiesOf(row, members);
  const passedTo = evaluations.length > 0 ? await passedToCommittees(prisma, assignmentId) : new Map<number, string>();
  const trail =
    complaints.length > 0
      ? await trailsOf(
          prisma,
          complaints.map((c) => c.id),
        )
      : () => ({ receivedOn: null, verifierId: null });
  return new FactsFilter(
    actor,
    parties,
    new Map(complaints.map((c) => [c.id, { ...c, verifierId: trail(c.id).verifierId }])),
    new Map(evaluations.map((e) => [e.year, e])),
    [...proposals]
      .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || proposalNumber(a.id) - proposalNumber(b.id))
      .map((p) => ({ id: p.id, ground: (p.payload as { ground?: Ground } | null)?.ground ?? null })),
    new Map(sensitiveReports.map((r) => [r.id, r])),
    passedTo,
  );
}

/** Whether a proposal's stored payload rests on a ground only some may know of (a complaint, an evaluation). */
export function restsOnConfidentialGround(payload: unknown): boolean {
  const ground = (payload as { ground?: Ground } | null)?.ground;
  return !!ground && groundSource(ground) !== null;
}

/** Proposals are numbered in their assignment's order: `<assignmentId>-p<n>`. */
const proposalNumber = (id: string): number => Number(/-p(\d+)$/.exec(id)?.[1] ?? 0);

// ───────────────────────── the timeline ─────────────────────────

/** A timeline step as the audit trail has it, with the payload of the few steps whose record it names. */
export interface TrailStep {
  action: string;
  entityType: string;
  entityId: string;
  payload?: unknown;
}

/** The steps whose payload says which record they come from. */
export const STEPS_NAMING_THEIR_SOURCE = [
  'GROUND_ESTABLISHED',
  'NO_SUCCESSOR_AVAILABLE',
  'RESERVED_OPINION_RECORDED',
] as const;

/**
 * The assignment's steps the caller may see, oldest first as given. A proposal resting on a ground the caller may
 * not see is hidden from its opening to its rejection or withdrawal; its approval is leadership's written decision
 * about the official (Đ2.3), which stays on the timeline without its ground, as the assignment's closing does.
 */
export function visibleSteps<S extends TrailStep>(filter: FactsFilter, steps: S[]): S[] {
  const proposals = filter.groundedProposals.values();
  let current: { id: string; ground: Ground | null } | undefined;
  return steps.filter((step) => {
    if (step.entityType === 'Assignment' && step.action.startsWith(`${GROUNDED_PROPOSAL}_`)) {
      if (step.action === `${GROUNDED_PROPOSAL}_PROPOSED`) current = proposals.next().value;
      return step.action === `${GROUNDED_PROPOSAL}_APPROVED` || filter.seesGround(current?.ground);
    }
    const source = sourceOf(step);
    return filter.sees(source, source?.record === 'ReservedOpinion' ? step.entityId : undefined);
  });
}

/** The confidential record a step comes from, or null for the assignment's own steps. */
function sourceOf(step: TrailStep): ConfidentialSource | null {
  const payload = (step.payload ?? {}) as Record<string, unknown>;
  switch (step.entityType) {
    case 'Complaint':
      // A complaint's own steps, and the reads of one (or of the assignment's list of them).
      return { record: 'Complaint', complaintId: step.entityId };
    case 'AnnualEvaluation':
      return evaluationOf(step.entityId);
    case 'Deadline': {
      // `<assignmentId>/<subject>/<reference>`: the reference is the complaint's id, or the evaluation's year.
      const [subject, reference] = step.entityId.split('/').slice(-2);
      if (subject === 'COMPLAINT_VERIFICATION') return { record: 'Complaint', complaintId: reference ?? null };
      if (subject === 'AREA_EVALUATION') return evaluationOf(step.entityId);
      return null;
    }
    case 'AdHocReport':
      return { record: 'AdHocReport', reportId: step.entityId };
    case 'ReservedOpinion':
      return {
        record: 'ReservedOpinion',
        subjectType: String(payload.subjectType ?? ''),
        subjectId: String(payload.subjectId ?? ''),
      };
    case 'Assignment':
      if (step.action === 'GROUND_ESTABLISHED') return groundSource(payload.ground as Ground);
      if (step.action === 'NO_SUCCESSOR_AVAILABLE') return groundKeySource(String(payload.for ?? ''));
      return null;
    default:
      return null;
  }
}

/** The system's keys for the proposals it opens (workflows/assignment/time.ts): `ground:complaint:<id>`, `ground:<kind>:<year>`. */
function groundKeySource(key: string): ConfidentialSource | null {
  const [prefix, kind, reference] = key.split(':');
  if (prefix !== 'ground' || reference === undefined) return null;
  if (kind === 'complaint') return { record: 'Complaint', complaintId: reference };
  if (kind === 'NOT_COMPLETED_RATING' || kind === 'AREA_PROPOSED_REPLACEMENT')
    return groundSource({ kind, year: Number(reference) });
  return null;
}
