/**
 * The year's evaluation summary, as the Board reports it upward: the ratings given, counted by monitoring group and by
 * the kind (level) of the monitored unit, from the year's evaluations (evaluations-of-year.ts); an evaluation not yet
 * rated is counted as such. No text of any evaluation.
 */
import { RATINGS, type Rating } from '../../machines/annual-evaluation.machine';
import type { PrismaClient } from '../../prisma/database';
import type { DashboardScope } from '../dashboard/scope';
import { type YearEvaluation, yearEvaluationsPage } from './evaluations-of-year';
import { allItems } from './pages';

export const RATING_COLUMNS = [...RATINGS, 'NOT_RATED'] as const;
export type RatingColumn = (typeof RATING_COLUMNS)[number];

export interface RatingRow {
  /** The group's name, or the unit's kind code. */
  label: string;
  counts: Record<RatingColumn, number>;
  total: number;
}

export interface YearSummary {
  year: number;
  byGroup: RatingRow[];
  byLevel: RatingRow[];
  total: RatingRow;
  ids: string[];
}

const emptyRow = (label: string): RatingRow => ({
  label,
  counts: Object.fromEntries(RATING_COLUMNS.map((r) => [r, 0])) as Record<RatingColumn, number>,
  total: 0,
});

export async function yearSummary(prisma: PrismaClient, scope: DashboardScope, year: number): Promise<YearSummary> {
  const items = await allItems<YearEvaluation>((page) => yearEvaluationsPage(prisma, scope, { ...page, year }));
  const groups = new Map<string, RatingRow>();
  const levels = new Map<string, RatingRow>();
  const total = emptyRow('');
  const add = (rows: Map<string, RatingRow>, label: string, rating: Rating | null) => {
    const row = rows.get(label) ?? emptyRow(label);
    rows.set(label, row);
    row.counts[rating ?? 'NOT_RATED'] += 1;
    row.total += 1;
  };
  for (const e of items) {
    add(groups, e.group?.name ?? '—', e.rating);
    add(levels, e.area.kind, e.rating);
    total.counts[e.rating ?? 'NOT_RATED'] += 1;
    total.total += 1;
  }
  const sorted = (rows: Map<string, RatingRow>) =>
    [...rows.values()].sort((a, b) => a.label.localeCompare(b.label, 'vi'));
  return { year, byGroup: sorted(groups), byLevel: sorted(levels), total, ids: items.map((e) => e.id) };
}
