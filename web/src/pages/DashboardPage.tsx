/**
 * The province at a glance: the counts, the areas and who monitors them, overdue plans and reports, evaluations
 * outstanding, rotations due in 90 days and open complaints. Each list loads on its own, so one refusal (a role
 * without a part in complaints, an endpoint not deployed) shows beside its list and leaves the others.
 */
import { type FormEvent, type ReactNode, useState } from 'react';
import { type Page, qs } from '../api';
import type { ProgrammeSummary } from '../../../contracts/programmes';
import { saveAs } from './DecisionDocuments';
import {
  Async,
  Badge,
  type Column,
  DateField,
  ErrorMessage,
  PageTitle,
  Section,
  Select,
  Table,
  useApi,
} from '../components';
import { type FieldErrors, validate } from '../forms';
import { formatDate, formatPeriod, parseDay } from '../format';
import { useI18n } from '../i18n';
import { MeetingDashboard } from './MeetingDashboard';
import { Link, navigate, useLocation } from '../router';
import { AsOfSchema } from '../schemas';
import { LEADERSHIP_AND_AUDITOR } from '../../../machines/roles';
import { dayOf } from '../../../machines/calendar';
import { LEADERSHIP, useSession } from '../session';
import type {
  ComplaintItem,
  DashboardArea,
  EvaluationItem,
  OverdueItem,
  RotationItem,
  Summary,
} from '../../../contracts/dashboard';

/** What every dashboard item names: the assignment, its area, official and group. */
type Subject = Pick<OverdueItem, 'assignmentId' | 'area' | 'official' | 'group'>;

function useSubjectColumns<Row extends Subject>(): Column<Row>[] {
  const { t } = useI18n();
  return [
    {
      header: t('common.area'),
      cell: (r) => <Link to={`/assignments/${encodeURIComponent(r.assignmentId)}`}>{r.area.name}</Link>,
    },
    { header: t('common.official'), cell: (r) => r.official.fullName },
  ];
}

function PageList<Row>({
  path,
  title,
  columns,
  rowKey,
}: {
  path: string;
  title: string;
  columns: Column<Row>[];
  rowKey(row: Row): string;
}) {
  const loaded = useApi<Page<Row>>(path);
  return (
    <Section title={title}>
      <Async loaded={loaded}>{(page) => <Table rows={page.items} columns={columns} rowKey={rowKey} />}</Async>
    </Section>
  );
}

/** "As of" another day than today: leaders look ahead (the API's `asOf`); `keep` holds the page's other filters. */
export function AsOfForm({
  page,
  asOf,
  keep = {},
}: {
  page: string;
  asOf: string | null;
  keep?: Record<string, string | null>;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(asOf ? formatDate(asOf) : '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') return navigate(`${page}${qs(keep)}`);
    const checked = validate(AsOfSchema, { asOf: parseDay(text) }, t);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    navigate(`${page}${qs({ ...keep, asOf: checked.data.asOf })}`);
  };
  return (
    <form className="form inline as-of" onSubmit={submit} aria-label={t('dash.asOf')}>
      <DateField label={t('dash.asOf')} value={text} onChange={setText} error={errors.asOf} required={false} />
      <button type="submit" className="secondary">
        {t('dash.asOfButton')}
      </button>
    </form>
  );
}

