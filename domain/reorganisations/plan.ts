/**
 * What a reorganisation does, computed once: the refusals (a 422 naming the rule), the units that cease or continue,
 * the units it creates, and every running assignment, open filing, pending evaluation, open complaint and future
 * meeting on a unit that ceases or changes, with what will happen to each. The preview answers this plan as it is; the
 * record writes it and signals the assignments it lists, so the preview is what then happens.
 */
import { dayOf, startOfDay } from '../../machines/calendar';
import { meetingAhead } from '../../machines/meeting.machine';
import type { PrismaClient } from '../../prisma/database';
import { importedAreaId } from '../areas/import';
import { checkUnit, dayBefore, existsOn } from '../areas/rules';
import { dayDate, dayOrNull, ruleViolated } from '../organisation/periods';
import type { ReorganizationForm } from './form';

const ACTIVE = { startsWith: 'active' };
const EVALUATION_DONE = ['rated', 'closed'];
const COMPLAINT_CLOSED = ['verifiedUnfounded', 'actedOn'];
const MEETING_DONE = ['reported', 'reportedWithoutApproval', 'reportNotFiled', 'notAttended', 'cancelled'];

export type UnitOutcome = 'CEASES' | 'CONTINUES';

export interface ReorganizationPlan {
  kind: ReorganizationForm['kind'];
  effectiveOn: string;
  /** The last day of a unit that ceases. */
  lastDay: string;
  legalBasis: ReorganizationForm['legalBasis'];
  predecessors: {
    area: { id: string; code: string; name: string };
    whole: boolean;
    outcome: UnitOutcome;
    successorAreaIds: string[];
  }[];
  successors: (ReorganizationForm['successors'][number] & { id: string; predecessorIds: string[] })[];
  rename: { areaId: string; from: string; to: string } | null;
  assignments: {
    id: string;
    area: { id: string; name: string };
    official: { id: string; code: string; fullName: string };
    effectiveFrom: string;
    outcome: 'CLOSES' | 'CONTINUES';
    reason: 'AREA_REORGANIZED' | null;
    on: string;
    successorAreaIds: string[];
  }[];
  openFilings: {
    assignmentId: string;
    subject: string;
    period: string;
    dueAt: string;
    outcome: 'CLOSES' | 'CONTINUES';
    reason: 'AREA_REORGANIZED' | null;
  }[];
  evaluations: {
    id: string;
    assignmentId: string;
    year: number;
    state: string;
    outcome: 'TO_SUCCESSOR' | 'CLOSES' | 'CONTINUES';
    reason: 'AREA_REORGANIZED' | null;
    successorAreaId: string | null;
  }[];
  complaints: { id: string; assignmentId: string; state: string; outcome: 'CONTINUES' }[];
  meetings: {
    id: string;
    areaId: string;
    startsAt: string;
    state: string;
    outcome: 'CANCELLED' | 'CONTINUES';
  }[];
  /** For each unit created, the officials of its predecessors' running assignments, candidates for leadership. */
  successorProposals: {
    areaId: string;
    name: string;
    candidates: {
      officialId: string;
      code: string;
      fullName: string;
      fromArea: { id: string; name: string };
      assignmentId: string;
      servedFrom: string;
      /** Completed years on the former unit by the effective day: kept by an official who continues. */
      yearsServed: number;
      daysServed: number;
    }[];
  }[];
}

const fieldOf = (i: number) => `predecessors[${i}].areaId`;

