/**
 * The area committee's annual evaluation form (Đ9.5; seed 001's "phiếu nhận xét"): responsibility, method,
 * coordination, contributions, shortcomings, for an official in a group its words on the group's leader (Đ9.5: the
 * group "and especially its leader"), and whether it asks for a replacement.
 */
import { type FormEvent, useState } from 'react';
import { api, post } from '../api';
import {
  Async,
  Badge,
  Checkbox,
  ErrorMessage,
  Notice,
  PageTitle,
  Section,
  Select,
  TextArea,
  useLoader,
} from '../components';
import { validate, withoutPrefix } from '../forms';
import { formatDate } from '../format';
import { useI18n } from '../i18n';
import { AreaEvaluationBodySchema } from '../schemas';
import type { Me } from '../../../contracts/directory';
import type { Evaluation } from '../../../contracts/evaluations';
import { useFormSubmit } from '../use-form-submit';

async function loadCommittee() {
  const me = await api<Me>('/me');
  const assignment = me.area?.currentAssignment ?? null;
  const evaluations = assignment
    ? (await api<{ items: Evaluation[] }>(`/assignments/${encodeURIComponent(assignment.id)}/evaluations`)).items
    : [];
  return { me, assignment, evaluations };
}

export function CommitteePage() {
  const { t, e } = useI18n();
  const loaded = useLoader(loadCommittee, []);
  const [sent, setSent] = useState<number | null>(null);
  return (
    <>
      <PageTitle intro={t('eval.intro')}>{t('eval.title')}</PageTitle>
      {sent !== null && <Notice>{t('eval.sent', { year: sent })}</Notice>}
      <Async loaded={loaded}>
        {({ me, assignment, evaluations }) => {
          if (!assignment) return <p className="empty">{t('eval.none')}</p>;
          const open = evaluations.filter((ev) => !ev.receivedAt).sort((a, b) => b.year - a.year);
          return (
            <>
              <Section title={me.area?.name ?? ''}>
                <dl className="facts">
                  <dt>{t('common.official')}</dt>
                  <dd>{assignment.official.fullName}</dd>
                  {assignment.group && (
                    <>
                      <dt>{t('common.group')}</dt>
                      <dd>{assignment.group.name}</dd>
                    </>
                  )}
                  <dt>{t('detail.effectiveFrom')}</dt>
                  <dd>{formatDate(assignment.effectiveFrom)}</dd>
                  <dt>{t('common.state')}</dt>
                  <dd>{e('state', assignment.state)}</dd>
                </dl>
                {evaluations.length > 0 && (
                  <ul>
                    {evaluations.map((ev) => (
                      <li key={ev.id}>
                        {t('eval.state', { year: ev.year })}:{' '}
                        {ev.receivedAt ? (
                          <Badge tone="ok">{formatDate(ev.receivedAt)}</Badge>
                        ) : (
                          <Badge tone="warn">{`${t('common.due')} ${formatDate(ev.dueAt)}`}</Badge>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </Section>
              {open.length === 0 ? (
                <p className="empty">{t('eval.noneOpen')}</p>
              ) : (
                <EvaluationForm
                  assignmentId={assignment.id}
                  inGroup={assignment.group !== null}
                  years={open.map((ev) => ev.year)}
                  onSent={(year) => {
                    setSent(year);
                    loaded.reload();
                  }}
                />
              )}
            </>
          );
        }}
      </Async>
    </>
  );
}

const FIELDS = ['responsibility', 'method', 'coordination', 'contributions', 'shortcomings'] as const;

function EvaluationForm({
  assignmentId,
  inGroup,
  years,
  onSent,
}: {
  assignmentId: string;
  /** Monitored by a group: the area also assesses the group's leader (Đ9.5). */
  inGroup: boolean;
  years: number[];
  onSent(year: number): void;
}) {
  const { t } = useI18n();
  const [year, setYear] = useState(String(years[0]));
  const [values, setValues] = useState<Record<(typeof FIELDS)[number], string>>({
    responsibility: '',
    method: '',
    coordination: '',
    contributions: '',
    shortcomings: '',
  });
  const [groupLeaderAssessment, setGroupLeaderAssessment] = useState('');
  const [proposesReplacement, setProposesReplacement] = useState(false);
  const { errors, error, busy, submit: send } = useFormSubmit((found) => withoutPrefix(found, 'evaluation.'));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const leader = inGroup && groupLeaderAssessment.trim() ? { groupLeaderAssessment } : {};
    const checked = validate(
      AreaEvaluationBodySchema,
      { evaluation: { ...values, ...leader, proposesReplacement } },
      t,
    );
    if (
      await send(checked, (body) =>
        post(`/assignments/${encodeURIComponent(assignmentId)}/evaluations/${year}/area-evaluation`, body),
      )
    )
      onSent(Number(year));
  };

  return (
    <form className="card form" onSubmit={(event) => void submit(event)} noValidate aria-label={t('eval.title')}>
      <h2>{t('eval.title')}</h2>
      {error ? <ErrorMessage error={error} fields={errors} /> : null}
      <Select
        label={t('common.year')}
        value={year}
        onChange={setYear}
        options={years.map((y) => ({ value: String(y), label: String(y) }))}
        required
      />
      {FIELDS.map((field) => (
        <TextArea
          key={field}
          label={t(`eval.${field}`)}
          value={values[field]}
          onChange={(value) => setValues((v) => ({ ...v, [field]: value }))}
          error={errors[field]}
          required
        />
      ))}
      {inGroup && (
        <TextArea
          label={t('eval.groupLeaderAssessment')}
          hint={t('eval.groupLeaderAssessment.hint')}
          value={groupLeaderAssessment}
          onChange={setGroupLeaderAssessment}
          error={errors.groupLeaderAssessment}
          required={false}
        />
      )}
      <Checkbox
        label={t('eval.proposesReplacement')}
        checked={proposesReplacement}
        onChange={setProposesReplacement}
        error={errors.proposesReplacement}
      />
      <button type="submit" disabled={busy}>
        {busy ? t('common.saving') : t('eval.submit')}
      </button>
    </form>
  );
}
