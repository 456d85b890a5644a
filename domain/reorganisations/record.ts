/**
 * Records a reorganisation in one transaction with its audit row: the units it creates (named from the effective
 * day), the predecessors that cease (their last day and last name closed the day before), a rename (the old name
 * closed, the new one opened), the links between them, and for each unit created a proposal in leadership's inbox
 * (AREA_SUCCESSOR) naming the former units' officials as candidates. Nothing moves an official: leadership decides
 * with a decision, as for any appointment. What happens to assignments is the workflows' (the route signals them).
 */
import type { Prisma } from '../../prisma/database';
import { type AuditEntry, recordOnce, type Tx } from '../audit/log';
import type { Caller } from '../caller';
import { areaEntry, writeNewArea } from '../areas/writes';
import type { Db } from '../organisation/audit';
import { dayDate, ruleViolated, today } from '../organisation/periods';
import type { ReorganizationForm } from './form';
import { planReorganization, type ReorganizationPlan } from './plan';

export interface RecordedReorganization {
  id: string;
  recordedAt: string;
  plan: ReorganizationPlan;
  /** The inbox proposals opened, one per unit created. */
  proposalIds: string[];
}

export const proposalId = (reorganizationId: string, areaId: string) => `${reorganizationId}-successor-${areaId}`;

export async function recordReorganization(
  db: Db,
  caller: Caller,
  id: string,
  form: ReorganizationForm,
): Promise<RecordedReorganization> {
  const existing = await db.prisma.reorganization.findUnique({ where: { id }, select: { recordedAt: true } });
  const plan = await planReorganization(db.prisma, form, { recorded: !!existing });
  const proposalIds = plan.successorProposals.map((p) => proposalId(id, p.areaId));
  if (existing) return { id, recordedAt: existing.recordedAt.toISOString(), plan, proposalIds };
  const recordedAt = new Date();
  await recordOnce(db, recordedEntry(caller, id, form, plan), (tx) =>
    writePlan(tx, caller, id, form, plan, recordedAt),
  );
  return { id, recordedAt: recordedAt.toISOString(), plan, proposalIds };
}

/** The reorganisation's audit row: the form as entered, the units that cease and those created. */
export function recordedEntry(
  caller: Caller,
  id: string,
  form: ReorganizationForm,
  plan: ReorganizationPlan,
): AuditEntry {
  return areaEntry(
    caller,
    { changeId: id, action: 'REORGANIZATION_RECORDED', entityType: 'Reorganization', entityId: id },
    {
      form: { ...form },
      ceases: plan.predecessors.filter((p) => p.outcome === 'CEASES').map((p) => p.area.id),
      creates: plan.successors.map((s) => s.id),
    },
  );
}

async function writePlan(
  tx: Tx,
  caller: Caller,
  id: string,
  form: ReorganizationForm,
  plan: ReorganizationPlan,
  recordedAt: Date,
): Promise<void> {
  const effectiveOn = dayDate(plan.effectiveOn);
  const lastDay = dayDate(plan.lastDay);
  for (const unit of plan.successors) await writeNewArea(tx, unit.id, { ...unit, validFrom: plan.effectiveOn });
  await tx.reorganization.create({
    data: {
      id,
      kind: plan.kind,
      legalBasisNumber: form.legalBasis.number,
      legalBasisDate: dayDate(form.legalBasis.date),
      effectiveOn,
      note: form.note,
      recordedById: caller.actor.id,
      recordedAt,
    },
  });
  const links: Prisma.ReorganizationAreaCreateManyInput[] = [
    ...plan.predecessors.map((p) => ({
      reorganizationId: id,
      areaId: p.area.id,
      side: 'PREDECESSOR' as const,
      ceases: p.outcome === 'CEASES',
      whole: p.whole,
    })),
    ...plan.successors.map((s) => ({ reorganizationId: id, areaId: s.id, side: 'SUCCESSOR' as const })),
    // A unit that continues is on both sides: renamed, or split in part.
    ...plan.predecessors
      .filter((p) => p.outcome === 'CONTINUES')
      .map((p) => ({ reorganizationId: id, areaId: p.area.id, side: 'SUCCESSOR' as const })),
  ];
  for (const link of links) await tx.reorganizationArea.create({ data: link });
  for (const p of plan.predecessors.filter((x) => x.outcome === 'CEASES')) {
    // Checked again inside the transaction: a reorganisation recorded meanwhile may have ended the unit.
    const ended = await tx.area.updateMany({
      where: { id: p.area.id, validUntil: null },
      data: { validUntil: lastDay },
    });
    if (ended.count !== 1)
      throw ruleViolated('UNIT_CEASES_TWICE', `${p.area.name} already ceases by another reorganisation`, {
        areaId: p.area.id,
      });
    await tx.areaName.updateMany({
      where: { areaId: p.area.id, OR: [{ validUntil: null }, { validUntil: { gt: lastDay } }] },
      data: { validUntil: lastDay },
    });
  }
  if (plan.rename) {
    const { areaId, to } = plan.rename;
    await tx.areaName.updateMany({
      where: { areaId, OR: [{ validUntil: null }, { validUntil: { gt: lastDay } }] },
      data: { validUntil: lastDay },
    });
    await tx.areaName.create({ data: { areaId, name: to, validFrom: effectiveOn } });
    // `name` is the current name: a rename in force already changes it; a future one leaves it to its day's reads.
    if (plan.effectiveOn <= today()) await tx.area.update({ where: { id: areaId }, data: { name: to } });
  }
  await writeSuccessorProposals(tx, caller, id, form.legalBasis.number, plan);
}

/**
 * For each unit the reorganisation creates, its AREA_SUCCESSOR proposal in leadership's inbox naming the former units'
 * running assignments' officials as candidates, written in the caller's transaction beside the reorganisation's audit row.
 */
export async function writeSuccessorProposals(
  tx: Tx,
  caller: Caller,
  id: string,
  legalBasisNumber: string,
  plan: ReorganizationPlan,
): Promise<void> {
  for (const proposal of plan.successorProposals) {
    const formerNames = plan.predecessors.map((p) => p.area.name).join(', ');
    await tx.approvalRequest.create({
      data: {
        id: proposalId(id, proposal.areaId),
        areaId: proposal.areaId,
        kind: 'AREA_SUCCESSOR',
        proposedById: caller.actor.id,
        reason:
          `${proposal.name} (từ ${formerNames}, theo ${legalBasisNumber}, từ ngày ${plan.effectiveOn}): ` +
          'đề nghị phân công công chức theo dõi. Công chức tiếp tục theo dõi đơn vị mới được giữ thời gian đã theo dõi.',
        payload: {
          reorganizationId: id,
          effectiveOn: plan.effectiveOn,
          formerAreas: plan.predecessors.map((p) => p.area),
          candidates: proposal.candidates,
          keepsYearsServed: true,
        },
        createdAt: new Date(),
      },
    });
  }
}
