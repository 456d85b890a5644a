/**
 * One year's evaluation of an assignment (GET /assignments/:id/evaluations/:year): the area committee's written
 * evaluation, the group leader's proposed rating and leadership's rating, as much of each as the caller may see. The
 * group leader (or the official working alone) proposes here, and Board leadership rates, each with a form validated
 * by the API's schema: the four ratings as a radio group, Enter submits.
 */
import { type FormEvent, type ReactNode, useState } from 'react';
import { api, post } from '../api';
import { Async, Badge, ErrorMessage, Notice, PageTitle, RadioGroup, Section, TextArea, useLoader } from '../components';
import { areasById, nameOf, officialsById } from '../directory';
import { type Validation, validate } from '../forms';
import { formatDate, formatDateTime } from '../format';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { ProposalBodySchema, RATINGS, RatingBodySchema } from '../schemas';
import { LEADERSHIP, useSession } from '../session';
import type { AssignmentDetail } from '../../../contracts/assignments';
import type { GroupDetail } from '../../../contracts/directory';
import type { EvaluationDetail, Rating } from '../../../contracts/evaluations';
import { useFormSubmit } from '../use-form-submit';

async function loadEvaluation(id: string, year: number) {
  const path = encodeURIComponent(id);
  const [evaluation, assignment, people, areas] = await Promise.all([
    api<EvaluationDetail>(`/assignments/${path}/evaluations/${year}`),
    api<AssignmentDetail>(`/assignments/${path}`),
    officialsById(),
    areasById().catch(() => new Map<string, { name: string }>()),
  ]);
  const groupId = assignment.record?.groupId ?? null;
  const group = groupId ? await api<GroupDetail>(`/groups/${encodeURIComponent(groupId)}`).catch(() => null) : null;
  // Who proposes the rating (Đ7.B.4, Đ5.6): the group's leader, or the official when there is no group or no leader.
  const proposerId = group?.leader?.id ?? assignment.view.officialId;
  return {
    evaluation,
    assignment,
    group,
    proposerId,
    people,
    areaName: areas.get(assignment.view.areaId)?.name ?? assignment.view.areaId,
  };
}

export function EvaluationPage({ id, year }: { id: string; year: string }) {
  const { t, e } = useI18n();
  const { user, has } = useSession();
  const [done, setDone] = useState<{ kind: 'proposed' | 'rated'; rating: Rating } | null>(null);
  const loaded = useLoader(() => loadEvaluation(id, Number(year)), [id, year]);
  return (
    <Async loaded={loaded}>
      {({ evaluation: ev, assignment, group, proposerId, people, areaName }) => {
        const actorId = user?.actorId;
        const canPropose = ev.allowedEvents.includes('PROPOSE_RATING') && actorId === proposerId;
        const mayRate = ev.allowedEvents.includes('RATE') && has(...LEADERSHIP);
        // The workflow refuses a leader rating their own group or proposal (NO_SELF_APPROVAL): say so instead of a form.
        const ownGroup = actorId === proposerId || actorId === ev.proposal?.proposedById;
        const committee = ev.areaEvaluation;
        return (
          <>
            <PageTitle intro={t('evals.intro')}>{t('evals.pageTitle', { year: ev.year, area: areaName })}</PageTitle>
            {done && (
              <Notice>
                {t(done.kind === 'proposed' ? 'evals.proposed' : 'evals.rated', {
                  year: ev.year,
                  rating: e('rating', done.rating),
                })}
              </Notice>
            )}
            <Section
              title={t('evals.general')}
              actions={<Link to={`/assignments/${encodeURIComponent(id)}`}>{t('evals.openAssignment')}</Link>}
            >
              <dl className="facts">
                <dt>{t('common.official')}</dt>
                <dd>{nameOf(people, assignment.view.officialId, '')}</dd>
                {group && (
                  <>
                    <dt>{t('common.group')}</dt>
                    <dd>
                      {group.name}
                      {group.leader ? ` — ${e('role', 'GROUP_LEADER')}: ${group.leader.fullName}` : ''}
                    </dd>
                  </>
                )}
                <dt>{t('common.state')}</dt>
                <dd>
                  <Badge tone={ev.state === 'rated' ? 'ok' : 'warn'}>{e('evaluationState', ev.state)}</Badge>
                </dd>
                <dt>{t('evals.committeeDue')}</dt>
                <dd>{formatDate(ev.dueAt)}</dd>
                {ev.receivedAt && (
                  <>
                    <dt>{t('evals.receivedAt')}</dt>
                    <dd>{formatDate(ev.receivedAt)}</dd>
                  </>
                )}
              </dl>
            </Section>

            <Section title={t('evals.committee')}>
              {committee ? (
                <dl className="facts">
                  <Fact label={t('eval.responsibility')}>{committee.responsibility}</Fact>
                  <Fact label={t('eval.method')}>{committee.method}</Fact>
                  <Fact label={t('eval.coordination')}>{committee.coordination}</Fact>
                  <Fact label={t('eval.contributions')}>{committee.contributions}</Fact>
                  <Fact label={t('eval.shortcomings')}>{committee.shortcomings}</Fact>
                  {committee.groupLeaderAssessment && (
                    <Fact label={t('eval.groupLeaderAssessment')}>{committee.groupLeaderAssessment}</Fact>
                  )}
                  <Fact label={t('eval.proposesReplacement')}>
                    {committee.proposesReplacement ? <Badge tone="bad">{t('common.yes')}</Badge> : t('common.no')}
                  </Fact>
                  {committee.submittedById && (
                    <Fact label={t('evals.submittedBy')}>
                      {/* The committee logs in as its area, not as an official: named by its role and area. */}
                      {people.has(committee.submittedById)
                        ? nameOf(people, committee.submittedById, '')
                        : `${e('role', 'AREA_COMMITTEE')} — ${areaName}`}
                    </Fact>
                  )}
                </dl>
              ) : (
                <p className="empty">{ev.receivedAt ? t('evals.hidden') : t('evals.committeeMissing')}</p>
              )}
            </Section>

            <Section title={t('evals.proposal')}>
              {ev.proposal ? (
                <dl className="facts">
                  <Fact label={t('evals.proposedRating')}>
                    <Badge tone={ev.proposal.rating === 'NOT_COMPLETED' ? 'bad' : 'ok'}>
                      {e('rating', ev.proposal.rating)}
                    </Badge>
                  </Fact>
                  {ev.proposal.notes && <Fact label={t('evals.notes')}>{ev.proposal.notes}</Fact>}
                  {ev.proposal.proposedById && (
                    <Fact label={t('evals.proposedBy')}>{nameOf(people, ev.proposal.proposedById, '')}</Fact>
                  )}
                </dl>
              ) : (
                <p className="empty">{ev.visibility === 'full' ? t('evals.noProposal') : t('evals.hidden')}</p>
              )}
              {canPropose && (
                <ProposalForm
                  assignmentId={id}
                  year={ev.year}
                  onDone={(rating) => {
                    setDone({ kind: 'proposed', rating });
                    loaded.reload();
                  }}
                />
              )}
            </Section>

            <Section title={t('evals.rating')}>
              {ev.rating ? (
                <dl className="facts">
                  <Fact label={t('evals.finalRating')}>
                    <Badge tone={ev.rating.rating === 'NOT_COMPLETED' ? 'bad' : 'ok'}>
                      {e('rating', ev.rating.rating)}
                    </Badge>
                  </Fact>
                  {ev.rating.ratedById && (
                    <Fact label={t('evals.ratedBy')}>{nameOf(people, ev.rating.ratedById, '')}</Fact>
                  )}
                  {ev.rating.ratedAt && <Fact label={t('evals.ratedAt')}>{formatDateTime(ev.rating.ratedAt)}</Fact>}
                </dl>
              ) : (
                <p className="empty">{ev.visibility === 'areaCommittee' ? t('evals.hidden') : t('evals.noRating')}</p>
              )}
              {mayRate && ownGroup && <Notice kind="info">{t('evals.ownGroup')}</Notice>}
              {mayRate && !ownGroup && (
                <RatingForm
                  assignmentId={id}
                  year={ev.year}
                  onDone={(rating) => {
                    setDone({ kind: 'rated', rating });
                    loaded.reload();
                  }}
                />
              )}
            </Section>
          </>
        );
      }}
    </Async>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className="text">{children}</dd>
    </>
  );
}

