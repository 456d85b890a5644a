/**
 * Name search for Vietnamese text. Diacritics are meaning in Vietnamese ("Vinh" and "Vĩnh" are different places), so
 * they must match as typed; letter case does not matter, including for letters outside ASCII ("đàn" finds "Nam Đàn"),
 * and text typed decomposed (NFD, as some keyboards and macOS produce) finds the stored composed form (NFC).
 *
 * Neither database can do this portably: SQLite's LIKE folds the case of ASCII letters only, PostgreSQL's
 * `ILIKE`/Prisma's `mode: 'insensitive'` does not exist on SQLite, and neither normalizes Unicode. So the match runs
 * here, over the names of the (small, bounded) directory tables, and the reads query by the ids it yields.
 */

/** Compares in this form: NFC, Vietnamese lower case. */
export function searchForm(text: string): string {
  return text.normalize('NFC').toLocaleLowerCase('vi');
}

/** A matcher for `q`: true when any of the given texts contains it. */
export function textMatcher(q: string): (...texts: (string | null | undefined)[]) => boolean {
  const needle = searchForm(q.trim());
  return (...texts) => texts.some((text) => text != null && searchForm(text).includes(needle));
}
