/**
 * "Phiếu nhận xét": a commune's Party committee fills in its year-end comment form on the agency leader who monitors
 * it (or says why it cannot comment); the agency's head, the Standing Committee's members, the auditor and Board
 * leadership follow the forms as far as each may see them (GET /commune-comments, machines/commune-comment.ts). Each
 * sending carries an Idempotency-Key kept until an answer comes.
 */
import { type FormEvent, useState } from 'react';
import type { CommuneComment, CommuneCommentList } from '../../../contracts/commune-comments';
import { dayOf } from '../../../machines/calendar';
import { COMMENT_LEVELS } from '../../../machines/commune-comment';
import { post } from '../api';
import {
  Async,
  Badge,
  Checkbox,
  ErrorMessage,
  PageTitle,
  Section,
  Select,
  Table,
  TextArea,
  useApi,
} from '../components';
import { formatDate } from '../format';
import { useI18n } from '../i18n';

export function CommuneCommentsPage() {
  const { t } = useI18n();
  const thisYear = Number(dayOf(Date.now()).slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const [openId, setOpenId] = useState<string | null>(null);
  const list = useApi<CommuneCommentList>(`/commune-comments?year=${year}`);
  return (
    <>
      <PageTitle intro={t('comment.intro')}>{t('comment.title')}</PageTitle>
      <Select
        label={t('comment.year')}
        value={String(year)}
        onChange={(value) => setYear(Number(value))}
        options={[thisYear - 1, thisYear].map((y) => ({ value: String(y), label: String(y) }))}
      />
      <Async loaded={list}>
        {({ items }) => (
          <>
            <Table
              rows={items}
              rowKey={(c) => c.id}
              empty={t('comment.none')}
              caption={t('comment.title')}
              columns={[
                { header: t('comment.col.commune'), cell: (c) => c.area.name },
                { header: t('comment.col.leader'), cell: (c) => `${c.leader.displayName}, ${c.leader.agency.name}` },
                { header: t('comment.col.state'), cell: (c) => <StateBadge comment={c} /> },
                { header: t('comment.col.level'), cell: (c) => (c.level ? <LevelLabel level={c.level} /> : '—') },
                { header: t('comment.col.due'), cell: (c) => formatDate(dayOf(Date.parse(c.dueAt))) },
                { header: t('comment.col.another'), cell: (c) => (c.anotherMonitor ? '✓' : '') },
                {
                  header: '',
                  cell: (c) => (
                    <button type="button" className="btn btn-secondary" onClick={() => setOpenId(c.id)}>
                      {t('comment.open')}
                    </button>
                  ),
                },
              ]}
            />
            {openId && items.some((c) => c.id === openId) && (
              <CommentDetail key={openId} comment={items.find((c) => c.id === openId)!} onChanged={list.reload} />
            )}
          </>
        )}
      </Async>
    </>
  );
}

function LevelLabel({ level }: { level: string }) {
  const { e } = useI18n();
  return <>{e('rating', level)}</>;
}

function StateBadge({ comment }: { comment: CommuneComment }) {
  const { t } = useI18n();
  const tone = comment.state === 'SUBMITTED' ? 'ok' : comment.state === 'REQUESTED' ? 'neutral' : 'bad';
  return (
    <Badge tone={tone}>
      {t(`comment.state.${comment.state}`)}
      {comment.late ? ` (${t('comment.late')})` : ''}
    </Badge>
  );
}

function CommentDetail({ comment, onChanged }: { comment: CommuneComment; onChanged(): void }) {
  const { t } = useI18n();
  return (
    <Section title={`${comment.area.name} — ${comment.leader.displayName} (${comment.year})`}>
      {comment.visibility === 'GROUND' && <p className="intro">{t('comment.ground')}</p>}
      {comment.exemption && <p>{t('comment.exemptedBecause', { reason: comment.exemption.reason })}</p>}
      {comment.anotherMonitor && <p>{t('comment.anotherBecause', { reason: comment.anotherMonitor.reason })}</p>}
      {comment.answers && (
        <dl>
          {comment.questions.map((q) => (
            <div key={q.key}>
              <dt>{q.label}</dt>
              <dd>{comment.answers!.find((a) => a.key === q.key)?.text ?? '—'}</dd>
            </div>
          ))}
          <dt>{t('comment.overall')}</dt>
          <dd>{comment.overall}</dd>
        </dl>
      )}
      {comment.allowedEvents.includes('SUBMIT_COMMENT') && <CommentForm comment={comment} onSent={onChanged} />}
      {comment.allowedEvents.includes('EXEMPT_COMMENT') && <ExemptionForm comment={comment} onSent={onChanged} />}
    </Section>
  );
}

const newKey = () => crypto.randomUUID();

function CommentForm({ comment, onSent }: { comment: CommuneComment; onSent(): void }) {
  const { t, e } = useI18n();
  const [level, setLevel] = useState<string>('COMPLETED');
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [overall, setOverall] = useState('');
  const [askAnother, setAskAnother] = useState(false);
  const [reason, setReason] = useState('');
  const [key] = useState(newKey);
  const [error, setError] = useState<unknown>(null);
  const [sending, setSending] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    setError(null);
    try {
      await post(
        `/commune-comments/${encodeURIComponent(comment.id)}/submission`,
        {
          level,
          criteria: comment.questions.map((q) => ({ key: q.key, text: texts[q.key] ?? '' })),
          overall,
          ...(askAnother && { anotherMonitor: { reason } }),
        },
        { 'idempotency-key': key },
      );
      onSent();
    } catch (failure) {
      setError(failure);
    } finally {
      setSending(false);
    }
  };
  return (
    <form onSubmit={submit}>
      <Select
        label={t('comment.level')}
        required
        value={level}
        onChange={setLevel}
        options={COMMENT_LEVELS.map((l) => ({ value: l, label: e('rating', l) }))}
      />
      {comment.questions.map((q) => (
        <TextArea
          key={q.key}
          label={q.label}
          required
          value={texts[q.key] ?? ''}
          onChange={(text) => setTexts((all) => ({ ...all, [q.key]: text }))}
        />
      ))}
      <TextArea label={t('comment.overall')} required value={overall} onChange={setOverall} rows={4} />
      <Checkbox label={t('comment.askAnother')} checked={askAnother} onChange={setAskAnother} />
      {askAnother && <TextArea label={t('comment.anotherReason')} required value={reason} onChange={setReason} />}
      {error ? <ErrorMessage error={error} /> : null}
      <button type="submit" className="btn btn-primary" disabled={sending}>
        {t('comment.submit')}
      </button>
    </form>
  );
}

function ExemptionForm({ comment, onSent }: { comment: CommuneComment; onSent(): void }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [key] = useState(newKey);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await post(
        `/commune-comments/${encodeURIComponent(comment.id)}/exemption`,
        { reason },
        { 'idempotency-key': key },
      );
      onSent();
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <form onSubmit={submit}>
      <h3>{t('comment.exemption')}</h3>
      <TextArea label={t('comment.exemptionReason')} required value={reason} onChange={setReason} />
      {error ? <ErrorMessage error={error} /> : null}
      <button type="submit" className="btn btn-secondary">
        {t('comment.exempt')}
      </button>
    </form>
  );
}
