/**
 * The Board staff's side of "Phân công theo dõi xã": a proposal that an agency's leader monitor a commune or ward
 * (POST /commune-proposals), and a proposal that a commune go to another leader (POST /commune-links/{id}/reassignment)
 * on its ground: the commune committee's comment form asking for another monitor, or another ground with its reason.
 * The choices come from the records (the programmes the Standing Committee decides, the programme's communes and their
 * leaders in force, the agencies' leaders from GET /agency-leaders, the comment forms asking for another monitor); the
 * API's refusals show above the form and beside the field they name. One Idempotency-Key per filling.
 *
 * Every proposer has the forms: Board leadership and the department heads. The comment forms are evaluations, read
 * only by those with a part in them (machines/commune-comment.ts, commentVisibility): Board leadership reads their
 * requests for another monitor as the Standing Committee's secretariat, a department head does not; for them the
 * reassignment form proposes on another ground and says that a commune's request is Board leadership's to propose.
 */
import { type FormEvent, useState } from 'react';
import type { AgencyLeaderList } from '../../../contracts/agency-leaders';
import type { CommuneCommentList } from '../../../contracts/commune-comments';
import type { CommuneProposal } from '../../../contracts/commune-decisions';
import type { DashboardArea } from '../../../contracts/dashboard';
import type { ProgrammeSummary } from '../../../contracts/programmes';
import { dayOf } from '../../../machines/calendar';
import { COMMENT_READERS } from '../../../machines/commune-comment';
import { COMMUNE_LINK_PROPOSERS } from '../../../machines/commune-decisions';
import { allPages, api, ApiError, post, qs } from '../api';
import {
  Async,
  DateField,
  ErrorMessage,
  Notice,
  RadioGroup,
  Section,
  Select,
  TextArea,
  useLoader,
} from '../components';
import type { FieldErrors } from '../forms';
import { parseDay } from '../format';
import { useI18n } from '../i18n';
import { useSession } from '../session';

const newKey = () => crypto.randomUUID();

type Kind = 'APPOINTMENT' | 'REASSIGNMENT';

interface Request {
  id: string;
  linkId: string;
  label: string;
}

interface Choices {
  programmeId: string;
  areas: DashboardArea[];
  leaders: { memberId: string; label: string }[];
  /**
   * The comment forms asking for another monitor, this year's and last year's, by link; null when the caller may not
   * read them (a department head: the forms are evaluations, Board leadership reads their requests).
   */
  requests: Request[] | null;
}

/** The requests for another monitor of this year and last, or null when the caller may not read the comment forms. */
async function loadRequests(readsComments: boolean): Promise<Request[] | null> {
  if (!readsComments) return null;
  const year = Number(dayOf(Date.now()).slice(0, 4));
  try {
    const lists = await Promise.all(
      [year, year - 1].map((y) =>
        api<CommuneCommentList>(`/commune-comments${qs({ year: y, requestsAnotherMonitor: 'true' })}`),
      ),
    );
    return lists.flatMap((list) =>
      list.items.map((c) => ({
        id: c.id,
        linkId: c.linkId,
        label: `${c.area.name} — ${c.leader.displayName} (${c.year}): ${c.anotherMonitor?.reason ?? ''}`,
      })),
    );
  } catch (error) {
    // Closed to the caller after all: the form works on the other ground.
    if (error instanceof ApiError && error.status === 403) return null;
    throw error;
  }
}

/** What the forms choose from: the programme's communes in force today, the agencies' leaders, the requests. */
async function loadChoices(programmeId: string, readsComments: boolean): Promise<Choices> {
  const [areas, leaders, requests] = await Promise.all([
    allPages<DashboardArea>('/dashboard/areas', { programmeId }),
    api<AgencyLeaderList>('/agency-leaders'),
    loadRequests(readsComments),
  ]);
  return {
    programmeId,
    areas,
    leaders: leaders.items.map((l) => ({
      memberId: l.memberId,
      label: `${l.displayName} (${l.title}, ${l.agency.name})`,
    })),
    requests,
  };
}

