/**
 * Publishing a programme's version: checked whole before anything is written (each field's range by the schema, its
 * fit with the programme's cadence by cadenceRefusal, its coherence by policyContradictions, its day and label by
 * versionRefusal), then one transaction with its audit row. A preview answers the same checks and what the version
 * would change, without writing.
 */
import { dayOf, type IsoDay } from '../../machines/calendar';
import { type Policy, policyChanges, policyContradictions } from '../../machines/policy';
import { CadenceKindSchema, cadenceRefusal, versionInForce, versionRefusal } from '../../machines/programme';
import type { VersionPreview } from '../../contracts/programmes';
import type { Database } from '../../prisma/database';
import { recordOnce } from '../audit/log';
import type { Caller } from '../caller';
import { ruleViolated } from '../organisation/periods';
import { notFound } from '../refusal';
import { programmeDetail, runningAssignmentsWhere } from './reads';

type Db = Pick<Database, 'prisma' | 'provider'>;

export interface VersionDraft {
  effectiveFrom: IsoDay;
  policy: Policy;
  note?: string | undefined;
}

/** How many of the running assignments a preview names (the count is always whole). */
const TOUCHES_LISTED = 200;

async function checkedDraft(db: Db, programmeId: string, draft: VersionDraft) {
  const programme = await db.prisma.programme.findUnique({
    where: { id: programmeId },
    select: { id: true, cadenceKind: true },
  });
  if (!programme) throw notFound('programme', programmeId);
  const misfit = cadenceRefusal(CadenceKindSchema.parse(programme.cadenceKind), draft.policy);
  if (misfit) throw ruleViolated(misfit.rule, misfit.message, { field: misfit.field });
  const [contradiction, ...more] = policyContradictions(draft.policy);
  if (contradiction)
    throw ruleViolated(contradiction.rule, contradiction.message, {
      field: `policy.${contradiction.field}`,
      ...(more.length > 0 && { alsoBroken: more.map((c) => ({ rule: c.rule, field: `policy.${c.field}` })) }),
    });
  const versions = await db.prisma.programmeVersion.findMany({
    where: { programmeId },
    orderBy: { effectiveFrom: 'asc' },
  });
  const candidate = { label: draft.policy.version, effectiveFrom: draft.effectiveFrom };
  const refusal = versionRefusal(versions, candidate, dayOf(Date.now()));
  if (refusal) throw ruleViolated(refusal.rule, refusal.message, { field: refusal.field });
  const before = versions.filter((v) => v.effectiveFrom < draft.effectiveFrom);
  return { candidate, follows: versionInForce(before, draft.effectiveFrom) };
}

export async function previewVersion(db: Db, programmeId: string, draft: VersionDraft): Promise<VersionPreview> {
  const { candidate, follows } = await checkedDraft(db, programmeId, draft);
  const followed = follows && (await programmeDetail(db.prisma, programmeId)).versions.find((v) => v.id === follows.id);
  const where = runningAssignmentsWhere(programmeId);
  const [count, rows] = await Promise.all([
    db.prisma.assignment.count({ where }),
    db.prisma.assignment.findMany({
      where,
      orderBy: { effectiveFrom: 'asc' },
      take: TOUCHES_LISTED,
      select: {
        id: true,
        state: true,
        area: { select: { id: true, name: true } },
        official: { select: { id: true, fullName: true } },
      },
    }),
  ]);
  return {
    candidate,
    follows: follows ? { label: follows.label, effectiveFrom: follows.effectiveFrom } : null,
    changes: followed ? policyChanges(followed.policy, draft.policy) : [],
    touches: { count, assignments: rows },
  };
}

/** Publishes the version under `versionId` (the request's keyed id: a retry finds it written and writes nothing). */
export async function publishVersion(
  db: Db,
  caller: Caller,
  versionId: string,
  programmeId: string,
  draft: VersionDraft,
) {
  const existing = await db.prisma.programmeVersion.findUnique({ where: { id: versionId } });
  if (!existing) {
    const preview = await previewVersion(db, programmeId, draft);
    await recordOnce(
      db,
      {
        idempotencyKey: `programme:PROGRAMME_VERSION_PUBLISHED:${versionId}`,
        at: new Date().toISOString(),
        actorId: caller.actor.id,
        action: 'PROGRAMME_VERSION_PUBLISHED',
        entityType: 'Programme',
        entityId: programmeId,
        payload: {
          userId: caller.userId,
          versionId,
          label: draft.policy.version,
          effectiveFrom: draft.effectiveFrom,
          follows: preview.follows,
          changes: preview.changes,
          runningAssignments: preview.touches.count,
          ...(draft.note && { note: draft.note }),
        },
      },
      async (tx) => {
        await tx.programmeVersion.create({
          data: {
            id: versionId,
            programmeId,
            label: draft.policy.version,
            policy: draft.policy,
            effectiveFrom: draft.effectiveFrom,
            note: draft.note ?? null,
            publishedById: caller.actor.id,
          },
        });
      },
    );
  }
  const version = (await programmeDetail(db.prisma, programmeId)).versions.find((v) => v.id === versionId);
  // Another version took the day or the label between the checks and the write (its unique place refused this one).
  if (!version)
    throw ruleViolated('VERSION_DAY_TAKEN', 'Another version was published for this day or label meanwhile');
  return version;
}
