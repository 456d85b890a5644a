/**
 * The leaders' approval inbox: each proposal with its evidence (the term, missed deadlines, late filings, ratings,
 * verified complaints, established grounds), and one form to approve (with the written decision) or reject (with the
 * reason), validated by the API's own schemas.
 */
import { type FormEvent, useEffect, useState } from 'react';
import { api, type Page, post } from '../api';
import {
  Async,
  Badge,
  DateField,
  ErrorMessage,
  Notice,
  PageTitle,
  Section,
  TextArea,
  TextField,
  useLoader,
} from '../components';
import { forgetDirectory, nameOf, officialsById } from '../directory';
import { compact, type FieldErrors, type Validation, validate } from '../forms';
import { formatDate, formatDateTime, parseDay, todayText } from '../format';
import { useI18n } from '../i18n';
import { DocumentLinks, issuedDecisionPath } from './DecisionDocuments';
import { RecentDecisions } from './DecisionSignature';
import { MeetingRequests } from './MeetingRequests';
import { Link } from '../router';
import { ApproveBodySchema, RejectBodySchema } from '../schemas';
import { useSession } from '../session';
import { countByLabel, deadlineEvidence } from '../timeline';
import type { ApprovalRequest, AssignmentDetail } from '../../../contracts/assignments';
import type { Complaint } from '../../../contracts/complaints';
import type { OfficialSummary } from '../../../contracts/directory';
import type { Evaluation } from '../../../contracts/evaluations';
import type { Timeline } from '../../../contracts/timeline';
import { useFormSubmit } from '../use-form-submit';

/** The decision just approved: its document is found by its number once the register holds it. */
interface Decided {
  number: string;
  issuedOn: string;
}

interface InboxItem {
  request: ApprovalRequest;
  detail: AssignmentDetail | null;
  timeline: Timeline | null;
  evaluations: Evaluation[] | null;
  /** The verified complaints the proposal rests on (confidential: each read is audited by the API). */
  complaints: Complaint[];
  areaName: string;
}

async function loadInbox(lang: string): Promise<{ items: InboxItem[]; people: Map<string, OfficialSummary> }> {
  const [page, people] = await Promise.all([api<Page<ApprovalRequest>>('/approvals/inbox?limit=50'), officialsById()]);
  const items = await Promise.all(
    page.items.map(async (request): Promise<InboxItem> => {
      const id = encodeURIComponent(request.assignmentId ?? '');
      const [detail, timeline, evaluations] = await Promise.all([
        api<AssignmentDetail>(`/assignments/${id}`).catch(() => null),
        api<Timeline>(`/assignments/${id}/timeline?lang=${lang}`).catch(() => null),
        // Ratings are confidential: the read is audited by the API, and the leader has a part in the decision.
        request.kind === 'APPOINTMENT'
          ? Promise.resolve(null)
          : api<{ items: Evaluation[] }>(`/assignments/${id}/evaluations`).then(
              (r) => r.items,
              () => null,
            ),
      ]);
      const areaId =
        detail?.view.areaId ??
        detail?.record?.areaId ??
        request.areaId ??
        (request.payload?.areaId as string | undefined) ??
        '';
      const complaintIds = (detail?.view.grounds ?? []).flatMap((g) =>
        g.kind === 'VERIFIED_COMPLAINT' ? [g.complaintId] : [],
      );
      const complaints = (
        await Promise.all(
          complaintIds.map((c) => api<Complaint>(`/complaints/${encodeURIComponent(c)}`).catch(() => null)),
        )
      ).filter((c): c is Complaint => c !== null);
      return { request, detail, timeline, evaluations, complaints, areaName: areaId };
    }),
  );
  // Area names from the directory's area list, in one call.
  const areas = await api<Page<{ id: string; name: string }>>('/areas?limit=100').then(
    (p) => new Map(p.items.map((a) => [a.id, a.name])),
    () => new Map<string, string>(),
  );
  for (const item of items) item.areaName = areas.get(item.areaName) ?? item.areaName;
  return { items, people };
}