function refuseShape(form: ReorganizationForm): void {
  const p = form.predecessors.length;
  const s = form.successors.length;
  const partial = form.predecessors.some((x) => !x.whole);
  switch (form.kind) {
    case 'MERGE':
      if (p < 2)
        throw ruleViolated('MERGE_FEWER_THAN_TWO_PREDECESSORS', 'A merger joins two units or more', {
          field: 'predecessors',
        });
      if (s !== 1) throw ruleViolated('MERGE_ONE_SUCCESSOR', 'A merger makes one unit', { field: 'successors' });
      break;
    case 'SPLIT':
      if (p !== 1) throw ruleViolated('SPLIT_ONE_PREDECESSOR', 'A split divides one unit', { field: 'predecessors' });
      if (s + (partial ? 1 : 0) < 2)
        throw ruleViolated(
          'SPLIT_FEWER_THAN_TWO_SUCCESSORS',
          'A split leaves two units or more (the one split in part counts as one of them)',
          { field: 'successors' },
        );
      break;
    case 'RENAME':
      if (p !== 1 || s !== 0)
        throw ruleViolated('RENAME_ONE_UNIT', 'A rename names one unit and creates none', { field: 'predecessors' });
      if (!form.newName) throw ruleViolated('RENAME_NEEDS_NAME', 'Give the new name', { field: 'newName' });
      break;
    case 'DISSOLVE':
      if (p < 1 || s !== 0)
        throw ruleViolated('DISSOLVE_NO_SUCCESSOR', 'A dissolution ends units and creates none', {
          field: 'successors',
        });
      break;
    case 'NEW_UNIT':
      if (p !== 0 || s < 1)
        throw ruleViolated('NEW_UNIT_NO_PREDECESSOR', 'A new unit comes from no predecessor', {
          field: 'predecessors',
        });
      break;
  }
  if (form.kind !== 'RENAME' && form.newName)
    throw ruleViolated('NAME_ONLY_FOR_RENAME', 'newName is for a rename; a new unit has its own name', {
      field: 'newName',
    });
  if (partial && form.kind !== 'SPLIT' && form.kind !== 'MERGE')
    throw ruleViolated('PART_ONLY_IN_SPLIT_OR_MERGE', 'Only a split or a merger takes a part of a unit', {
      field: 'predecessors',
    });
  if (form.kind === 'MERGE' && form.predecessors.filter((x) => x.whole).length === 0)
    throw ruleViolated('MERGE_NOTHING_CEASES', 'A merger ends at least one of its units', { field: 'predecessors' });
}

/**
 * The plan of `form`. With `recorded`, the reorganisation is already on record (a retry after a lost answer): the
 * rules its own recording made false (the predecessors no longer in force, the new codes taken) are not asked again.
 * `successorIds` names the units a recorded reorganisation created, in the form's order, when a map's import wrote
 * them under ids of its own rather than the ids their codes give.
 */
export async function planReorganization(
  prisma: PrismaClient,
  form: ReorganizationForm,
  { recorded = false, successorIds = [] }: { recorded?: boolean; successorIds?: readonly string[] } = {},
): Promise<ReorganizationPlan> {
  const eff = form.effectiveOn;
  const lastDay = dayBefore(eff);
  if (!recorded) refuseShape(form);
  const ids = form.predecessors.map((p) => p.areaId);
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (seen.has(id)) throw ruleViolated('DUPLICATE_UNIT', `${id} is named twice`, { field: fieldOf(i) });
    seen.add(id);
  });
  const areas = await prisma.area.findMany({
    where: { id: { in: ids } },
    select: { id: true, code: true, name: true, validFrom: true, validUntil: true },
  });
  const byId = new Map(areas.map((a) => [a.id, a]));
  const names = await prisma.areaName.findMany({
    where: { areaId: { in: ids } },
    select: { areaId: true, name: true, validFrom: true, validUntil: true },
  });
  const nameOn = (areaId: string, day: string) =>
    names.find(
      (n) =>
        n.areaId === areaId &&
        existsOn(day, { validFrom: dayOrNull(n.validFrom), validUntil: dayOrNull(n.validUntil) }),
    )?.name ?? byId.get(areaId)!.name;
  const ceases = (whole: boolean) => form.kind !== 'RENAME' && whole;
  form.predecessors.forEach(({ areaId, whole }, i) => {
    const area = byId.get(areaId);
    if (!area) throw ruleViolated('UNKNOWN_AREA', `No area ${areaId}`, { field: fieldOf(i) });
    if (recorded) return;
    const period = { validFrom: dayOrNull(area.validFrom), validUntil: dayOrNull(area.validUntil) };
    if (!existsOn(eff, period))
      throw ruleViolated(
        'PREDECESSOR_NOT_IN_FORCE',
        period.validUntil !== null && period.validUntil < eff
          ? `${area.name} ceased on ${period.validUntil}, before ${eff}`
          : `${area.name} exists only from ${period.validFrom}, after ${eff}`,
        { field: fieldOf(i), areaId },
      );
    if (ceases(whole) && period.validUntil !== null)
      throw ruleViolated(
        'UNIT_CEASES_TWICE',
        `${area.name} already ceases after ${period.validUntil} by an earlier reorganisation`,
        { field: fieldOf(i), areaId },
      );
  });
  const successors = form.successors.map((unit, i) => ({
    ...unit,
    id: successorIds[i] ?? importedAreaId(unit.code),
    predecessorIds: ids,
  }));
  if (!recorded) await refuseNewUnits(prisma, form);
  let rename: ReorganizationPlan['rename'] = null;
  if (form.kind === 'RENAME') {
    const areaId = ids[0]!;
    const from = nameOn(areaId, eff);
    if (!recorded && from === form.newName)
      throw ruleViolated('RENAME_SAME_NAME', `${areaId} is already named ${from} on ${eff}`, { field: 'newName' });
    rename = { areaId, from: recorded ? nameOn(areaId, lastDay) : from, to: form.newName! };
  }
  const predecessors = form.predecessors.map(({ areaId, whole }) => {
    const area = byId.get(areaId)!;
    const outcome: UnitOutcome = ceases(whole) ? 'CEASES' : 'CONTINUES';
    const successorAreaIds = [...successors.map((s) => s.id), ...(outcome === 'CONTINUES' ? [areaId] : [])];
    return { area: { id: area.id, code: area.code, name: nameOn(areaId, lastDay) }, whole, outcome, successorAreaIds };
  });
  return {
    kind: form.kind,
    effectiveOn: eff,
    lastDay,
    legalBasis: form.legalBasis,
    predecessors,
    successors,
    rename,
    ...(await touched(prisma, eff, predecessors, successors)),
  };
}

