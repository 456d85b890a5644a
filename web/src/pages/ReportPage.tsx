/**
 * One report: its content as the caller may read it, who has seen it and leadership's
 * answers; Board leadership acknowledges it ("Đã xem") or answers it with a comment or a task. Reading it is audited.
 */
import { type FormEvent, useState } from 'react';
import { post } from '../api';
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
  useApi,
} from '../components';
import { compact, validate } from '../forms';
import { formatDate, formatDateTime, formatPeriod, parseDay } from '../format';
import { useI18n } from '../i18n';
import { type ReportItem, replyKey, replyTone, statusKey, statusTone, urgencyKey } from '../reports';
import { LEADERSHIP, useSession } from '../session';
import { useFormSubmit } from '../use-form-submit';
import { ANSWER_KINDS, ReportAnswerBodySchema } from '../../../machines/reports';

export function ReportPage({ id }: { id: string }) {
  const { t } = useI18n();
  const { user } = useSession();
  const report = useApi<ReportItem>(`/reports/${encodeURIComponent(id)}`);
  const leads = LEADERSHIP.some((role) => user?.roles.includes(role));
  return (
    <Async loaded={report}>
      {(r) => (
        <>
          <PageTitle intro={`${r.area.name ?? r.area.id} · ${r.official.name ?? r.official.id}`}>
            {r.kind === 'AD_HOC' ? t('rep.adHocTitle') : t('rep.monthlyTitle', { month: formatPeriod(r.period) })}
          </PageTitle>
          <ReportContent report={r} />
          <Replies report={r} />
          {leads && r.visibility === 'full' && <Answer report={r} onDone={report.reload} />}
        </>
      )}
    </Async>
  );
}

export function ReportContent({ report: r }: { report: ReportItem }) {
  const { t } = useI18n();
  return (
    <Section title={t('rep.content')}>
      <p>
        {r.kind === 'AD_HOC' && r.urgency && (
          <Badge tone={r.urgency === 'NORMAL' ? 'neutral' : 'bad'}>{t(urgencyKey(r.urgency))}</Badge>
        )}{' '}
        {r.sensitive && <Badge tone="bad">{t('rep.sensitive')}</Badge>}{' '}
        {r.status && <Badge tone={statusTone(r.status)}>{t(statusKey(r.status))}</Badge>}{' '}
        {r.reply && <Badge tone={replyTone(r.reply)}>{t(replyKey(r.reply))}</Badge>}{' '}
        {r.filedAt && t('rep.filedAt', { when: formatDateTime(r.filedAt) })}
      </p>
      {r.visibility === 'metadata' ? (
        <Notice kind="info">{t('rep.metadataOnly')}</Notice>
      ) : (
        <dl className="report-content">
          <dt>{t('my.report.situation')}</dt>
          <dd>{r.situation ?? '—'}</dd>
          <dt>{t('my.report.results')}</dt>
          <dd>{r.results ?? '—'}</dd>
          <dt>{t('my.report.difficulties')}</dt>
          <dd>{r.difficulties || '—'}</dd>
          <dt>{t('my.report.proposals')}</dt>
          <dd>{r.proposals || '—'}</dd>
        </dl>
      )}
    </Section>
  );
}

export function Replies({ report: r }: { report: ReportItem }) {
  const { t } = useI18n();
  return (
    <Section title={t('rep.replies')}>
      {r.acknowledgements.length === 0 && r.answers.length === 0 ? (
        <p className="empty">{t('rep.noReplies')}</p>
      ) : (
        <ul className="replies">
          {r.acknowledgements.map((a) => (
            <li key={`ack-${a.by.id}`}>
              {t('rep.seenBy', { name: a.by.name ?? a.by.id, when: formatDateTime(a.at) })}
            </li>
          ))}
          {r.answers.map((a) => (
            <li key={a.id}>
              <strong>
                {t(a.kind === 'TASK' ? 'rep.answer.TASK' : 'rep.answer.COMMENT')} ·{' '}
                {a.answeredBy.name ?? a.answeredBy.id} · {formatDateTime(a.answeredAt)}
              </strong>
              {a.dueOn && <> · {t('rep.taskDue', { date: formatDate(a.dueOn) })}</>}
              <p>{a.text}</p>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function Answer({ report, onDone }: { report: ReportItem; onDone(): void }) {
  const { t } = useI18n();
  const [kind, setKind] = useState<string>('COMMENT');
  const [text, setText] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [done, setDone] = useState<string | null>(null);
  const ack = useFormSubmit();
  const answer = useFormSubmit();
  const path = `/reports/${encodeURIComponent(report.reportId!)}`;

  const acknowledge = async () => {
    setDone(null);
    if (await ack.submit({ ok: true, data: {} }, () => post(`${path}/acknowledgement`))) {
      setDone(t('rep.acknowledged'));
      onDone();
    }
  };
  const send = async (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const values = compact({ kind, text, dueOn: kind === 'TASK' && dueOn ? parseDay(dueOn) : undefined });
    if (await answer.submit(validate(ReportAnswerBodySchema, values, t), (body) => post(`${path}/answers`, body))) {
      setDone(t('rep.answered'));
      setText('');
      setDueOn('');
      onDone();
    }
  };
  return (
    <Section title={t('rep.answerTitle')}>
      {done && <Notice>{done}</Notice>}
      {ack.error ? <ErrorMessage error={ack.error} fields={{}} /> : null}
      <p>
        <button type="button" onClick={() => void acknowledge()} disabled={ack.busy}>
          {t('rep.acknowledge')}
        </button>
      </p>
      <form className="form" onSubmit={(event) => void send(event)} noValidate aria-label={t('rep.answerTitle')}>
        {answer.error ? <ErrorMessage error={answer.error} fields={answer.errors} /> : null}
        <Select
          label={t('rep.answerKind')}
          value={kind}
          onChange={setKind}
          required
          error={answer.errors.kind}
          options={ANSWER_KINDS.map((k) => ({ value: k, label: t(`rep.answer.${k}`) }))}
        />
        <TextArea
          label={t('rep.answerText')}
          value={text}
          onChange={setText}
          required
          rows={4}
          error={answer.errors.text}
        />
        {kind === 'TASK' && (
          <DateField
            label={t('rep.taskDueField')}
            value={dueOn}
            onChange={setDueOn}
            required={false}
            error={answer.errors.dueOn}
          />
        )}
        <button type="submit" disabled={answer.busy}>
          {answer.busy ? t('common.saving') : t('rep.sendAnswer')}
        </button>
      </form>
    </Section>
  );
}
