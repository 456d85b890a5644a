/**
 * Each area's assignments over the years, in plain SVG: one row per area, one bar per approved assignment, the
 * 3-year (eligible) and 5-year (mandatory) rotation marks of each, and terms reaching a mark within 90 days (or past
 * it, still undecided) drawn solid.
 */
import { allPages } from '../api';
import { Async, Badge, PageTitle, Section, Table, useLoader } from '../components';
import { formatDate } from '../format';
import { useI18n } from '../i18n';
import { Link, useLocation } from '../router';
import { AsOfForm } from './DashboardPage';
import type { AreaListItem, AssignmentSummary } from '../../../contracts/directory';

const DAY = 86_400_000;
const NEAR_DAYS = 90;

async function loadChart() {
  const [areas, assignments] = await Promise.all([
    allPages<AreaListItem>('/areas'),
    allPages<AssignmentSummary>('/assignments', {}, 2_000),
  ]);
  return { areas, assignments: assignments.filter((a) => a.approvedById !== null && a.closureReason !== 'REJECTED') };
}

/** Active and within 90 days of a rotation mark, or past one while still serving. */
export function nearMark(a: AssignmentSummary, now: number): 'eligible' | 'mandatory' | null {
  if (a.closedAt || !a.state.startsWith('active')) return null;
  const eligible = Date.parse(a.rotationEligibleAt);
  const due = Date.parse(a.rotationDueAt);
  if (due - now <= NEAR_DAYS * DAY) return 'mandatory';
  if (eligible - now <= NEAR_DAYS * DAY) return 'eligible';
  return null;
}

export function ChartPage() {
  const { t, e } = useI18n();
  const loaded = useLoader(loadChart, []);
  const asOf = useLocation().query.get('asOf');
  const now = asOf ? Date.parse(`${asOf}T12:00:00+07:00`) : Date.now();
  return (
    <>
      <PageTitle intro={t('chart.intro')}>{t('chart.title')}</PageTitle>
      <AsOfForm page="/chart" asOf={asOf} />
      <Async loaded={loaded}>
        {({ areas, assignments }) => (
          <>
            <Section title={t('chart.title')}>
              <TermsChart
                areas={areas}
                assignments={assignments}
                now={now}
                nowLabel={asOf ? formatDate(now) : t('chart.today')}
              />
            </Section>
            <Section title={t('chart.table')}>
              <Table
                rows={[...assignments].sort(
                  (a, b) =>
                    a.area.name.localeCompare(b.area.name, 'vi') || a.effectiveFrom.localeCompare(b.effectiveFrom),
                )}
                rowKey={(a) => a.id}
                columns={[
                  { header: t('common.area'), cell: (a) => a.area.name },
                  {
                    header: t('common.official'),
                    cell: (a) => <Link to={`/assignments/${encodeURIComponent(a.id)}`}>{a.official.fullName}</Link>,
                  },
                  { header: t('common.from'), cell: (a) => formatDate(a.effectiveFrom) },
                  { header: t('common.to'), cell: (a) => (a.closedAt ? formatDate(a.closedAt) : '—') },
                  { header: t('dash.rotationEligibleAt'), cell: (a) => formatDate(a.rotationEligibleAt) },
                  { header: t('dash.rotationDueAt'), cell: (a) => formatDate(a.rotationDueAt) },
                  {
                    header: t('common.state'),
                    cell: (a) => {
                      const near = nearMark(a, now);
                      return near ? (
                        <Badge tone={near === 'mandatory' ? 'bad' : 'warn'}>{e('state', a.state)}</Badge>
                      ) : (
                        e('state', a.state)
                      );
                    },
                  },
                ]}
              />
            </Section>
          </>
        )}
      </Async>
    </>
  );
}

