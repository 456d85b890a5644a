/**
 * "Báo cáo địa bàn": the province's reports of a month for Board leadership and the auditor, the
 * areas the leader is in charge of first and, among them, those nobody has acknowledged yet (the API's order); the
 * reports seen and not yet answered, whatever their month; each opens on its own page (ReportPage). The month's plans
 * and reports download as workbooks with the page's filters (month, programme).
 */
import { useState } from 'react';
import type { ProgrammeSummary } from '../../../contracts/programmes';
import { type Page, qs } from '../api';
import {
  Async,
  Badge,
  type Column,
  ErrorMessage,
  PageTitle,
  Section,
  Select,
  Table,
  TextField,
  useApi,
} from '../components';
import { saveAs } from './DecisionDocuments';
import { formatPeriod } from '../format';
import { useI18n } from '../i18n';
import { ReportFiled, ReportKind } from './report-cells';
import { monthOf } from '../months';
import { Link } from '../router';
import { type ReportItem, replyKey, replyTone } from '../reports';

export function ReportsPage() {
  const { t } = useI18n();
  const [month, setMonth] = useState(() => monthOf(new Date().toISOString()));
  const [programmeId, setProgrammeId] = useState('');
  const programmes = useApi<ProgrammeSummary[]>('/programmes');
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const reports = useApi<Page<ReportItem>>(valid ? `/reports${qs({ month, programmeId, limit: 100 })}` : null);
  const waiting = useApi<Page<ReportItem>>(`/reports${qs({ reply: 'ACKNOWLEDGED', programmeId, limit: 100 })}`);

  const columns: Column<ReportItem>[] = [
    { header: t('rep.col.area'), cell: (r) => r.area.name ?? r.area.id },
    { header: t('rep.col.official'), cell: (r) => r.official.name ?? r.official.id },
    {
      header: t('rep.col.kind'),
      cell: (r) => <ReportKind report={r} />,
    },
    {
      header: t('rep.col.filed'),
      cell: (r) => <ReportFiled report={r} />,
    },
    {
      header: t('rep.col.reply'),
      cell: (r) => r.reply && <Badge tone={replyTone(r.reply)}>{t(replyKey(r.reply))}</Badge>,
    },
    {
      header: t('rep.col.open'),
      cell: (r) =>
        r.reportId && (
          <Link
            to={`/reports/${r.reportId}`}
            aria-label={`${t('rep.open')}: ${r.area.name ?? ''} ${formatPeriod(r.period)}`}
          >
            {t('rep.open')}
          </Link>
        ),
    },
  ];

  return (
    <>
      <PageTitle intro={t('rep.intro')}>{t('rep.title')}</PageTitle>
      <div className="form inline">
        <Select
          label={t('dash.programme')}
          value={programmeId}
          onChange={setProgrammeId}
          options={[
            { value: '', label: t('dash.programmeAll') },
            ...(programmes.data ?? []).map((p) => ({ value: p.id, label: p.name })),
          ]}
        />
      </div>
      {valid && <FilingExports filters={{ month, programmeId }} />}
      <Section
        title={t('rep.month', { month: valid ? formatPeriod(month) : month })}
        actions={<TextField label={t('rep.monthField')} value={month} onChange={setMonth} type="month" />}
      >
        <Async loaded={reports}>
          {(page) => (
            <Table
              rows={page.items}
              columns={columns}
              rowKey={(r) => r.id}
              empty={t('rep.none')}
              caption={t('rep.caption')}
            />
          )}
        </Async>
      </Section>
      <Section title={t('rep.waiting')}>
        <Async loaded={waiting}>
          {(page) => <Table rows={page.items} columns={columns} rowKey={(r) => r.id} empty={t('rep.noneWaiting')} />}
        </Async>
      </Section>
    </>
  );
}

/** The month's plans and reports as workbooks, with the page's filters (fetched with the session's token). */
function FilingExports({ filters }: { filters: Record<string, string> }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const download = (list: 'plans' | 'reports') => {
    setError(null);
    saveAs(`/exports/${list}.xlsx${qs(filters)}`, `${list}.xlsx`).catch(setError);
  };
  return (
    <p className="actions exports">
      {t('dash.exports')}:{' '}
      <button type="button" className="link" onClick={() => download('plans')}>
        {t('dash.exportPlans')}
      </button>{' '}
      <button type="button" className="link" onClick={() => download('reports')}>
        {t('dash.exportReports')}
      </button>
      {error ? <ErrorMessage error={error} /> : null}
    </p>
  );
}
