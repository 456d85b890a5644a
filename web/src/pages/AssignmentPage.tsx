/** One assignment: its state, the events allowed now, its dates, the pending proposal, and its timeline. */
import { api } from '../api';
import { Async, Badge, PageTitle, Section, useLoader } from '../components';
import { nameOf, officialsById } from '../directory';
import { formatDate } from '../format';
import { useI18n } from '../i18n';
import { Link } from '../router';
import { useSession } from '../session';
import type { AssignmentDetail } from '../../../contracts/assignments';
import type { Timeline } from '../../../contracts/timeline';
import { DocumentLinks } from './DecisionDocuments';
import { DecisionSignature } from './DecisionSignature';
import { TimelineTable } from './TimelineTable';

export function AssignmentPage({ id }: { id: string }) {
  const { t, e, lang } = useI18n();
  const { has } = useSession();
  const path = encodeURIComponent(id);
  const loaded = useLoader(
    () =>
      Promise.all([
        api<AssignmentDetail>(`/assignments/${path}`),
        api<Timeline>(`/assignments/${path}/timeline?lang=${lang}`),
        officialsById(),
      ]),
    [id, lang],
  );
  return (
    <Async loaded={loaded}>
      {([detail, timeline, people]) => {
        const { view } = detail;
        return (
          <>
            <PageTitle>
              {t('detail.title')} — {nameOf(people, view.officialId, '')}
            </PageTitle>
            <Section
              title={t('detail.deadlines')}
              actions={has('AUDITOR') ? <Link to={`/audit?id=${path}`}>{t('audit.replay')}</Link> : undefined}
            >
              <dl className="facts">
                <dt>{t('common.state')}</dt>
                <dd>
                  <Badge tone={view.state === 'closed' ? 'neutral' : view.state.includes('rotation') ? 'warn' : 'ok'}>
                    {e('state', view.state)}
                  </Badge>
                </dd>
                <dt>{t('common.official')}</dt>
                <dd>{nameOf(people, view.officialId, t('common.system'))}</dd>
                <dt>{t('common.yearsServed')}</dt>
                <dd>{view.yearsServed}</dd>
                <dt>{t('detail.effectiveFrom')}</dt>
                <dd>{formatDate(view.deadlines.effectiveFrom)}</dd>
                <dt>{t('dash.rotationEligibleAt')}</dt>
                <dd>{formatDate(view.deadlines.rotationEligibleAt)}</dd>
                <dt>{t('dash.rotationDueAt')}</dt>
                <dd>{formatDate(view.deadlines.rotationDueAt)}</dd>
                {view.deadlines.nextMonthlyCycle && (
                  <>
                    <dt>{t('detail.nextMonth')}</dt>
                    <dd>{formatDate(view.deadlines.nextMonthlyCycle)}</dd>
                  </>
                )}
                {view.deadlines.nextEvaluationRequest && (
                  <>
                    <dt>{t('detail.nextEvaluation')}</dt>
                    <dd>{formatDate(view.deadlines.nextEvaluationRequest)}</dd>
                  </>
                )}
                {view.pendingProposal && (
                  <>
                    <dt>{t('detail.pending')}</dt>
                    <dd>
                      {e('proposal', view.pendingProposal.kind)} —{' '}
                      {nameOf(people, view.pendingProposal.proposedBy, t('common.system'))}
                    </dd>
                  </>
                )}
                <dt>{t('detail.allowed')}</dt>
                <dd>{view.allowedEvents.join(', ') || '—'}</dd>
                {view.closureReason && (
                  <>
                    <dt>{t('detail.closure')}</dt>
                    <dd>{e('closure', view.closureReason)}</dd>
                  </>
                )}
                {view.successorAssignmentId && (
                  <>
                    <dt>{t('detail.successor')}</dt>
                    <dd>
                      <Link to={`/assignments/${encodeURIComponent(view.successorAssignmentId)}`}>
                        {view.successorAssignmentId}
                      </Link>
                    </dd>
                  </>
                )}
              </dl>
              {detail.record?.decisionId && (
                <DocumentLinks
                  path={`/decisions/${encodeURIComponent(detail.record.decisionId)}/document`}
                  label={t('papers.final')}
                />
              )}
              {detail.record?.decisionId && <DecisionSignature decisionId={detail.record.decisionId} />}
              {view.pendingProposal && has('BOARD_LEADER', 'HEAD_OF_BOARD') && (
                <DocumentLinks path={`/assignments/${path}/decision-draft`} label={t('papers.draft')} />
              )}
            </Section>
            <Section title={t('detail.timeline')}>
              {/* The unit under its own name, and what became of it since (in the language asked). */}
              {timeline.area?.note && <p data-testid="area-note">{timeline.area.note}</p>}
              <TimelineTable events={timeline.events} people={people} />
            </Section>
          </>
        );
      }}
    </Async>
  );
}