/** The field a 422 names (`field`), with its rule in words, beside the form's other field errors. */
export function useRefusalFields(): (error: unknown, errors: FieldErrors) => FieldErrors {
  const { e } = useI18n();
  return (error, errors) =>
    error instanceof ApiError && typeof error.details.field === 'string' && error.rule
      ? { ...errors, [error.details.field]: errors[error.details.field] ?? e('rule', error.rule) }
      : errors;
}

/** The 400's issues by path, beside their fields. */
export function issueFields(error: unknown): FieldErrors {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(error.issues.map((i) => [i.path, i.message]));
}

export function CommuneProposalForms({ onProposed }: { onProposed(proposal: CommuneProposal): void }) {
  const { t } = useI18n();
  const { has } = useSession();
  const [open, setOpen] = useState<Kind | null>(null);
  if (!has(...COMMUNE_LINK_PROPOSERS)) return null;
  return (
    <Section title={t('communeProposal.title')}>
      <p className="actions">
        <button type="button" aria-pressed={open === 'APPOINTMENT'} onClick={() => setOpen('APPOINTMENT')}>
          {t('communeProposal.openAppointment')}
        </button>{' '}
        <button type="button" aria-pressed={open === 'REASSIGNMENT'} onClick={() => setOpen('REASSIGNMENT')}>
          {t('communeProposal.openReassignment')}
        </button>
      </p>
      {open && (
        <ProposalChoices
          kind={open}
          onProposed={(proposal) => {
            setOpen(null);
            onProposed(proposal);
          }}
        />
      )}
    </Section>
  );
}

function ProposalChoices({ kind, onProposed }: { kind: Kind; onProposed(proposal: CommuneProposal): void }) {
  const { t } = useI18n();
  const programmes = useLoader(
    () => api<ProgrammeSummary[]>('/programmes').then((all) => all.filter((p) => p.decidedBy === 'STANDING_COMMITTEE')),
    [],
  );
  const [chosen, setChosen] = useState('');
  return (
    <Async loaded={programmes}>
      {(list) => {
        const programmeId = chosen || list[0]?.id || '';
        if (!programmeId) return <Notice kind="info">{t('communeProposal.noProgramme')}</Notice>;
        return (
          <>
            {list.length > 1 && (
              <Select
                label={t('communeProposal.programme')}
                value={programmeId}
                onChange={setChosen}
                options={list.map((p) => ({ value: p.id, label: p.name }))}
              />
            )}
            <ChoicesOf key={`${kind}-${programmeId}`} kind={kind} programmeId={programmeId} onProposed={onProposed} />
          </>
        );
      }}
    </Async>
  );
}

function ChoicesOf({
  kind,
  programmeId,
  onProposed,
}: {
  kind: Kind;
  programmeId: string;
  onProposed(proposal: CommuneProposal): void;
}) {
  const { has } = useSession();
  const readsComments = has(...COMMENT_READERS);
  const choices = useLoader(() => loadChoices(programmeId, readsComments), [programmeId, readsComments]);
  return (
    <Async loaded={choices}>
      {(c) =>
        kind === 'APPOINTMENT' ? (
          <AppointmentForm choices={c} onProposed={onProposed} />
        ) : (
          <ReassignmentForm choices={c} onProposed={onProposed} />
        )
      }
    </Async>
  );
}

/**
 * The Idempotency-Key of one filling's request: the filling's own key and the request's body, so that a retry of the
 * same request is answered as the first, and a corrected request after a refusal (which the API stored under the
 * first key) is a new one.
 */
export function keyOf(filling: string, request: unknown): string {
  const text = JSON.stringify(request);
  let hash = 5381;
  for (let i = 0; i < text.length; i += 1) hash = ((hash * 33) ^ text.charCodeAt(i)) >>> 0;
  return `${filling}-${hash.toString(16)}`;
}