export function DashboardPage() {
  const { t, e } = useI18n();
  const { query } = useLocation();
  const asOf = query.get('asOf');
  const programmeId = query.get('programmeId');
  const filters = { asOf, programmeId };
  const and = qs(filters).replace('?', '&');
  const subject = useSubjectColumns<OverdueItem>();
  const evalSubject = useSubjectColumns<EvaluationItem>();
  const rotSubject = useSubjectColumns<RotationItem>();
  const complaintSubject = useSubjectColumns<ComplaintItem>();
  const summary = useApi<Summary>(`/dashboard/summary?withinDays=90${and}`);
  // The units in force on the day shown (today by default), under that day's names: not the units a reorganisation
  // ended; with a programme, the kinds it monitors and its own monitors.
  const areas = useApi<Page<DashboardArea>>(
    `/dashboard/areas${qs({ limit: 100, asOf: asOf ?? dayOf(Date.now()), programmeId })}`,
  );
  const readsEvaluations = useSession().has(...LEADERSHIP_AND_AUDITOR);

  const overdueColumns: Column<OverdueItem>[] = [
    ...subject,
    { header: t('common.period'), cell: (r) => formatPeriod(r.period) },
    { header: t('common.due'), cell: (r) => formatDate(r.dueAt) },
    { header: '', cell: (r) => <Badge tone="bad">{t('common.daysOver', { n: r.daysOverdue })}</Badge> },
    {
      header: t('dash.escalation'),
      cell: (r) => (r.lastEscalation ? e('escalationTarget', r.lastEscalation.target) : '—'),
    },
  ];

  return (
    <>
      <PageTitle>{t('dash.title')}</PageTitle>
      <ProgrammePicker asOf={asOf} programmeId={programmeId} />
      <AsOfForm page="/dashboard" asOf={asOf} keep={{ programmeId }} />
      <ExportButtons filters={filters} />
      <Section title={`${t('dash.summary')}${summary.data ? ` — ${formatDate(summary.data.asOf)}` : ''}`}>
        <Async loaded={summary}>
          {(s) => (
            <div className="tiles">
              <Tile label={t('dash.overduePlans')} value={s.overdue.plans} tone={s.overdue.plans ? 'bad' : 'ok'} />
              <Tile
                label={t('dash.overdueReports')}
                value={s.overdue.reports}
                tone={s.overdue.reports ? 'bad' : 'ok'}
              />
              <Tile
                label={t('dash.evaluations')}
                value={s.evaluationsOutstanding}
                tone={s.evaluationsOutstanding ? 'warn' : 'ok'}
              />
              <Tile
                label={t('dash.rotations')}
                value={
                  <>
                    {s.rotationsDue.eligible + s.rotationsDue.mandatory}
                    {s.rotationsDue.mandatory > 0 && <small> ({s.rotationsDue.mandatory} ≥ 5)</small>}
                  </>
                }
                tone={s.rotationsDue.mandatory ? 'bad' : s.rotationsDue.eligible ? 'warn' : 'ok'}
              />
              {s.complaintsOpen !== null && (
                <Tile label={t('dash.complaints')} value={s.complaintsOpen} tone={s.complaintsOpen ? 'warn' : 'ok'} />
              )}
              <Tile
                label={t('dash.boardReassignments')}
                value={`${s.boardReassignments.pending} / ${s.boardReassignments.approvedThisYear}`}
                tone={s.boardReassignments.pending ? 'warn' : 'ok'}
              />
            </div>
          )}
        </Async>
      </Section>

      <Section title={t('dash.areas')}>
        <Async loaded={areas}>
          {(page) => (
            <Table
              rows={page.items}
              rowKey={(a) => a.id}
              caption={t('dash.areas')}
              columns={[
                { header: t('common.area'), cell: (a) => a.name },
                { header: t('common.kind'), cell: (a) => e('areaKind', a.kind) },
                {
                  header: t('common.official'),
                  cell: (a) =>
                    a.currentAssignment ? (
                      <Link to={`/assignments/${encodeURIComponent(a.currentAssignment.id)}`}>
                        {a.currentAssignment.official.fullName}
                      </Link>
                    ) : a.agencyLeaders.length > 0 ? (
                      '—'
                    ) : (
                      <Badge tone="warn">{t('common.unmonitored')}</Badge>
                    ),
                },
                { header: t('common.group'), cell: (a) => a.currentAssignment?.group?.name ?? '—' },
                { header: t('common.from'), cell: (a) => formatDate(a.currentAssignment?.effectiveFrom) },
                {
                  header: t('common.state'),
                  cell: (a) => (a.currentAssignment ? e('state', a.currentAssignment.state) : ''),
                },
                { header: t('common.leaderInCharge'), cell: (a) => a.leaderInCharge?.fullName ?? '' },
                {
                  header: t('dash.agencyLeaders'),
                  cell: (a) =>
                    a.agencyLeaders.map((l) => `${l.displayName} (${l.title}, ${l.agencyName})`).join('; ') || '—',
                },
              ]}
            />
          )}
        </Async>
      </Section>

      <PageList<OverdueItem>
        path={`/dashboard/overdue?kind=PLAN&limit=20${and}`}
        title={t('dash.overduePlans')}
        columns={overdueColumns}
        rowKey={(r) => r.id}
      />
      <PageList<OverdueItem>
        path={`/dashboard/overdue?kind=REPORT&limit=20${and}`}
        title={t('dash.overdueReports')}
        columns={overdueColumns}
        rowKey={(r) => r.id}
      />

      <PageList<RotationItem>
        path={`/dashboard/rotations-due?withinDays=90&limit=50${and}`}
        title={t('dash.rotations')}
        rowKey={(r) => `${r.assignmentId}-${r.threshold}`}
        columns={[
          ...rotSubject,
          { header: t('common.from'), cell: (r) => formatDate(r.effectiveFrom) },
          {
            header: t('common.due'),
            cell: (r) => (
              <>
                <Badge tone={r.threshold === 'MANDATORY' ? 'bad' : 'warn'}>
                  {r.threshold === 'MANDATORY' ? t('dash.rotationDueAt') : t('dash.rotationEligibleAt')}
                </Badge>{' '}
                {formatDate(r.date)}
              </>
            ),
          },
          {
            header: '',
            cell: (r) =>
              r.daysUntil >= 0 ? t('common.daysLeft', { n: r.daysUntil }) : t('common.daysOver', { n: -r.daysUntil }),
          },
          {
            header: t('detail.pending'),
            cell: (r) => (r.pendingProposal ? e('proposal', r.pendingProposal.kind) : '—'),
          },
        ]}
      />

      <PageList<EvaluationItem>
        path={`/dashboard/evaluations-outstanding?limit=50${and}`}
        title={t('dash.evaluations')}
        rowKey={(r) => r.id}
        columns={[
          ...evalSubject,
          { header: t('common.year'), cell: (r) => r.year },
          { header: t('common.state'), cell: (r) => e('waitingFor', r.waitingFor) },
          {
            header: t('common.due'),
            cell: (r) => <span className={r.overdue ? 'bad' : ''}>{formatDate(r.dueAt)}</span>,
          },
          // The evaluation's own page, for those who may read it (leadership rates there; the auditor reads).
          ...(readsEvaluations ? [{ header: '', cell: (r: EvaluationItem) => <EvaluationLink item={r} /> }] : []),
        ]}
      />

      <PageList<ComplaintItem>
        path={`/dashboard/complaints-open?limit=50${and}`}
        title={t('dash.complaints')}
        rowKey={(r) => r.id}
        columns={[
          ...complaintSubject,
          { header: t('common.proposedAt'), cell: (r) => formatDate(r.filedAt) },
          {
            header: t('common.due'),
            cell: (r) => <span className={r.verificationOverdue ? 'bad' : ''}>{formatDate(r.verificationDueAt)}</span>,
          },
        ]}
      />
      <MeetingDashboard programmeId={programmeId} />
    </>
  );
}

