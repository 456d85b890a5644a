import type { IsoDay } from './calendar';
import { type PublishedVersion, versionInForce } from './programme';

/**
 * The version of a programme whose rules hold on a day: the one that took effect on it or last before it; on a day
 * earlier than all of them, the first. The one rule, shared by the records' read (domain/programmes/reads.ts) and the
 * assignment workflow, which picks each caught-up month's version from the programme's versions read once.
 */
export function versionOnDay<V extends PublishedVersion>(versions: readonly V[], day: IsoDay): V | undefined {
  return (
    versionInForce(versions, day) ??
    versions.reduce<V | undefined>(
      (first, v) => (!first || v.effectiveFrom < first.effectiveFrom ? v : first),
      undefined,
    )
  );
}
