import { useState } from 'react';
import { Select, Table } from '../components';
import { nameOf } from '../directory';
import { formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { eventLabel } from '../timeline';
import type { OfficialSummary } from '../../../contracts/directory';
import type { TimelineEvent } from '../../../contracts/timeline';

const BAD = /_(MISSED|LATE|NOT_FILED|ESCALATED|REJECTED)$/;
const DECISIONS =
  /_(PROPOSED|APPROVED|REJECTED|WITHDRAWN)$|^ASSIGNMENT_|^HANDOVER_|^SUCCESSOR_|^GROUND_|^EVALUATION_RATED$|^RATING_PROPOSED$|^AREA_EVALUATION_RECEIVED$/;

type Filter = 'all' | 'decisions' | 'problems';

/** An assignment's timeline: when, what (in the user's language), who, under which decision; filterable. */
export function TimelineTable({ events, people }: { events: TimelineEvent[]; people: Map<string, OfficialSummary> }) {
  const { t } = useI18n();
  const [filter, setFilter] = useState<Filter>('all');
  const shown = events.filter(
    (ev) =>
      filter === 'all' ||
      (filter === 'decisions' ? DECISIONS.test(ev.action) || !!ev.decisionNumber : BAD.test(ev.action)),
  );
  return (
    <>
      <div className="timeline-filter">
        <Select
          label={t('detail.filter')}
          value={filter}
          onChange={(value) => setFilter(value as Filter)}
          options={[
            { value: 'all', label: `${t('detail.filter.all')} (${events.length})` },
            { value: 'decisions', label: t('detail.filter.decisions') },
            { value: 'problems', label: t('detail.filter.problems') },
          ]}
        />
      </div>
      <Table
        caption={t('detail.timeline')}
        rows={shown}
        rowKey={(ev) => String(ev.seq)}
        columns={[
          { header: '#', cell: (ev) => ev.seq, className: 'num' },
          { header: t('detail.when'), cell: (ev) => formatDateTime(ev.at) },
          {
            header: t('detail.what'),
            cell: (ev) => (
              <>
                <span className={BAD.test(ev.action) ? 'bad' : ''}>{eventLabel(ev)}</span>
                {ev.imported?.file && (
                  <small className="hint">
                    {' '}
                    {t('detail.importedFrom', { file: ev.imported.file, line: String(ev.imported.line ?? '') })}
                  </small>
                )}
              </>
            ),
          },
          { header: t('detail.who'), cell: (ev) => ev.actorName ?? nameOf(people, ev.actorId, t('common.system')) },
          { header: t('detail.decision'), cell: (ev) => ev.decisionNumber ?? '' },
        ]}
      />
    </>
  );
}