/** Sends one filling; a new filling's key once accepted, so the next filling is a new proposal. */
function useKeyedPost() {
  const [filling, setFilling] = useState(newKey);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const send = async (path: string, body: Record<string, unknown>): Promise<CommuneProposal | null> => {
    setError(null);
    setBusy(true);
    try {
      const answer = await post<CommuneProposal>(path, body, { 'idempotency-key': keyOf(filling, [path, body]) });
      setFilling(newKey());
      return answer;
    } catch (caught) {
      setError(caught);
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { send, error, busy };
}

const withFrom = (from: string) => (from.trim() ? { from: parseDay(from) } : {});

function AppointmentForm({ choices, onProposed }: { choices: Choices; onProposed(p: CommuneProposal): void }) {
  const { t } = useI18n();
  const refusal = useRefusalFields();
  const [areaId, setAreaId] = useState('');
  const [memberId, setMemberId] = useState('');
  const [from, setFrom] = useState('');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<FieldErrors>({});
  const { send, error, busy } = useKeyedPost();
  const errors = { ...refusal(error, issueFields(error)), ...missing };
  const title = t('communeProposal.appointment');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const absent: FieldErrors = {
      ...(!areaId && { areaId: t('err.required') }),
      ...(!memberId && { memberId: t('err.required') }),
      ...(!reason.trim() && { reason: t('err.required') }),
    };
    setMissing(absent);
    if (Object.keys(absent).length > 0) return;
    const body = { programmeId: choices.programmeId, areaId, memberId, reason: reason.trim(), ...withFrom(from) };
    const answer = await send('/commune-proposals', body);
    if (answer) onProposed(answer);
  };
  return (
    <form className="card form" onSubmit={(event) => void submit(event)} noValidate aria-label={title}>
      <h3>{title}</h3>
      {error ? <ErrorMessage error={error} /> : null}
      <Select
        label={t('communeProposal.commune')}
        value={areaId}
        onChange={setAreaId}
        error={errors.areaId}
        required
        options={[
          { value: '', label: t('communeProposal.choose') },
          ...choices.areas.map((a) => ({
            value: a.id,
            label:
              a.agencyLeaders.length > 0
                ? t('communeProposal.monitoredBy', {
                    commune: a.name,
                    leaders: a.agencyLeaders.map((l) => l.displayName).join(', '),
                  })
                : a.name,
          })),
        ]}
      />
      <LeaderSelect choices={choices} value={memberId} onChange={setMemberId} error={errors.memberId} />
      <FromReasonAndSubmit
        from={from}
        onFrom={setFrom}
        reason={reason}
        onReason={setReason}
        errors={errors}
        busy={busy}
        submit={t('communeProposal.submitAppointment')}
      />
    </form>
  );
}

function ReassignmentForm({ choices, onProposed }: { choices: Choices; onProposed(p: CommuneProposal): void }) {
  const { t } = useI18n();
  const refusal = useRefusalFields();
  const links = choices.areas.flatMap((a) =>
    a.agencyLeaders.map((l) => ({
      value: l.linkId,
      label: `${a.name} — ${l.displayName} (${l.title}, ${l.agencyName})`,
    })),
  );
  const [linkId, setLinkId] = useState('');
  const [memberId, setMemberId] = useState('');
  const [ground, setGround] = useState<'COMMUNE_REQUEST' | 'OTHER'>('OTHER');
  const [groundCommentId, setGroundCommentId] = useState('');
  const [from, setFrom] = useState('');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<FieldErrors>({});
  const { send, error, busy } = useKeyedPost();
  const errors = { ...refusal(error, issueFields(error)), ...missing };
  const requests = choices.requests?.filter((r) => r.linkId === linkId) ?? [];
  const title = t('communeProposal.reassignment');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const absent: FieldErrors = {
      ...(!linkId && { linkId: t('err.required') }),
      ...(!memberId && { memberId: t('err.required') }),
      ...(!reason.trim() && { reason: t('err.required') }),
    };
    setMissing(absent);
    if (Object.keys(absent).length > 0) return;
    const body = {
      memberId,
      ground,
      ...(ground === 'COMMUNE_REQUEST' && groundCommentId ? { groundCommentId } : {}),
      reason: reason.trim(),
      ...withFrom(from),
    };
    const answer = await send(`/commune-links/${encodeURIComponent(linkId)}/reassignment`, body);
    if (answer) onProposed(answer);
  };
  return (
    <form className="card form" onSubmit={(event) => void submit(event)} noValidate aria-label={title}>
      <h3>{title}</h3>
      {error ? <ErrorMessage error={error} /> : null}
      <Select
        label={t('communeProposal.link')}
        value={linkId}
        onChange={setLinkId}
        error={errors.linkId}
        required
        options={[{ value: '', label: t('communeProposal.choose') }, ...links]}
      />
      <LeaderSelect choices={choices} value={memberId} onChange={setMemberId} error={errors.memberId} />
      <RadioGroup
        legend={t('communeProposal.ground')}
        value={ground}
        onChange={(value) => setGround(value as 'COMMUNE_REQUEST' | 'OTHER')}
        error={errors.ground}
        required
        options={[
          ...(choices.requests === null
            ? []
            : [{ value: 'COMMUNE_REQUEST', label: t('communeDecision.ground.COMMUNE_REQUEST') }]),
          { value: 'OTHER', label: t('communeDecision.ground.OTHER') },
        ]}
      />
      {choices.requests === null && (
        // The commune committees' requests are in their comment forms, which this proposer may not read.
        <Notice kind="info">{t('communeProposal.requestsClosed')}</Notice>
      )}
      {ground === 'COMMUNE_REQUEST' && (
        <Select
          label={t('communeProposal.groundComment')}
          value={groundCommentId}
          onChange={setGroundCommentId}
          error={errors.groundCommentId}
          options={[
            { value: '', label: requests.length > 0 ? t('communeProposal.choose') : t('communeProposal.noRequest') },
            ...requests.map((r) => ({ value: r.id, label: r.label })),
          ]}
        />
      )}
      <FromReasonAndSubmit
        from={from}
        onFrom={setFrom}
        reason={reason}
        onReason={setReason}
        errors={errors}
        busy={busy}
        submit={t('communeProposal.submitReassignment')}
      />
    </form>
  );
}