async function refuseNewUnits(prisma: PrismaClient, form: ReorganizationForm): Promise<void> {
  const codes = new Set<string>();
  const official = new Set<string>();
  for (const [i, unit] of form.successors.entries()) {
    const field = `successors[${i}].`;
    checkUnit(unit.level, unit.kind, unit.officialCode, field);
    if (codes.has(unit.code))
      throw ruleViolated('DUPLICATE_UNIT', `The code ${unit.code} is named twice`, { field: `${field}code` });
    codes.add(unit.code);
    if (unit.officialCode) {
      if (official.has(unit.officialCode))
        throw ruleViolated('OFFICIAL_CODE_REUSED', `The official code ${unit.officialCode} is named twice`, {
          field: `${field}officialCode`,
        });
      official.add(unit.officialCode);
    }
  }
  const [byCode, byOfficial, parents] = await Promise.all([
    prisma.area.findMany({ where: { code: { in: [...codes] } }, select: { code: true, name: true } }),
    prisma.area.findMany({
      where: { officialCode: { in: [...official] } },
      select: { officialCode: true, name: true, validUntil: true },
    }),
    prisma.area.findMany({
      where: { id: { in: form.successors.flatMap((u) => (u.parentId ? [u.parentId] : [])) } },
      select: { id: true },
    }),
  ]);
  for (const [i, unit] of form.successors.entries()) {
    const field = `successors[${i}].`;
    const taken = byCode.find((a) => a.code === unit.code);
    if (taken)
      throw ruleViolated('AREA_CODE_TAKEN', `The code ${unit.code} is ${taken.name}'s`, { field: `${field}code` });
    const holder = byOfficial.find((a) => a.officialCode === unit.officialCode);
    if (holder)
      throw ruleViolated(
        'OFFICIAL_CODE_REUSED',
        `The official code ${unit.officialCode} is ${holder.name}'s${holder.validUntil ? ` (ceased after ${dayOrNull(holder.validUntil)})` : ''}; an official code is never given to another unit`,
        { field: `${field}officialCode` },
      );
    if (unit.parentId && !parents.some((p) => p.id === unit.parentId))
      throw ruleViolated('UNKNOWN_PARENT', `No area ${unit.parentId}`, { field: `${field}parentId` });
  }
}

/** Completed years from `from` to `to` (Vietnam days). */
export function completedYears(from: string, to: string): number {
  let years = Number(to.slice(0, 4)) - Number(from.slice(0, 4));
  if (to.slice(5) < from.slice(5)) years -= 1;
  return Math.max(0, years);
}

async function touched(
  prisma: PrismaClient,
  eff: string,
  predecessors: ReorganizationPlan['predecessors'],
  successors: ReorganizationPlan['successors'],
): Promise<
  Pick<
    ReorganizationPlan,
    'assignments' | 'openFilings' | 'evaluations' | 'complaints' | 'meetings' | 'successorProposals'
  >
