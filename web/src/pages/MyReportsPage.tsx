/**
 * The official's reports: an ad hoc report (Đ8.2 "đột xuất khi vấn đề phát sinh") with its
 * urgency, marked sensitive when it concerns what Đ7.A.4 reserves for the Head of Board; and the history of their
 * filings, each with what leadership made of it (seen, answered, the task given).
 */
import { type FormEvent, useState } from 'react';
import { api, type Page, post } from '../api';
import {
  Async,
  Badge,
  Checkbox,
  type Column,
  ErrorMessage,
  Notice,
  PageTitle,
  Section,
  Select,
  Table,
  TextArea,
  useApi,
  useLoader,
} from '../components';
import { compact, validate } from '../forms';
import { formatDate, formatDateTime, formatPeriod } from '../format';
import { useI18n } from '../i18n';
import { ReportFiled, ReportKind } from './report-cells';
import { Link } from '../router';
import {
  type PlanItem,
  type ReportItem,
  replyKey,
  replyTone,
  statusKey,
  statusTone,
  URGENCIES,
  urgencyKey,
} from '../reports';
import type { Me } from '../../../contracts/directory';
import { useFormSubmit } from '../use-form-submit';
import { AdHocReportBodySchema } from '../../../machines/reports';

export function MyReportsPage() {
  const { t } = useI18n();
  const me = useLoader(() => api<Me>('/me'), []);
  const reports = useApi<Page<ReportItem>>('/reports?limit=100');
  const plans = useApi<Page<PlanItem>>('/plans?limit=100');

  const reportColumns: Column<ReportItem>[] = [
    { header: t('rep.col.area'), cell: (r) => r.area.name ?? r.area.id },
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
      cell: (r) => (
        <>
          {r.reply && <Badge tone={replyTone(r.reply)}>{t(replyKey(r.reply))}</Badge>}
          {r.acknowledgements.map((a) => (
            <div key={a.by.id}>{t('rep.seenBy', { name: a.by.name ?? a.by.id, when: formatDateTime(a.at) })}</div>
          ))}
          {r.answers.map((a) => (
            <div key={a.id}>
              <strong>{t(a.kind === 'TASK' ? 'rep.answer.TASK' : 'rep.answer.COMMENT')}</strong> ({a.answeredBy.name}):{' '}
              {a.text}
              {a.dueOn && <> · {t('rep.taskDue', { date: formatDate(a.dueOn) })}</>}
            </div>
          ))}
        </>
      ),
    },
    {
      header: t('rep.col.open'),
      cell: (r) => r.reportId && <Link to={`/reports/${r.reportId}`}>{t('rep.open')}</Link>,
    },
  ];
  const planColumns: Column<PlanItem>[] = [
    { header: t('rep.col.area'), cell: (p) => p.area.name ?? p.area.id },
    { header: t('rep.col.month'), cell: (p) => formatPeriod(p.period) },
    { header: t('rep.col.filed'), cell: (p) => <Badge tone={statusTone(p.status)}>{t(statusKey(p.status))}</Badge> },
    {
      header: t('my.plan'),
      cell: (p) => p.content && `${p.content} · ${formatDate(p.plannedFor)} · ${p.place ?? ''}`,
    },
  ];

  return (
    <>
      <PageTitle intro={t('rep.my.intro')}>{t('rep.my.title')}</PageTitle>
      <Async loaded={me}>
        {(data) => (
          <AdHocForm
            assignments={data.assignments.filter((a) => a.state.startsWith('active') || a.state === 'handingOver')}
            onSent={reports.reload}
          />
        )}
      </Async>
      <Section title={t('rep.my.history')}>
        <Async loaded={reports}>
          {(page) => <Table rows={page.items} columns={reportColumns} rowKey={(r) => r.id} empty={t('rep.none')} />}
        </Async>
      </Section>
      <Section title={t('rep.my.plans')}>
        <Async loaded={plans}>
          {(page) => <Table rows={page.items} columns={planColumns} rowKey={(p) => p.id} empty={t('rep.noPlans')} />}
        </Async>
      </Section>
    </>
  );
}

function AdHocForm({ assignments, onSent }: { assignments: Me['assignments']; onSent(): void }) {
  const { t } = useI18n();
  const [assignmentId, setAssignmentId] = useState(assignments[0]?.id ?? '');
  const [urgency, setUrgency] = useState<string>('URGENT');
  const [sensitive, setSensitive] = useState(false);
  const [situation, setSituation] = useState('');
  const [results, setResults] = useState('');
  const [difficulties, setDifficulties] = useState('');
  const [proposals, setProposals] = useState('');
  const [sent, setSent] = useState<string | null>(null);
  const { errors, error, busy, submit } = useFormSubmit();

  if (assignments.length === 0) return <Notice kind="info">{t('my.none')}</Notice>;
  const send = async (event: FormEvent) => {
    event.preventDefault();
    setSent(null);
    const values = compact({ urgency, sensitive, situation, results, difficulties, proposals });
    const key = crypto.randomUUID();
    if (
      await submit(validate(AdHocReportBodySchema, values, t), (body) =>
        post(`/assignments/${encodeURIComponent(assignmentId)}/ad-hoc-reports`, body, { 'idempotency-key': key }),
      )
    ) {
      setSent(sensitive ? t('rep.sentSensitive') : t('rep.sent'));
      setSituation('');
      setResults('');
      setDifficulties('');
      setProposals('');
      setSensitive(false);
      onSent();
    }
  };
  return (
    <form className="card form" onSubmit={(event) => void send(event)} noValidate aria-label={t('rep.adHocForm')}>
      <h2>{t('rep.adHocForm')}</h2>
      {sent && <Notice>{sent}</Notice>}
      {error ? <ErrorMessage error={error} fields={errors} /> : null}
      <div className="row">
        <Select
          label={t('rep.col.area')}
          value={assignmentId}
          onChange={setAssignmentId}
          required
          options={assignments.map((a) => ({ value: a.id, label: a.area.name }))}
        />
        <Select
          label={t('rep.urgency')}
          value={urgency}
          onChange={setUrgency}
          required
          error={errors.urgency}
          options={URGENCIES.map((u) => ({ value: u, label: t(urgencyKey(u)) }))}
        />
      </div>
      <TextArea
        label={t('my.report.situation')}
        value={situation}
        onChange={setSituation}
        required
        rows={4}
        error={errors.situation}
      />
      <TextArea
        label={t('my.report.results')}
        value={results}
        onChange={setResults}
        required
        rows={3}
        error={errors.results}
      />
      <TextArea
        label={t('my.report.difficulties')}
        value={difficulties}
        onChange={setDifficulties}
        required={false}
        error={errors.difficulties}
      />
      <TextArea
        label={t('my.report.proposals')}
        value={proposals}
        onChange={setProposals}
        required={false}
        error={errors.proposals}
      />
      <Checkbox label={t('rep.sensitiveFlag')} checked={sensitive} onChange={setSensitive} error={errors.sensitive} />
      {sensitive && <Notice kind="warning">{t('rep.sensitiveHint')}</Notice>}
      <button type="submit" disabled={busy}>
        {busy ? t('common.saving') : t('rep.send')}
      </button>
    </form>
  );
}