/** Both proposals end alike: the day it takes effect, the reason, and the submit button. */
function FromReasonAndSubmit(props: {
  from: string;
  onFrom(value: string): void;
  reason: string;
  onReason(value: string): void;
  errors: FieldErrors;
  busy: boolean;
  submit: string;
}) {
  const { t } = useI18n();
  return (
    <>
      <DateField
        label={t('communeProposal.from')}
        value={props.from}
        onChange={props.onFrom}
        error={props.errors.from}
        required={false}
      />
      <TextArea
        label={t('communeProposal.reason')}
        value={props.reason}
        onChange={props.onReason}
        error={props.errors.reason}
        required
      />
      <div className="actions">
        <button type="submit" disabled={props.busy}>
          {props.submit}
        </button>
      </div>
    </>
  );
}

function LeaderSelect({
  choices,
  value,
  onChange,
  error,
}: {
  choices: Choices;
  value: string;
  onChange(value: string): void;
  error?: string | undefined;
}) {
  const { t } = useI18n();
  return (
    <Select
      label={t('communeProposal.leader')}
      value={value}
      onChange={onChange}
      error={error}
      required
      options={[
        { value: '', label: t('communeProposal.choose') },
        ...choices.leaders.map((l) => ({ value: l.memberId, label: l.label })),
      ]}
    />
  );
}
