/**
 * The year's monitoring results per leader of an agency (GET /agencies/{id}/ratings), an input to their annual rating:
 * communes, filings on time / late / missing, the commune committees' comment levels and requests for another monitor.
 */
import type { AgencyRatings } from '../../../contracts/commune-comments';
import { dayOf } from '../../../machines/calendar';
import { Async, Section, Table, useApi } from '../components';
import { useI18n } from '../i18n';

type Leader = AgencyRatings['leaders'][number];

export function CommuneCommentRatings({
  agencyId,
  year = Number(dayOf(Date.now()).slice(0, 4)),
}: {
  agencyId: string;
  year?: number;
}) {
  const { t, e } = useI18n();
  const ratings = useApi<AgencyRatings>(`/agencies/${encodeURIComponent(agencyId)}/ratings?year=${year}`);
  const levels = (l: Leader) =>
    Object.entries(l.totals.levels)
      .filter(([, n]) => n > 0)
      .map(([level, n]) => `${e('rating', level)}: ${n}`)
      .join('; ') || '—';
  return (
    <Async loaded={ratings}>
      {(r) => (
        <Section title={t('comment.ratings.title', { year: String(r.year) })}>
          <Table
            rows={r.leaders}
            rowKey={(l) => l.memberId}
            empty={t('agency.noCommunes')}
            caption={t('comment.ratings.title', { year: String(r.year) })}
            columns={[
              { header: t('comment.col.leader'), cell: (l) => `${l.displayName} — ${l.title}` },
              { header: t('comment.ratings.communes'), cell: (l) => String(l.totals.communes) },
              {
                header: t('comment.ratings.filings'),
                cell: (l) =>
                  l.totals.filings
                    ? `${l.totals.filings.onTime} / ${l.totals.filings.late} / ${l.totals.filings.missing}`
                    : '—',
              },
              { header: t('comment.col.level'), cell: levels },
              { header: t('comment.ratings.exempted'), cell: (l) => String(l.totals.exempted) },
              { header: t('comment.ratings.notReceived'), cell: (l) => String(l.totals.notReceived) },
              { header: t('comment.col.another'), cell: (l) => String(l.totals.requestsAnotherMonitor) },
            ]}
          />
        </Section>
      )}
    </Async>
  );
}
