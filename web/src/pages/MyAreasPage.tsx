/**
 * The official's page: the areas they monitor, the month's plan ("đi báo việc") and report ("về báo công") with their
 * due dates and state as the API records them (GET /assignments/:id/months), a form for each, and what the timeline
 * recorded lately (late and missed filings included).
 */
import { type FormEvent, useState } from 'react';
import { api, post, qs } from '../api';
import {
  Async,
  Badge,
  DateField,
  ErrorMessage,
  Notice,
  PageTitle,
  Section,
  Select,
  TextArea,
  TextField,
  useLoader,
} from '../components';
import { compact, type FieldErrors, type Validation, validate, withoutPrefix } from '../forms';
import { formatDate, formatDateTime, formatPeriod, parseDay } from '../format';
import { type MessageKey, useI18n } from '../i18n';
import {
  type Filing,
  type FilingStatus,
  filingStatus,
  type Months,
  monthOf,
  NOT_OPENED,
  PLAN_NOT_OPENED,
  type PlanFiling,
  previousMonth,
} from '../months';
import { Link } from '../router';
import { planBodyOfMonth, ReportBodySchema } from '../schemas';
import { eventLabel } from '../timeline';
import { useFormSubmit } from '../use-form-submit';
import type { AssignmentDetail, FilingResult } from '../../../contracts/assignments';
import type { Me } from '../../../contracts/directory';
import type { Timeline } from '../../../contracts/timeline';

const STATUS_TONE: Record<FilingStatus, 'neutral' | 'ok' | 'warn' | 'bad'> = {
  notOpened: 'neutral',
  open: 'neutral',
  filed: 'ok',
  filedLate: 'warn',
  missed: 'bad',
  cancelled: 'neutral',
};

export function MyAreasPage() {
  const { t } = useI18n();
  const me = useLoader(() => api<Me>('/me'), []);
  return (
    <>
      <PageTitle>{t('my.title')}</PageTitle>
      <Async loaded={me}>
        {(data) => {
          const serving = data.assignments.filter((a) => a.state !== 'awaitingApproval');
          if (serving.length === 0) return <p className="empty">{t('my.none')}</p>;
          return serving.map((a) => (
            <AssignmentBlock key={a.id} id={a.id} areaName={a.area.name} groupName={a.group?.name} />
          ));
        }}
      </Async>
    </>
  );
}

