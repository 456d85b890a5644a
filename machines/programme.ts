import { z } from 'zod';
import type { IsoDay } from './calendar';

/**
 * A monitoring programme: the unit a regulation defines. Its kinds are what the product knows how to run; its numbers
 * are in its versions (machines/policy.ts). The Board's own programme (Quy chế, seed 004) is created with the database.
 */
export const DEFAULT_PROGRAMME_ID = 'programme-quy-che-nhom';

/** Who decides appointments: Board leadership (Đ4.1), or the Provincial Standing Committee (seed 001). */
export const DecidedBySchema = z.enum(['BOARD_LEADERSHIP', 'STANDING_COMMITTEE']);
/** Who monitors: Board officials in groups with a leader (Đ2.3), or leaders of provincial agencies alone (seed 001). */
export const MonitoredBySchema = z.enum(['BOARD_OFFICIALS_IN_GROUPS', 'AGENCY_LEADERS']);
/** The filings: a monthly plan and report (Đ8), or a yearly programme with periodic and yearly reports (seed 001). */
export const CadenceKindSchema = z.enum(['MONTHLY_PLAN_AND_REPORT', 'YEARLY_PROGRAMME_PERIODIC_REPORTS']);
/** The evaluation: the area's (Đ9.5), or the commune Party committee's year-end comment (seed 001). */
export const EvaluationFormSchema = z.enum(['AREA_EVALUATION', 'COMMUNE_COMMITTEE_COMMENT']);
/** The term: rotation from eligible to mandatory (Đ4.2), or the committee's term with no rotation (seed 001). */
export const TermRuleSchema = z.enum(['ROTATION', 'COMMITTEE_TERM']);

/** Why a version contradicts the programme it is for: its cadence's block missing, or a block its cadence never reads. */
export type CadenceRule = 'YEARLY_CADENCE_REQUIRED' | 'YEARLY_CADENCE_NOT_IN_PROGRAMME';

/**
 * Whether a version's rules fit its programme's cadence: a yearly programme runs on the version's `yearly` block, so
 * a version without one has nothing to run; a monthly programme never reads it, so a block there would be a rule that
 * silently does nothing. Pure.
 */
export function cadenceRefusal(
  cadenceKind: z.infer<typeof CadenceKindSchema>,
  policy: { yearly?: unknown },
): { rule: CadenceRule; field: string; message: string } | null {
  if (cadenceKind === 'YEARLY_PROGRAMME_PERIODIC_REPORTS' && !policy.yearly)
    return {
      rule: 'YEARLY_CADENCE_REQUIRED',
      field: 'policy.yearly',
      message: 'The programme files a yearly programme and periodic reports: its version needs the `yearly` block',
    };
  if (cadenceKind === 'MONTHLY_PLAN_AND_REPORT' && policy.yearly)
    return {
      rule: 'YEARLY_CADENCE_NOT_IN_PROGRAMME',
      field: 'policy.yearly',
      message: 'The programme files a monthly plan and report: a `yearly` block would never be read',
    };
  return null;
}

/** Why a version cannot be published as asked. */
export type VersionRule =
  'EFFECTIVE_DATE_IN_PAST' | 'VERSION_IN_EFFECT_IMMUTABLE' | 'VERSION_DAY_TAKEN' | 'VERSION_LABEL_TAKEN';

export interface PublishedVersion {
  label: string;
  effectiveFrom: IsoDay;
}

/**
 * Whether a new version may be published: from today on (a version takes effect on the day it names, never before its
 * publication), on a day no version holds (one in force is immutable: a correction is a new version from a later
 * day), under a label not yet used. Pure; `today` is Vietnam's day.
 */
export function versionRefusal(
  versions: readonly PublishedVersion[],
  candidate: PublishedVersion,
  today: IsoDay,
): { rule: VersionRule; field: string; message: string } | null {
  const sameDay = versions.find((v) => v.effectiveFrom === candidate.effectiveFrom);
  if (sameDay && sameDay.effectiveFrom <= today)
    return {
      rule: 'VERSION_IN_EFFECT_IMMUTABLE',
      field: 'effectiveFrom',
      message: `Version ${sameDay.label} is in effect since ${sameDay.effectiveFrom} and cannot change: publish a correction from a later day`,
    };
  if (candidate.effectiveFrom < today)
    return {
      rule: 'EFFECTIVE_DATE_IN_PAST',
      field: 'effectiveFrom',
      message: `A version takes effect from today (${today}) or later, not ${candidate.effectiveFrom}`,
    };
  if (sameDay)
    return {
      rule: 'VERSION_DAY_TAKEN',
      field: 'effectiveFrom',
      message: `Version ${sameDay.label} already takes effect on ${sameDay.effectiveFrom}`,
    };
  if (versions.some((v) => v.label === candidate.label))
    return { rule: 'VERSION_LABEL_TAKEN', field: 'policy.version', message: `Version ${candidate.label} exists` };
  return null;
}

/** The version in force on a day: the latest that took effect on it or before. */
export function versionInForce<V extends PublishedVersion>(versions: readonly V[], day: IsoDay): V | undefined {
  return versions
    .filter((v) => v.effectiveFrom <= day)
    .reduce<V | undefined>((latest, v) => (!latest || v.effectiveFrom > latest.effectiveFrom ? v : latest), undefined);
}
