/**
 * An area's past under its own names. Records stay attached to the unit they were made for; this read says what that
 * unit was called on a day (AreaName), what became of a unit that ceased, and which former units a successor carries
 * on (through the reorganisations recorded, transitively), each with its own history read by the very query its own
 * page uses, so what the caller may see of a former unit's records is decided as for the unit's own.
 */
import { dayOf, type IsoDay } from '../../machines/calendar';
import type { Prisma, PrismaClient, ReorganizationKind } from '../../prisma/database';
import { APPROVED, assignmentSummary, assignmentSummarySelect } from '../directory/views';
import type { ReorganizationKindName } from '../../labels/area-history';

type Equal<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** The labels name every kind of reorganisation the database records: a new kind fails tsc until it has its words. */
export const REORGANIZATION_KINDS_LABELLED: Equal<ReorganizationKind, ReorganizationKindName> = true;

/** A stored day (first instant of a Vietnam day, or midnight UTC of it) as the Vietnam day it names. */
const dayOfStored = (date: Date): IsoDay => dayOf(date.getTime());

interface NamePeriod {
  name: string;
  validFrom: Date | null;
  validUntil: Date | null;
}

/** The name a unit bore on `day` among its recorded names (AreaName); null when none covers it. */
export function nameIn(periods: readonly NamePeriod[], day: IsoDay): string | null {
  const covering = periods.filter(
    (p) => (!p.validFrom || dayOfStored(p.validFrom) <= day) && (!p.validUntil || dayOfStored(p.validUntil) >= day),
  );
  covering.sort((a, b) => (b.validFrom?.getTime() ?? 0) - (a.validFrom?.getTime() ?? 0));
  return covering[0]?.name ?? null;
}

/**
 * The name each area bore on each day asked (`areaId|day` keys): its AreaName for that day, else the area's name.
 * One query for all.
 */
export async function namesOn(
  prisma: PrismaClient,
  asked: readonly { areaId: string; day: IsoDay }[],
): Promise<Map<string, string>> {
  const ids = [...new Set(asked.map((a) => a.areaId))];
  if (ids.length === 0) return new Map();
  const [areas, names] = await Promise.all([
    prisma.area.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    prisma.areaName.findMany({
      where: { areaId: { in: ids } },
      select: { areaId: true, name: true, validFrom: true, validUntil: true },
    }),
  ]);
  const current = new Map(areas.map((a) => [a.id, a.name]));
  const answer = new Map<string, string>();
  for (const { areaId, day } of asked) {
    const name = nameIn(
      names.filter((n) => n.areaId === areaId),
      day,
    );
    answer.set(`${areaId}|${day}`, name ?? current.get(areaId) ?? areaId);
  }
  return answer;
}

export async function nameOn(prisma: PrismaClient, areaId: string, day: IsoDay): Promise<string> {
  return (await namesOn(prisma, [{ areaId, day }])).get(`${areaId}|${day}`)!;
}

export interface AreaUnderItsName {
  id: string;
  /** The name it bore on the day in question. */
  name: string;
  officialCode: string | null;
}

/** What became of a unit: the reorganisation it ceased by (or was renamed by), with its successors under their names. */
export interface Succession {
  reorganizationId: string;
  kind: ReorganizationKind;
  effectiveOn: IsoDay;
  legalBasisNumber: string;
  legalBasisDate: IsoDay;
  /** The unit under the name it bore on its last day before the change. */
  area: AreaUnderItsName;
  successors: AreaUnderItsName[];
}

const reorganizationSelect = {
  id: true,
  kind: true,
  effectiveOn: true,
  legalBasisNumber: true,
  legalBasisDate: true,
  areas: { select: { areaId: true, side: true, ceases: true, area: { select: { id: true, officialCode: true } } } },
} as const;

/** The reorganisations that ended a unit under its name: its side of each (a predecessor's, always). */
const ENDING_REORGANIZATIONS = {
  where: {
    side: 'PREDECESSOR',
    OR: [{ ceases: true }, { reorganization: { kind: 'RENAME' } }],
  } satisfies Prisma.ReorganizationAreaWhereInput as Prisma.ReorganizationAreaWhereInput,
};

/**
 * The reorganisations that ended the unit under its name (it ceased, or was renamed), oldest first; the successors
 * are named as on the effective day, the unit as on the day before.
 */
export async function successionsOf(prisma: PrismaClient, areaId: string): Promise<Succession[]> {
  const rows = await prisma.reorganization.findMany({
    where: { areas: { some: { areaId, ...ENDING_REORGANIZATIONS.where } } },
    orderBy: [{ effectiveOn: 'asc' }, { id: 'asc' }],
    select: reorganizationSelect,
  });
  return await successionsFrom(prisma, areaId, rows);
}

