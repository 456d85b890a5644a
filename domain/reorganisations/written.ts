/**
 * A reorganisation whose units and links a map's import wrote before the roster it touches was in (the demonstration
 * map: the second programme's communes need the new units first). Once the running assignments are on record it is
 * recorded as recordReorganization records one the administrator enters: its audit row (REORGANIZATION_RECORDED, the
 * same payload) and, in the same transaction, each created unit's AREA_SUCCESSOR proposal naming the former units'
 * officials as candidates. The plan returned is the one the route signals the assignments and meetings with. Once
 * only: called again, it finds its audit row and writes nothing.
 */
import { dayOf } from '../../machines/calendar';
import { recordOnce } from '../audit/log';
import type { Caller } from '../caller';
import type { Db } from '../organisation/audit';
import { notFound } from '../refusal';
import type { ReorganizationForm } from './form';
import { planReorganization } from './plan';
import { proposalId, recordedEntry, type RecordedReorganization, writeSuccessorProposals } from './record';

export async function recordWrittenReorganization(db: Db, caller: Caller, id: string): Promise<RecordedReorganization> {
  const record = await db.prisma.reorganization.findUnique({
    where: { id },
    include: {
      areas: {
        orderBy: { id: 'asc' },
        select: {
          areaId: true,
          side: true,
          whole: true,
          area: { select: { code: true, officialCode: true, name: true, level: true, kind: true, parentId: true } },
        },
      },
    },
  });
  if (!record) throw notFound('reorganisation', id);
  const predecessors = record.areas.filter((a) => a.side === 'PREDECESSOR');
  // A unit that continues is on both sides; the units created are on the successors' side only.
  const created = record.areas.filter(
    (a) => a.side === 'SUCCESSOR' && !predecessors.some((p) => p.areaId === a.areaId),
  );
  const newName =
    record.kind === 'RENAME'
      ? ((
          await db.prisma.areaName.findFirst({
            where: { areaId: predecessors[0]?.areaId, validFrom: record.effectiveOn },
            select: { name: true },
          })
        )?.name ?? null)
      : null;
  const form: ReorganizationForm = {
    kind: record.kind,
    legalBasis: { number: record.legalBasisNumber, date: dayOf(record.legalBasisDate.getTime()) },
    effectiveOn: dayOf(record.effectiveOn.getTime()),
    predecessors: predecessors.map((p) => ({ areaId: p.areaId, whole: p.whole })),
    successors: created.map(({ area }) => ({
      code: area.code,
      officialCode: area.officialCode,
      name: area.name,
      level: area.level,
      kind: area.kind,
      parentId: area.parentId,
    })),
    newName,
    note: record.note,
  };
  const plan = await planReorganization(db.prisma, form, {
    recorded: true,
    successorIds: created.map((a) => a.areaId),
  });
  const proposalIds = plan.successorProposals.map((p) => proposalId(id, p.areaId));
  const recordedAt = new Date();
  const outcome = await recordOnce(db, recordedEntry(caller, id, form, plan), async (tx) => {
    await tx.reorganization.update({ where: { id }, data: { recordedById: caller.actor.id, recordedAt } });
    await writeSuccessorProposals(tx, caller, id, form.legalBasis.number, plan);
  });
  if (outcome === 'written') return { id, recordedAt: recordedAt.toISOString(), plan, proposalIds };
  const earlier = await db.prisma.reorganization.findUniqueOrThrow({ where: { id }, select: { recordedAt: true } });
  return { id, recordedAt: earlier.recordedAt.toISOString(), plan, proposalIds };
}