function AssignmentBlock({ id, areaName, groupName }: { id: string; areaName: string; groupName: string | undefined }) {
  const { t, e, lang } = useI18n();
  const path = encodeURIComponent(id);
  const loaded = useLoader(async () => {
    const [detail, timeline] = await Promise.all([
      api<AssignmentDetail>(`/assignments/${path}`),
      api<Timeline>(`/assignments/${path}/timeline?lang=${lang}`).catch(() => null),
    ]);
    // This month is the one before the next cycle, in the server's time (which the browser's clock need not share).
    const next = detail.view.deadlines.nextMonthlyCycle;
    const current = next ? previousMonth(monthOf(next)) : null;
    const periods = current ? [current, previousMonth(current)] : [];
    const recorded = current
      ? await api<Months>(`/assignments/${path}/months${qs({ from: periods[1], to: current })}`)
      : null;
    const months = periods.map(
      (period) =>
        recorded?.months.find((m) => m.period === period) ?? { period, plan: PLAN_NOT_OPENED, report: NOT_OPENED },
    );
    return { detail, timeline, months, systemFrom: recorded?.beforeTheSystemUntil ?? null };
  }, [id, lang]);
  return (
    <Section title={areaName} actions={<Link to={`/assignments/${path}`}>{t('my.openDetail')}</Link>}>
      <Async loaded={loaded}>
        {({ detail, timeline, months, systemFrom }) => {
          const view = detail.view;
          const periods = months.map((m) => m.period);
          const monthly = (timeline?.events ?? [])
            .filter((ev) => ev.action.startsWith('MONTHLY_'))
            .slice(-10)
            .reverse();
          return (
            <>
              <dl className="facts">
                <dt>{t('common.state')}</dt>
                <dd>{e('state', view.state)}</dd>
                {groupName && (
                  <>
                    <dt>{t('common.group')}</dt>
                    <dd>{groupName}</dd>
                  </>
                )}
                <dt>{t('detail.effectiveFrom')}</dt>
                <dd>{formatDate(view.deadlines.effectiveFrom)}</dd>
                <dt>{t('dash.rotationEligibleAt')}</dt>
                <dd>{formatDate(view.deadlines.rotationEligibleAt)}</dd>
              </dl>
              {months.length > 0 && (
                <>
                  <h3>{t('my.months')}</h3>
                  <table className="months">
                    <thead>
                      <tr>
                        <th scope="col">{t('common.period')}</th>
                        <th scope="col">{t('my.plan')}</th>
                        <th scope="col">{t('my.report')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {months.map((m) =>
                        systemFrom && m.period < systemFrom ? (
                          <tr key={m.period}>
                            <th scope="row">{formatPeriod(m.period)}</th>
                            <td colSpan={2}>{t('my.beforeTheSystem')}</td>
                          </tr>
                        ) : (
                          <tr key={m.period}>
                            <th scope="row">{formatPeriod(m.period)}</th>
                            <td>
                              <FilingCell filing={m.plan} />
                              <PlanTrip plan={m.plan} />
                            </td>
                            <td>
                              <FilingCell filing={m.report} />
                            </td>
                          </tr>
                        ),
                      )}
                    </tbody>
                  </table>
                  <div className="two-col">
                    <PlanForm assignmentId={id} months={periods} onFiled={loaded.reload} />
                    <ReportForm assignmentId={id} months={[...periods].reverse()} onFiled={loaded.reload} />
                  </div>
                </>
              )}
              {monthly.length > 0 && (
                <details className="recent" open>
                  <summary>{t('detail.timeline')}</summary>
                  <ul>
                    {monthly.map((ev) => (
                      <li
                        key={ev.seq}
                        className={
                          ev.action.endsWith('_LATE') ||
                          ev.action.endsWith('_MISSED') ||
                          ev.action.endsWith('_NOT_FILED')
                            ? 'bad'
                            : ''
                        }
                      >
                        {formatDateTime(ev.at)} — {eventLabel(ev)}
                      </li>
                    ))}
                  </ul>
                </details>
              )}
            </>
          );
        }}
      </Async>
    </Section>
  );
}

/** One filing as recorded: its state, its due date (dd/mm/yyyy in Vietnam), when it was filed, how far a miss went. */
function FilingCell({ filing }: { filing: Filing }) {
  const { t } = useI18n();
  const status = filingStatus(filing);
  return (
    <>
      <Badge tone={STATUS_TONE[status]}>{t(`my.status.${status}` as MessageKey)}</Badge>
      {filing.escalationLevel > 0 && (
        <>
          {' '}
          <Badge tone="bad">
            {filing.escalationLevel <= 2
              ? t(`my.escalated.${filing.escalationLevel}` as MessageKey)
              : t('my.escalated', { n: filing.escalationLevel })}
          </Badge>
        </>
      )}
      {filing.dueAt && <div className="muted">{t('my.dueOn', { date: formatDate(filing.dueAt) })}</div>}
      {filing.filedAt && <div className="muted">{t('my.filedOn', { when: formatDateTime(filing.filedAt) })}</div>}
    </>
  );
}

/** The filed plan's field trip: its day (dd/mm/yyyy) and place (Đ8.1), when the plan recorded them. */
function PlanTrip({ plan }: { plan: PlanFiling }) {
  const { t } = useI18n();
  if (!plan.plannedFor || !plan.place) return null;
  return <div className="muted">{t('my.plan.trip', { date: formatDate(plan.plannedFor), place: plan.place })}</div>;
}

/** Files the month's plan or report; the answer says whether it was on time. */
function useFiling(assignmentId: string, kind: 'plan' | 'report', onFiled: () => void) {
  const form = useFormSubmit((found) => withoutPrefix(found, `${kind}.`));
  const [result, setResult] = useState<(FilingResult & { period: string }) | null>(null);
  const file = async <Body,>(period: string, checked: Validation<Body>) => {
    const accepted = await form.submit(checked, async (body) => {
      setResult(null);
      const filed = await post<FilingResult>(
        `/assignments/${encodeURIComponent(assignmentId)}/months/${period}/${kind}`,
        body,
      );
      setResult({ ...filed, period });
    });
    if (accepted) onFiled();
    return accepted;
  };
  return { ...form, result, file };
}

function FilingOutcome({
  result,
  error,
  fields,
}: {
  result: (FilingResult & { period: string }) | null;
  error: unknown;
  fields: FieldErrors;
}) {
  const { t } = useI18n();
  if (error) return <ErrorMessage error={error} fields={fields} />;
  if (!result) return null;
  return result.late ? (
    <Notice kind="warning">
      <Badge tone="warn">{t('my.status.filedLate')}</Badge> {formatPeriod(result.period)}: {t('my.filedLate')}
    </Notice>
  ) : (
    <Notice>
      <Badge tone="ok">{t('my.status.filed')}</Badge> {formatPeriod(result.period)}: {t('my.filed')}
    </Notice>
  );
}

function MonthSelect({ months, value, onChange }: { months: string[]; value: string; onChange(value: string): void }) {
  const { t } = useI18n();
  return (
    <Select
      label={t('common.period')}
      value={value}
      onChange={onChange}
      options={months.map((m) => ({ value: m, label: formatPeriod(m) }))}
      required
    />
  );
}

function PlanForm({ assignmentId, months, onFiled }: { assignmentId: string; months: string[]; onFiled(): void }) {
  const { t } = useI18n();
  const [period, setPeriod] = useState(months[0]!);
  const [content, setContent] = useState('');
  const [plannedFor, setPlannedFor] = useState('');
  const [place, setPlace] = useState('');
  const filing = useFiling(assignmentId, 'plan', onFiled);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (
      await filing.file(
        period,
        validate(planBodyOfMonth(period), compact({ content, plannedFor: parseDay(plannedFor), place }), t),
      )
    ) {
      setContent('');
      setPlannedFor('');
      setPlace('');
    }
  };

  return (
    <form className="card form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('my.plan')}>
      <h3>{t('my.plan')}</h3>
      <FilingOutcome result={filing.result} error={filing.error} fields={filing.errors} />
      <MonthSelect months={months} value={period} onChange={setPeriod} />
      <TextArea
        label={t('my.plan.content')}
        value={content}
        onChange={setContent}
        error={filing.errors.content}
        required
        rows={4}
      />
      <div className="row">
        <DateField
          label={t('my.plan.plannedFor')}
          value={plannedFor}
          onChange={setPlannedFor}
          error={filing.errors.plannedFor}
          required
        />
        <TextField label={t('my.plan.place')} value={place} onChange={setPlace} error={filing.errors.place} required />
      </div>
      <button type="submit" disabled={filing.busy}>
        {filing.busy ? t('common.saving') : t('my.filePlan')}
      </button>
    </form>
  );
}