export function InboxPage() {
  const { t, lang } = useI18n();
  const [done, setDone] = useState<string | null>(null);
  const [issued, setIssued] = useState<Decided | null>(null);
  const inbox = useLoader(() => loadInbox(lang), [lang]);
  return (
    <>
      <PageTitle intro={t('inbox.intro')}>{t('inbox.title')}</PageTitle>
      {done && <Notice>{done}</Notice>}
      {issued && (
        <DocumentLinks
          key={issued.number}
          path={() => issuedDecisionPath(issued.number, issued.issuedOn, t('papers.notYet'))}
          label={t('papers.finalNumbered', { number: issued.number })}
        />
      )}
      <MeetingRequests />
      <RecentDecisions />
      <Async loaded={inbox}>
        {({ items, people }) =>
          items.length === 0 ? (
            <p className="empty">{t('inbox.empty')}</p>
          ) : (
            <ul className="inbox">
              {items.map((item) => (
                <li key={item.request.id}>
                  <ProposalCard
                    item={item}
                    people={people}
                    onDecided={(message, decided) => {
                      setDone(message);
                      setIssued(decided ?? null);
                      forgetDirectory();
                      inbox.reload();
                    }}
                  />
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </>
  );
}

/** The reasons the workflows write for the proposals they open themselves (workflows/assignment.workflow.ts), in words. */
function useReasonText(): (request: ApprovalRequest) => string {
  const { t } = useI18n();
  return ({ proposedById, reason }) => {
    if (proposedById !== 'system') return reason;
    let m: RegExpExecArray | null;
    if ((m = /^Term of (\d+) years reached$/.exec(reason))) return t('reason.term', { n: m[1]! });
    if (/^Complaint .+ verified as well-founded$/.test(reason)) return t('reason.complaint');
    if ((m = /^Rated "not completed" for (\d+)$/.exec(reason))) return t('reason.rating', { year: m[1]! });
    if ((m = /^The area's committee proposed a replacement in its (\d+) evaluation$/.exec(reason)))
      return t('reason.replacement', { year: m[1]! });
    if ((m = /^Position changed: (.*)$/s.exec(reason))) return t('reason.position', { note: m[1]! });
    return reason;
  };
}

function ProposalCard({
  item,
  people,
  onDecided,
}: {
  item: InboxItem;
  people: Map<string, OfficialSummary>;
  onDecided(message: string, decided?: Decided): void;
}) {
  const { t, e } = useI18n();
  const { request, detail, timeline, evaluations, complaints } = item;
  const reasonText = useReasonText();
  const view = detail?.view;
  const officialId =
    view?.officialId ?? detail?.record?.officialId ?? (request.payload?.officialId as string | undefined);
  const successorId =
    (request.payload?.successorOfficialId as string | undefined) ?? view?.pendingProposal?.successorOfficialId;
  const evidence = timeline ? deadlineEvidence(timeline.events) : null;
  const kind = e('proposal', request.kind);
  const title = `${kind[0]!.toUpperCase()}${kind.slice(1)} — ${item.areaName}`;

  return (
    <Section title={title} actions={<Badge tone={request.kind === 'APPOINTMENT' ? 'info' : 'warn'}>{kind}</Badge>}>
      <dl className="facts">
        <dt>{t('common.official')}</dt>
        <dd>{nameOf(people, officialId, t('common.system'))}</dd>
        <dt>{t('common.proposedBy')}</dt>
        <dd>{nameOf(people, request.proposedById, t('common.system'))}</dd>
        <dt>{t('common.proposedAt')}</dt>
        <dd>{formatDate(request.createdAt)}</dd>
        <dt>{t('common.reason')}</dt>
        <dd>{reasonText(request)}</dd>
        {successorId && (
          <>
            <dt>{t('inbox.successor')}</dt>
            <dd>{nameOf(people, successorId, t('common.system'))}</dd>
          </>
        )}
        {view && request.kind !== 'APPOINTMENT' && (
          <>
            <dt>{t('inbox.term')}</dt>
            <dd>
              {formatDate(view.deadlines.effectiveFrom)} · {t('common.yearsServed')}: {view.yearsServed} ·{' '}
              {t('dash.rotationEligibleAt')}: {formatDate(view.deadlines.rotationEligibleAt)} ·{' '}
              {t('dash.rotationDueAt')}: {formatDate(view.deadlines.rotationDueAt)}
            </dd>
          </>
        )}
        {view && (
          <>
            <dt>{t('common.state')}</dt>
            <dd>
              {e('state', view.state)} —{' '}
              <Link to={`/assignments/${encodeURIComponent(view.assignmentId)}`}>{t('common.open')}</Link>
            </dd>
          </>
        )}
      </dl>

      {request.kind !== 'APPOINTMENT' && (
        <div className="evidence" aria-label={t('inbox.evidence')}>
          <h3>{t('inbox.evidence')}</h3>
          <ul>
            {(view?.grounds ?? [])
              .filter((g) => g.kind !== 'VERIFIED_COMPLAINT' || !complaints.some((c) => c.id === g.complaintId))
              .map((g, i) => (
                <li key={`g${i}`}>
                  <Badge tone="bad">{t('inbox.grounds')}</Badge> {e('ground', g.kind)}
                  {'year' in g ? ` (${g.year})` : ''}
                  {'note' in g && g.note ? `: ${g.note}` : ''}
                </li>
              ))}
            {complaints.map((c) => (
              <li key={c.id}>
                <Badge tone="bad">{t('inbox.complaints')}</Badge> {c.summary} ({c.source}, {formatDate(c.filedAt)})
                {c.verification && (
                  <>
                    {' '}
                    — {t('inbox.verifiedOn', { date: formatDate(c.verification.verifiedAt) })}
                    {c.verification.findings ? `: ${c.verification.findings}` : ''}
                  </>
                )}
              </li>
            ))}
            {evidence && evidence.missed.length > 0 && (
              <li>
                <Badge tone="bad">
                  {t('inbox.missedDeadlines')}: {evidence.missed.length}
                </Badge>{' '}
                {countByLabel(evidence.missed)
                  .map((g) => `${g.label} ×${g.count} (${t('inbox.latest')} ${formatDate(g.latest)})`)
                  .join('; ')}
              </li>
            )}
            {evidence && evidence.late.length > 0 && (
              <li>
                <Badge tone="warn">
                  {t('inbox.lateFilings')}: {evidence.late.length}
                </Badge>{' '}
                {countByLabel(evidence.late)
                  .map((g) => `${g.label} ×${g.count} (${t('inbox.latest')} ${formatDate(g.latest)})`)
                  .join('; ')}
              </li>
            )}
            {evaluations && evaluations.some((ev) => ev.rating) && (
              <li>
                <Badge tone={evaluations.some((ev) => ev.rating?.rating === 'NOT_COMPLETED') ? 'bad' : 'ok'}>
                  {t('inbox.ratings')}
                </Badge>{' '}
                {evaluations
                  .filter((ev) => ev.rating)
                  .map((ev) => `${ev.year}: ${e('rating', ev.rating!.rating)}`)
                  .join('; ')}
              </li>
            )}
            {evidence &&
              evidence.missed.length + evidence.late.length === 0 &&
              (view?.grounds ?? []).length === 0 &&
              !evaluations?.some((ev) => ev.rating?.rating === 'NOT_COMPLETED') && (
                <li className="muted">{t('inbox.noEvidence')}</li>
              )}
          </ul>
        </div>
      )}

      {request.assignmentId && (
        <DocumentLinks
          path={`/assignments/${encodeURIComponent(request.assignmentId)}/decision-draft`}
          label={t('papers.draft')}
        />
      )}
      <DecisionForm item={item} onDecided={onDecided} title={title} />
    </Section>
  );
}

/** The decision's schema paths to the form's fields. */
function toFields(found: FieldErrors): FieldErrors {
  const fields: Record<string, string | undefined> = {
    number: found['decision.number'] ?? found.decision,
    issuedOn: found['decision.issuedOn'],
    comment: found.comment,
    successorFrom: found.successorEffectiveFrom,
    signer: found['decision.signerId'],
  };
  return Object.fromEntries(
    Object.entries(fields).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

function DecisionForm({
  item,
  onDecided,
  title,
}: {
  item: InboxItem;
  onDecided(message: string, decided?: Decided): void;
  title: string;
}) {
  const { t, e } = useI18n();
  const { user } = useSession();
  const [number, setNumber] = useState('');
  const [issuedOn, setIssuedOn] = useState(todayText());
  // The register's next free number, offered until the leader writes another (GET /decisions/next-number).
  useEffect(() => {
    let current = true;
    api<{ number: string }>('/decisions/next-number')
      .then((next) => current && setNumber((typed) => typed || next.number))
      .catch(() => {});
    return () => {
      current = false;
    };
  }, []);
  const [comment, setComment] = useState('');
  const [successorFrom, setSuccessorFrom] = useState('');
  const { errors, error, busy, submit } = useFormSubmit(toFields);
  const { request } = item;
  // A closure names no successor: only the moves ask when the successor takes over.
  const moves = request.kind !== 'APPOINTMENT' && request.kind !== 'CLOSURE';
  const own = user?.actorId === request.proposedById;
  const id = encodeURIComponent(request.assignmentId ?? '');

  const send = async <Body,>(
    path: 'approve' | 'reject',
    checked: Validation<Body>,
    message: string,
    decided?: Decided,
  ) => {
    if (await submit(checked, (body) => post(`/assignments/${id}/${path}`, body))) onDecided(message, decided);
  };

  const approve = async (event?: FormEvent) => {
    event?.preventDefault();
    const body = compact({
      decision: { number, issuedOn: parseDay(issuedOn), signerId: user?.actorId ?? '' },
      comment,
      successorEffectiveFrom: moves ? parseDay(successorFrom) : '',
    });
    await send(
      'approve',
      validate(ApproveBodySchema, body, t),
      t('inbox.approved', { kind: e('proposal', request.kind), area: item.areaName }),
      { number, issuedOn: parseDay(issuedOn) },
    );
  };

  const reject = async () => {
    await send(
      'reject',
      validate(RejectBodySchema, { comment }, t),
      t('inbox.rejected', { kind: e('proposal', request.kind), area: item.areaName }),
    );
  };

  return (
    <form
      className="form decision"
      onSubmit={(event) => void approve(event)}
      noValidate
      aria-label={`${t('inbox.decide')}: ${title}`}
    >
      <h3>{t('inbox.decide')}</h3>
      {own && <Notice kind="warning">{t('inbox.ownProposal')}</Notice>}
      {error ? <ErrorMessage error={error} fields={errors} /> : null}
      <div className="row">
        <TextField
          label={t('inbox.decisionNumber')}
          value={number}
          onChange={setNumber}
          error={errors.number}
          required
          placeholder="12-QĐ/BTCTU"
        />
        <DateField
          label={t('inbox.issuedOn')}
          value={issuedOn}
          onChange={setIssuedOn}
          error={errors.issuedOn}
          required
        />
        {moves && (
          <DateField
            label={t('inbox.successorFrom')}
            value={successorFrom}
            onChange={setSuccessorFrom}
            error={errors.successorFrom}
            required={false}
          />
        )}
      </div>
      <TextArea
        label={t('inbox.comment')}
        value={comment}
        onChange={setComment}
        error={errors.comment}
        hint={t('inbox.commentHint')}
      />
      {errors.signer && <p className="field-error">{errors.signer}</p>}
      <div className="actions">
        <button type="submit" disabled={busy}>
          {t('inbox.approve')}
        </button>
        <button type="button" className="danger" disabled={busy} onClick={() => void reject()}>
          {t('inbox.reject')}
        </button>
      </div>
      {item.timeline && item.timeline.events.length > 0 && (
        <details className="recent">
          <summary>{t('detail.timeline')}</summary>
          <ol>
            {item.timeline.events.slice(-8).map((ev) => (
              <li key={ev.seq}>
                {formatDateTime(ev.at)} — {ev.label}
              </li>
            ))}
          </ol>
        </details>
      )}
    </form>
  );
}