> {
  const unitOf = new Map(predecessors.map((p) => [p.area.id, p]));
  const areaIds = [...unitOf.keys()];
  const rows = await prisma.assignment.findMany({
    where: { areaId: { in: areaIds }, state: ACTIVE },
    orderBy: [{ effectiveFrom: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      areaId: true,
      effectiveFrom: true,
      servedFrom: true,
      official: { select: { id: true, code: true, fullName: true } },
    },
  });
  const assignments: ReorganizationPlan['assignments'] = rows.map((a) => {
    const unit = unitOf.get(a.areaId)!;
    const closes = unit.outcome === 'CEASES';
    return {
      id: a.id,
      area: { id: unit.area.id, name: unit.area.name },
      official: a.official,
      effectiveFrom: dayOf(a.effectiveFrom.getTime()),
      outcome: closes ? 'CLOSES' : 'CONTINUES',
      reason: closes ? 'AREA_REORGANIZED' : null,
      on: eff,
      successorAreaIds: unit.successorAreaIds,
    };
  });
  const byAssignment = new Map(assignments.map((a) => [a.id, a]));
  const assignmentIds = [...byAssignment.keys()];
  const [deadlines, evaluations, complaints, meetings] = await Promise.all([
    prisma.deadline.findMany({
      where: {
        assignmentId: { in: assignmentIds },
        subject: { in: ['MONTHLY_PLAN', 'MONTHLY_REPORT'] },
        status: 'OPEN',
      },
      orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
      select: { assignmentId: true, subject: true, reference: true, dueAt: true },
    }),
    prisma.annualEvaluation.findMany({
      where: { assignmentId: { in: assignmentIds }, state: { notIn: EVALUATION_DONE } },
      orderBy: [{ year: 'asc' }, { id: 'asc' }],
      select: { id: true, assignmentId: true, year: true, state: true },
    }),
    prisma.complaint.findMany({
      where: { assignmentId: { in: assignmentIds }, state: { notIn: COMPLAINT_CLOSED } },
      orderBy: [{ filedAt: 'asc' }, { id: 'asc' }],
      select: { id: true, assignmentId: true, state: true },
    }),
    prisma.meeting.findMany({
      where: { areaId: { in: areaIds }, startsAt: { gte: new Date(startOfDay(eff)) }, state: { notIn: MEETING_DONE } },
      orderBy: [{ startsAt: 'asc' }, { id: 'asc' }],
      select: { id: true, areaId: true, startsAt: true, state: true },
    }),
  ]);
  const closes = (assignmentId: string) => byAssignment.get(assignmentId)!.outcome === 'CLOSES';
  const effDate = dayDate(eff);
  return {
    assignments,
    openFilings: deadlines.map((d) => ({
      assignmentId: d.assignmentId,
      subject: d.subject,
      period: d.reference,
      dueAt: d.dueAt.toISOString(),
      outcome: closes(d.assignmentId) ? 'CLOSES' : 'CONTINUES',
      reason: closes(d.assignmentId) ? 'AREA_REORGANIZED' : null,
    })),
    evaluations: evaluations.map((e) => {
      const a = byAssignment.get(e.assignmentId)!;
      if (a.outcome === 'CONTINUES') return { ...e, outcome: 'CONTINUES', reason: null, successorAreaId: null };
      const only = a.successorAreaIds.length === 1 ? a.successorAreaIds[0]! : null;
      return only
        ? { ...e, outcome: 'TO_SUCCESSOR', reason: null, successorAreaId: only }
        : { ...e, outcome: 'CLOSES', reason: 'AREA_REORGANIZED', successorAreaId: null };
    }),
    complaints: complaints.map((c) => ({ ...c, outcome: 'CONTINUES' as const })),
    meetings: meetings.map((m) => ({
      id: m.id,
      areaId: m.areaId,
      startsAt: m.startsAt.toISOString(),
      state: m.state,
      // As the meeting's workflow decides on the effective day: cancelled if still ahead (a meeting already held,
      // when the reorganisation is recorded late, stays as it was).
      outcome:
        unitOf.get(m.areaId)!.outcome === 'CEASES' && meetingAhead(m.state.split('.')[0]!) ? 'CANCELLED' : 'CONTINUES',
    })),
    successorProposals: successors.map((unit) => ({
      areaId: unit.id,
      name: unit.name,
      candidates: rows
        .filter((a) => unit.predecessorIds.includes(a.areaId))
        .map((a) => {
          // Years the assignment itself carried from an earlier unit count too.
          const servedFrom = dayOf((a.servedFrom ?? a.effectiveFrom).getTime());
          return {
            officialId: a.official.id,
            code: a.official.code,
            fullName: a.official.fullName,
            fromArea: { id: a.areaId, name: unitOf.get(a.areaId)!.area.name },
            assignmentId: a.id,
            servedFrom,
            yearsServed: completedYears(servedFrom, eff),
            daysServed: Math.max(0, Math.round((effDate.getTime() - dayDate(servedFrom).getTime()) / 86_400_000)),
          };
        }),
    })),
  };
}
