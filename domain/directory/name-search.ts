/**
 * Name search over a directory table: the names are matched in process (domain/text-match.ts explains why), then the
 * table is queried by the ids that matched.
 */
import { textMatcher } from '../text-match';

/** The ids of the rows any of whose texts (name, code) contains `q`. */
export function idsMatching<Row extends { id: string }>(
  q: string,
  rows: Row[],
  textsOf: (row: Row) => string[],
): string[] {
  const matches = textMatcher(q);
  return rows.filter((row) => matches(...textsOf(row))).map((row) => row.id);
}