function useRatingOptions() {
  const { e } = useI18n();
  return RATINGS.map((rating) => ({ value: rating, label: e('rating', rating) }));
}

/** Sends a rating (proposed or decided); once accepted, the page learns which. */
function useSubmit(onDone: (rating: Rating) => void) {
  const form = useFormSubmit();
  const send = async (path: string, checked: Validation<{ rating: Rating }>) => {
    if ((await form.submit(checked, (body) => post(path, body))) && checked.ok) onDone(checked.data.rating);
  };
  return { ...form, send };
}

function ProposalForm({
  assignmentId,
  year,
  onDone,
}: {
  assignmentId: string;
  year: number;
  onDone(rating: Rating): void;
}) {
  const { t } = useI18n();
  const options = useRatingOptions();
  const [rating, setRating] = useState('');
  const [notes, setNotes] = useState('');
  const form = useSubmit(onDone);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.send(
      `/assignments/${encodeURIComponent(assignmentId)}/evaluations/${year}/proposal`,
      validate(ProposalBodySchema, { rating: rating || undefined, notes }, t),
    );
  };
  return (
    <form className="form decision" onSubmit={submit} noValidate aria-label={t('evals.propose')}>
      {form.error ? <ErrorMessage error={form.error} fields={form.errors} /> : null}
      <RadioGroup
        legend={t('evals.proposalLegend')}
        value={rating}
        onChange={setRating}
        options={options}
        error={form.errors.rating}
        required
      />
      <TextArea
        label={t('evals.notes')}
        value={notes}
        onChange={setNotes}
        error={form.errors.notes}
        required={false}
        rows={4}
      />
      <button type="submit" disabled={form.busy}>
        {form.busy ? t('common.saving') : t('evals.submitProposal')}
      </button>
    </form>
  );
}

function RatingForm({
  assignmentId,
  year,
  onDone,
}: {
  assignmentId: string;
  year: number;
  onDone(rating: Rating): void;
}) {
  const { t } = useI18n();
  const options = useRatingOptions();
  const [rating, setRating] = useState('');
  const form = useSubmit(onDone);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void form.send(
      `/assignments/${encodeURIComponent(assignmentId)}/evaluations/${year}/rating`,
      validate(RatingBodySchema, { rating: rating || undefined }, t),
    );
  };
  return (
    <form className="form decision" onSubmit={submit} noValidate aria-label={t('evals.rate')}>
      {form.error ? <ErrorMessage error={form.error} fields={form.errors} /> : null}
      <RadioGroup
        legend={t('evals.ratingLegend')}
        value={rating}
        onChange={setRating}
        options={options}
        error={form.errors.rating}
        required
      />
      <button type="submit" disabled={form.busy}>
        {form.busy ? t('common.saving') : t('evals.submitRating')}
      </button>
    </form>
  );
}
