/**
 * The auditor's page (Đ13.3): search any assignment, read its timeline, replay its recorded Temporal histories against
 * the current workflow code, download them, and verify the audit table's hash chain.
 */
import { type FormEvent, useState } from 'react';
import { api, apiFetch, type Page, post, qs } from '../api';
import {
  Async,
  Badge,
  ErrorMessage,
  Notice,
  PageTitle,
  Section,
  Table,
  TextField,
  useApi,
  useLoader,
} from '../components';
import { areasById, nameOf, officialsById } from '../directory';
import { formatDate } from '../format';
import { useI18n } from '../i18n';
import { Link, navigate, useLocation } from '../router';
import { ReplayBodySchema } from '../schemas';
import type { AssignmentDetail } from '../../../contracts/assignments';
import type { ChainReport as ChainVerdict, ReplayReport } from '../../../contracts/audit';
import type { AssignmentSummary } from '../../../contracts/directory';
import type { Timeline } from '../../../contracts/timeline';
import { DocumentLinks } from './DecisionDocuments';
import { DecisionSignature, SignedBadge } from './DecisionSignature';
import { TimelineTable } from './TimelineTable';

export function AuditPage() {
  const { t } = useI18n();
  const { query } = useLocation();
  const selected = query.get('id');
  const q = query.get('q') ?? '';
  return (
    <>
      <PageTitle intro={t('audit.intro')}>{t('audit.title')}</PageTitle>
      <div className="two-col">
        <ChainCheck />
        <ReplayAll />
      </div>
      <Search q={q} selected={selected} />
      {selected && <Selected id={selected} q={q} />}
    </>
  );
}

