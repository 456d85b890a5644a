/**
 * The rules of an area on the map: its official code by level (Quyết định 19/2025/QĐ-TTg: 2 digits for a province, 5
 * for a commune, ward or special zone; a code is never given to another unit, even after its holder ceased), the kinds
 * a level admits, and the period a unit exists (first and last day inclusive, Vietnam days, stored as UTC midnight).
 */
import type { AreaKind, AreaLevel } from '../../prisma/database';
import { addDays } from '../../machines/calendar';
import { ruleViolated } from '../organisation/periods';

export const OFFICIAL_CODE_DIGITS: Record<AreaLevel, number> = { PROVINCE: 2, COMMUNE: 5 };

/** The kinds each level admits; the units of the two-level map, and the township kept for the units before it. */
export const KINDS_OF_LEVEL: Record<AreaLevel, readonly AreaKind[]> = {
  PROVINCE: ['PROVINCE', 'CITY'],
  COMMUNE: ['COMMUNE', 'WARD', 'SPECIAL_ZONE', 'COMMUNE_TOWN'],
};

/** What is wrong with an official code for the level, or null. */
export function officialCodeProblem(
  level: AreaLevel | null,
  code: string | null,
): { rule: string; message: string } | null {
  if (code === null) return null;
  if (level === null)
    return {
      rule: 'OFFICIAL_CODE_WITHOUT_LEVEL',
      message: 'An official code belongs to an administrative unit: give its level (PROVINCE or COMMUNE)',
    };
  const digits = OFFICIAL_CODE_DIGITS[level];
  if (!new RegExp(`^\\d{${digits}}$`).test(code))
    return {
      rule: 'INVALID_OFFICIAL_CODE',
      message: `"${code}" is not the official code of a ${level.toLowerCase()}: ${digits} digits (Quyết định 19/2025/QĐ-TTg)`,
    };
  return null;
}

export function kindProblem(level: AreaLevel | null, kind: AreaKind): { rule: string; message: string } | null {
  if (level === null || KINDS_OF_LEVEL[level].includes(kind)) return null;
  return {
    rule: 'KIND_NOT_OF_LEVEL',
    message: `A unit of level ${level} is one of ${KINDS_OF_LEVEL[level].join(', ')}, not ${kind}`,
  };
}

/** Throws the first problem of an area's code, level and kind as a 422 naming the rule and the field. */
export function checkUnit(level: AreaLevel | null, kind: AreaKind, officialCode: string | null, field = ''): void {
  const code = officialCodeProblem(level, officialCode);
  if (code) throw ruleViolated(code.rule, code.message, { field: `${field}officialCode` });
  const k = kindProblem(level, kind);
  if (k) throw ruleViolated(k.rule, k.message, { field: `${field}kind` });
}

export const dayBefore = (day: string): string => addDays(day, -1);

/** Whether a unit with this period exists on `day` (both ends inclusive; null: open). */
export const existsOn = (day: string, p: { validFrom: string | null; validUntil: string | null }): boolean =>
  (p.validFrom === null || p.validFrom <= day) && (p.validUntil === null || p.validUntil >= day);

/** The same test as a query filter on Area or AreaName. */
export const existsOnWhere = (on: Date) => ({
  AND: [
    { OR: [{ validFrom: null }, { validFrom: { lte: on } }] },
    { OR: [{ validUntil: null }, { validUntil: { gte: on } }] },
  ],
});