async function successionsFrom(
  prisma: PrismaClient,
  areaId: string,
  rows: readonly Prisma.ReorganizationGetPayload<{ select: typeof reorganizationSelect }>[],
): Promise<Succession[]> {
  if (rows.length === 0) return [];
  const dayBefore = (r: (typeof rows)[number]) => dayOf(r.effectiveOn.getTime() - 86_400_000);
  const names = await namesOn(
    prisma,
    rows.flatMap((r) => [
      { areaId, day: dayBefore(r) },
      ...r.areas
        .filter((a) => a.side === 'SUCCESSOR')
        .map((a) => ({ areaId: a.areaId, day: dayOfStored(r.effectiveOn) })),
    ]),
  );
  const self = rows[0]!.areas.find((a) => a.areaId === areaId)!.area;
  return rows.map((r) => ({
    reorganizationId: r.id,
    kind: r.kind,
    effectiveOn: dayOfStored(r.effectiveOn),
    legalBasisNumber: r.legalBasisNumber,
    legalBasisDate: dayOfStored(r.legalBasisDate),
    area: { id: areaId, name: names.get(`${areaId}|${dayBefore(r)}`)!, officialCode: self.officialCode },
    successors: r.areas
      .filter((a) => a.side === 'SUCCESSOR')
      .map((a) => ({
        id: a.areaId,
        name: names.get(`${a.areaId}|${dayOfStored(r.effectiveOn)}`)!,
        officialCode: a.area.officialCode,
      })),
  }));
}

/** A former unit a successor carries on: how it became part of it, and its own history under its own name. */
export interface FormerUnit {
  area: AreaUnderItsName;
  /** The unit it went into (the successor asked for, or a former unit of it, for a chain of reorganisations). */
  into: AreaUnderItsName;
  kind: ReorganizationKind;
  effectiveOn: IsoDay;
  legalBasisNumber: string;
  legalBasisDate: IsoDay;
  /** Its approved assignments, newest first: the same read as the unit's own page. */
  history: ReturnType<typeof assignmentSummary>[];
}

/** At most this many generations of reorganisations are followed back (a chain, never a cycle). */
const MAX_GENERATIONS = 8;

/**
 * The former units whose records a successor's page shows, nearest first (those merged or split into it, then theirs),
 * each under the name it bore before the change. A rename's earlier names are the unit's own (see `namesOn`).
 */
export async function formerUnitsOf(prisma: PrismaClient, areaId: string): Promise<FormerUnit[]> {
  const found: FormerUnit[] = [];
  const seen = new Set([areaId]);
  let generation = [areaId];
  for (let depth = 0; depth < MAX_GENERATIONS && generation.length > 0; depth += 1) {
    const rows = await prisma.reorganization.findMany({
      where: { kind: { not: 'RENAME' }, areas: { some: { areaId: { in: generation }, side: 'SUCCESSOR' } } },
      orderBy: [{ effectiveOn: 'desc' }, { id: 'asc' }],
      select: reorganizationSelect,
    });
    const next: string[] = [];
    const pending: Omit<FormerUnit, 'area' | 'into' | 'history'>[] = [];
    const pairs: {
      predecessor: { id: string; officialCode: string | null };
      into: string;
      dayBefore: IsoDay;
      effectiveOn: IsoDay;
    }[] = [];
    for (const r of rows) {
      const into = r.areas.find((a) => a.side === 'SUCCESSOR' && generation.includes(a.areaId))!.areaId;
      for (const p of r.areas.filter((a) => a.side === 'PREDECESSOR' && !seen.has(a.areaId))) {
        seen.add(p.areaId);
        next.push(p.areaId);
        pairs.push({
          predecessor: p.area,
          into,
          dayBefore: dayOf(r.effectiveOn.getTime() - 86_400_000),
          effectiveOn: dayOfStored(r.effectiveOn),
        });
        pending.push({
          kind: r.kind,
          effectiveOn: dayOfStored(r.effectiveOn),
          legalBasisNumber: r.legalBasisNumber,
          legalBasisDate: dayOfStored(r.legalBasisDate),
        });
      }
    }
    if (pairs.length === 0) break;
    const [names, intoCodes, histories] = await Promise.all([
      namesOn(
        prisma,
        pairs.flatMap((p) => [
          { areaId: p.predecessor.id, day: p.dayBefore },
          { areaId: p.into, day: p.effectiveOn },
        ]),
      ),
      prisma.area.findMany({
        where: { id: { in: pairs.map((p) => p.into) } },
        select: { id: true, officialCode: true },
      }),
      Promise.all(pairs.map((p) => approvedHistory(prisma, p.predecessor.id))),
    ]);
    const codeOf = new Map(intoCodes.map((a) => [a.id, a.officialCode]));
    pairs.forEach((p, i) =>
      found.push({
        area: {
          id: p.predecessor.id,
          name: names.get(`${p.predecessor.id}|${p.dayBefore}`)!,
          officialCode: p.predecessor.officialCode,
        },
        into: { id: p.into, name: names.get(`${p.into}|${p.effectiveOn}`)!, officialCode: codeOf.get(p.into) ?? null },
        ...pending[i]!,
        history: histories[i]!,
      }),
    );
    generation = next;
  }
  return found;
}

/** An area's approved assignments, newest first: what its own page lists as its history. */
export async function approvedHistory(prisma: PrismaClient, areaId: string) {
  const rows = await prisma.assignment.findMany({
    where: { areaId, ...APPROVED },
    orderBy: [{ effectiveFrom: 'desc' }, { id: 'desc' }],
    select: assignmentSummarySelect,
  });
  return rows.map(assignmentSummary);
}