/** The programme the dashboard shows (the API's `programmeId`); every programme without one. */
function ProgrammePicker({ asOf, programmeId }: { asOf: string | null; programmeId: string | null }) {
  const { t } = useI18n();
  const programmes = useApi<ProgrammeSummary[]>('/programmes');
  if (programmes.error) return <ErrorMessage error={programmes.error} onRetry={programmes.reload} />;
  return (
    <div className="form inline">
      <Select
        label={t('dash.programme')}
        value={programmeId ?? ''}
        onChange={(chosen) => navigate(`/dashboard${qs({ programmeId: chosen, asOf })}`)}
        options={[
          { value: '', label: t('dash.programmeAll') },
          ...(programmes.data ?? []).map((p) => ({ value: p.id, label: p.name })),
        ]}
      />
    </div>
  );
}

/**
 * The dashboard's lists as workbooks, with the dashboard's filters (fetched with the session's token); the plans' and
 * reports' lists take the programme only (they have no "as of").
 */
function ExportButtons({ filters }: { filters: { asOf: string | null; programmeId: string | null } }) {
  const { t } = useI18n();
  const [error, setError] = useState<unknown>(null);
  const download = (list: string, only: Record<string, string | null> = filters) => {
    setError(null);
    saveAs(`/exports/${list}.xlsx${qs(only)}`, `${list}.xlsx`).catch(setError);
  };
  return (
    <p className="actions exports">
      {t('dash.exports')}:{' '}
      <button type="button" className="link" onClick={() => download('overdue')}>
        {t('dash.exportOverdue')}
      </button>{' '}
      <button type="button" className="link" onClick={() => download('rotations-due')}>
        {t('dash.exportRotations')}
      </button>{' '}
      <button type="button" className="link" onClick={() => download('plans', { programmeId: filters.programmeId })}>
        {t('dash.exportPlans')}
      </button>{' '}
      <button type="button" className="link" onClick={() => download('reports', { programmeId: filters.programmeId })}>
        {t('dash.exportReports')}
      </button>
      {error ? <ErrorMessage error={error} /> : null}
    </p>
  );
}

function Tile({ label, value, tone }: { label: string; value: ReactNode; tone: 'ok' | 'warn' | 'bad' }) {
  return (
    <div className={`tile tile-${tone}`}>
      <div className="tile-value">{value}</div>
      <div className="tile-label">{label}</div>
    </div>
  );
}

/** To an evaluation's page: "Rate" when it waits for leadership (and the reader is leadership), else "View". */
export function EvaluationLink({ item }: { item: EvaluationItem }) {
  const { t } = useI18n();
  const { has } = useSession();
  const label = item.waitingFor === 'BOARD_LEADERSHIP' && has(...LEADERSHIP) ? t('evals.rate') : t('evals.view');
  return (
    <Link
      to={`/evaluations/${encodeURIComponent(item.assignmentId)}/${item.year}`}
      aria-label={`${label}: ${item.area.name} — ${item.year}`}
    >
      {label}
    </Link>
  );
}