function TermsChart({
  areas,
  assignments,
  now,
  nowLabel,
}: {
  areas: AreaListItem[];
  assignments: AssignmentSummary[];
  now: number;
  nowLabel: string;
}) {
  const { t } = useI18n();
  const byArea = new Map<string, AssignmentSummary[]>();
  for (const a of assignments) byArea.set(a.area.id, [...(byArea.get(a.area.id) ?? []), a]);
  const rows =
    areas.length > 0
      ? areas
      : [
          ...new Map(
            assignments.map((a) => [
              a.area.id,
              { ...a.area, parentId: null, leaderInCharge: null, currentAssignment: null },
            ]),
          ).values(),
        ];

  const starts = assignments.map((a) => Date.parse(a.effectiveFrom));
  const ends = assignments.map((a) => (a.closedAt ? Date.parse(a.closedAt) : Date.parse(a.rotationDueAt)));
  const firstYear = new Date(Math.min(now, ...starts)).getUTCFullYear();
  const lastYear = new Date(Math.max(now, ...ends)).getUTCFullYear() + 1;
  const from = Date.UTC(firstYear, 0, 1);
  const to = Date.UTC(lastYear, 0, 1);

  const labelWidth = 230;
  const width = 1000;
  const rowHeight = 26;
  const top = 28;
  const height = top + rows.length * rowHeight + 10;
  const x = (instant: number) => labelWidth + ((instant - from) / (to - from)) * (width - labelWidth - 10);
  const years = Array.from({ length: lastYear - firstYear }, (_, i) => firstYear + i);

  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={t('chart.aria')} width="100%">
        {years.map((year) => (
          <g key={year}>
            <line
              x1={x(Date.UTC(year, 0, 1))}
              x2={x(Date.UTC(year, 0, 1))}
              y1={top - 6}
              y2={height - 6}
              className="grid"
            />
            <text x={x(Date.UTC(year, 0, 1)) + 3} y={16} className="year">
              {year}
            </text>
          </g>
        ))}
        <line x1={x(now)} x2={x(now)} y1={top - 10} y2={height - 4} className="today" />
        <text x={x(now) + 3} y={top - 2} className="today-label">
          {nowLabel}
        </text>
        {rows.map((area, i) => {
          const y = top + i * rowHeight;
          return (
            <g key={area.id}>
              <text x={4} y={y + rowHeight / 2 + 4} className="area-label">
                {area.name}
              </text>
              {(byArea.get(area.id) ?? []).map((a) => {
                const start = Date.parse(a.effectiveFrom);
                const end = a.closedAt ? Date.parse(a.closedAt) : Math.max(now, start);
                const near = nearMark(a, now);
                const eligible = Date.parse(a.rotationEligibleAt);
                const due = Date.parse(a.rotationDueAt);
                const open = !a.closedAt;
                return (
                  <g key={a.id} className={`term${near ? ` near-${near}` : ''}${open ? ' open' : ''}`}>
                    <title>
                      {`${a.official.fullName}: ${formatDate(a.effectiveFrom)} – ${a.closedAt ? formatDate(a.closedAt) : '…'} · 3: ${formatDate(a.rotationEligibleAt)} · 5: ${formatDate(a.rotationDueAt)}`}
                    </title>
                    {open && (
                      <rect
                        x={x(start)}
                        y={y + 6}
                        width={Math.max(2, x(due) - x(start))}
                        height={rowHeight - 12}
                        className="term-span"
                      />
                    )}
                    <rect
                      x={x(start)}
                      y={y + 4}
                      width={Math.max(2, x(end) - x(start))}
                      height={rowHeight - 8}
                      rx={3}
                      className="term-bar"
                    />
                    {(open || eligible <= end) && (
                      <line x1={x(eligible)} x2={x(eligible)} y1={y + 1} y2={y + rowHeight - 1} className="mark-3" />
                    )}
                    {(open || due <= end) && (
                      <line x1={x(due)} x2={x(due)} y1={y + 1} y2={y + rowHeight - 1} className="mark-5" />
                    )}
                    <text x={x(start) + 4} y={y + rowHeight / 2 + 4} className="term-label">
                      {a.official.fullName}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        <span className="key key-3" /> {t('chart.legend3')} <span className="key key-5" /> {t('chart.legend5')}{' '}
        <span className="key key-near" /> {t('chart.legendNear')}
      </figcaption>
    </figure>
  );
}