function Search({ q, selected }: { q: string; selected: string | null }) {
  const { t, e } = useI18n();
  const [text, setText] = useState(q);
  const results = useApi<Page<AssignmentSummary>>(`/assignments${qs({ q, limit: 50 })}`);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/audit${qs({ q: text.trim(), id: selected })}`);
  };
  return (
    <Section title={t('audit.search')}>
      <form className="form inline" role="search" onSubmit={submit} aria-label={t('audit.search')}>
        <TextField label={t('audit.q')} value={text} onChange={setText} type="search" name="q" />
        <button type="submit">{t('audit.searchButton')}</button>
      </form>
      <Async loaded={results}>
        {(page) => (
          <Table
            caption={t('audit.results')}
            rows={page.items}
            rowKey={(a) => a.id}
            columns={[
              { header: t('common.area'), cell: (a) => a.area.name },
              { header: t('common.official'), cell: (a) => a.official.fullName },
              { header: t('common.from'), cell: (a) => formatDate(a.effectiveFrom) },
              { header: t('common.to'), cell: (a) => (a.closedAt ? formatDate(a.closedAt) : '—') },
              { header: t('common.state'), cell: (a) => e('state', a.state) },
              {
                header: t('detail.decision'),
                cell: (a) =>
                  a.decision ? (
                    <>
                      {a.decision.number} <SignedBadge signature={a.decision.signature} />
                    </>
                  ) : (
                    ''
                  ),
              },
              {
                header: '',
                cell: (a) => (
                  <Link
                    to={`/audit${qs({ q, id: a.id })}`}
                    aria-current={a.id === selected ? 'true' : undefined}
                    aria-label={`${t('audit.timeline')}: ${a.area.name} — ${a.official.fullName}`}
                  >
                    {t('audit.timeline')}
                  </Link>
                ),
              },
            ]}
          />
        )}
      </Async>
    </Section>
  );
}

function Selected({ id, q }: { id: string; q: string }) {
  const { t, lang } = useI18n();
  const path = encodeURIComponent(id);
  const timeline = useLoader(
    () => Promise.all([api<Timeline>(`/assignments/${path}/timeline?lang=${lang}`), officialsById()]),
    [id, lang],
  );
  const subject = useLoader(
    () =>
      Promise.all([
        api<AssignmentDetail>(`/assignments/${path}`),
        officialsById(),
        areasById().catch(() => new Map()),
      ]).then(
        ([d, people, areas]) =>
          `${areas.get(d.view.areaId)?.name ?? d.view.areaId} — ${nameOf(people, d.view.officialId, '')}`,
      ),
    [id],
  );
  const decisionId = useLoader(
    () => api<AssignmentDetail>(`/assignments/${path}`).then((d) => d.record?.decisionId ?? null),
    [id],
  );
  const [report, setReport] = useState<ReplayReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'replay' | 'download' | null>(null);

  const replay = async () => {
    setBusy('replay');
    setError(null);
    setReport(null);
    try {
      const body = ReplayBodySchema.parse({ assignmentId: id });
      setReport(await post<ReplayReport>('/audit/replay', body));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };

  const download = async () => {
    setBusy('download');
    setError(null);
    try {
      const response = await apiFetch(`/assignments/${path}/history`);
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const link = document.createElement('a');
      link.href = url;
      link.download = `assignment-${id}-history.json`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Section
      title={`${t('detail.title')}: ${subject.data ?? id}`}
      actions={
        <Link to={`/audit${qs({ q })}`} className="secondary">
          ×
        </Link>
      }
    >
      <div className="actions">
        <button type="button" onClick={() => void replay()} disabled={busy !== null}>
          {busy === 'replay' ? t('common.saving') : t('audit.replayButton')}
        </button>
        <button type="button" className="secondary" onClick={() => void download()} disabled={busy !== null}>
          {t('audit.download')}
        </button>
        <Link to={`/assignments/${path}`}>{t('common.open')}</Link>
      </div>
      {decisionId.data && (
        <>
          <DocumentLinks
            path={`/decisions/${encodeURIComponent(decisionId.data)}/document`}
            label={t('papers.final')}
          />
          <DecisionSignature decisionId={decisionId.data} />
        </>
      )}
      {error ? <ErrorMessage error={error} /> : null}
      <p className="muted">
        <code>{id}</code>
      </p>
      {report && <ReplayResult report={report} />}
      <Async loaded={timeline}>{([tl, people]) => <TimelineTable events={tl.events} people={people} />}</Async>
    </Section>
  );
}

function ReplayResult({ report }: { report: ReplayReport }) {
  const { t } = useI18n();
  return (
    <div className="replay-result">
      {report.failed === 0 ? (
        <Notice>{t('audit.replayOk', { replayed: report.replayed, failed: report.failed })}</Notice>
      ) : (
        <Notice kind="warning">{t('audit.replayFailed', { replayed: report.replayed, failed: report.failed })}</Notice>
      )}
      <Table
        caption={t('audit.replay')}
        rows={report.results}
        rowKey={(r) => `${r.workflowId}/${r.runId}`}
        columns={[
          { header: t('audit.workflow'), cell: (r) => <code>{r.workflowId}</code> },
          { header: 'Run', cell: (r) => <code>{r.runId.slice(0, 8)}</code> },
          {
            header: t('audit.result'),
            cell: (r) =>
              r.ok ? <Badge tone="ok">{t('audit.ok')}</Badge> : <Badge tone="bad">{t('audit.fail')}</Badge>,
          },
          { header: '', cell: (r) => r.error ?? '' },
        ]}
      />
    </div>
  );
}

function ChainCheck() {
  const { t } = useI18n();
  const [verdict, setVerdict] = useState<ChainVerdict | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const check = async () => {
    setBusy(true);
    setError(null);
    try {
      setVerdict(await api<ChainVerdict>('/audit/verify'));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title={t('audit.chain')}>
      <button type="button" onClick={() => void check()} disabled={busy}>
        {busy ? t('common.saving') : t('audit.chainButton')}
      </button>
      {error ? <ErrorMessage error={error} /> : null}
      {verdict &&
        (verdict.ok ? (
          <Notice>{t('audit.chainOk', { rows: verdict.rows })}</Notice>
        ) : (
          <div className="alert alert-error" role="alert">
            {t('audit.chainBroken', {
              seq: verdict.firstBroken?.seq ?? '?',
              reason: verdict.firstBroken?.reason ?? '',
            })}
          </div>
        ))}
    </Section>
  );
}

function ReplayAll() {
  const { t } = useI18n();
  const [report, setReport] = useState<ReplayReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setReport(await post<ReplayReport>('/audit/replay', {}));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Section title={t('audit.replay')}>
      <button type="button" className="secondary" onClick={() => void run()} disabled={busy}>
        {busy ? t('common.saving') : t('audit.replayAll')}
      </button>
      {error ? <ErrorMessage error={error} /> : null}
      {report && <ReplayResult report={report} />}
    </Section>
  );
}