function ReportForm({ assignmentId, months, onFiled }: { assignmentId: string; months: string[]; onFiled(): void }) {
  const { t } = useI18n();
  const [period, setPeriod] = useState(months[0]!);
  const [situation, setSituation] = useState('');
  const [results, setResults] = useState('');
  const [difficulties, setDifficulties] = useState('');
  const [proposals, setProposals] = useState('');
  const filing = useFiling(assignmentId, 'report', onFiled);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (
      await filing.file(period, validate(ReportBodySchema, compact({ situation, results, difficulties, proposals }), t))
    ) {
      setSituation('');
      setResults('');
      setDifficulties('');
      setProposals('');
    }
  };

  return (
    <form className="card form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('my.report')}>
      <h3>{t('my.report')}</h3>
      <FilingOutcome result={filing.result} error={filing.error} fields={filing.errors} />
      <MonthSelect months={months} value={period} onChange={setPeriod} />
      <TextArea
        label={t('my.report.situation')}
        value={situation}
        onChange={setSituation}
        error={filing.errors.situation}
        required
      />
      <TextArea
        label={t('my.report.results')}
        value={results}
        onChange={setResults}
        error={filing.errors.results}
        required
      />
      <TextArea
        label={t('my.report.difficulties')}
        value={difficulties}
        onChange={setDifficulties}
        error={filing.errors.difficulties}
        required={false}
      />
      <TextArea
        label={t('my.report.proposals')}
        value={proposals}
        onChange={setProposals}
        error={filing.errors.proposals}
        required={false}
      />
      <button type="submit" disabled={filing.busy}>
        {filing.busy ? t('common.saving') : t('my.fileReport')}
      </button>
    </form>
  );
}
