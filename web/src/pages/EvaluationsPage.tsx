/**
 * The annual evaluations a user acts on: for Board leadership, those not yet rated (the dashboard's
 * evaluations-outstanding, "as of" another day if asked), each linking to its page with the rating form; for a group
 * leader, the evaluations of the group's assignments, whose rating they propose, and for an official their own (an
 * official working alone proposes their own rating, Đ5.6).
 */
import { api, type Page, qs } from '../api';
import { Async, Badge, PageTitle, Section, Table, useApi, useLoader } from '../components';
import { formatDate } from '../format';
import { useI18n } from '../i18n';
import { Link, useLocation } from '../router';
import { LEADERSHIP, useSession } from '../session';
import type { EvaluationItem as OutstandingEvaluation } from '../../../contracts/dashboard';
import type { AreaRef, GroupDetail, GroupRef, Me, OfficialSummary } from '../../../contracts/directory';
import type { Evaluation } from '../../../contracts/evaluations';
import { AsOfForm, EvaluationLink } from './DashboardPage';

export function EvaluationsPage() {
  const { t } = useI18n();
  const { has } = useSession();
  return (
    <>
      <PageTitle intro={t('evals.intro')}>{t('evals.title')}</PageTitle>
      {has(...LEADERSHIP) && <Outstanding />}
      {has('GROUP_LEADER', 'OFFICIAL') && <Mine />}
    </>
  );
}

function Outstanding() {
  const { t, e } = useI18n();
  const asOf = useLocation().query.get('asOf');
  const loaded = useApi<Page<OutstandingEvaluation>>(`/dashboard/evaluations-outstanding${qs({ limit: 100, asOf })}`);
  return (
    <Section title={t('evals.outstanding')}>
      <AsOfForm page="/evaluations" asOf={asOf} />
      <Async loaded={loaded}>
        {(page) => (
          <Table
            // Those waiting for leadership first, then by the area's due date (the API's order).
            rows={[...page.items].sort(
              (a, b) => Number(b.waitingFor === 'BOARD_LEADERSHIP') - Number(a.waitingFor === 'BOARD_LEADERSHIP'),
            )}
            rowKey={(r) => r.id}
            columns={[
              { header: t('common.area'), cell: (r) => r.area.name },
              { header: t('common.official'), cell: (r) => r.official.fullName },
              { header: t('common.group'), cell: (r) => r.group?.name ?? '—' },
              { header: t('common.year'), cell: (r) => r.year },
              {
                header: t('evals.waitingFor'),
                cell: (r) => (
                  <Badge tone={r.waitingFor === 'BOARD_LEADERSHIP' ? 'warn' : 'neutral'}>
                    {e('waitingFor', r.waitingFor)}
                  </Badge>
                ),
              },
              {
                header: t('evals.committeeDue'),
                cell: (r) => <span className={r.overdue ? 'bad' : ''}>{formatDate(r.dueAt)}</span>,
              },
              { header: '', cell: (r) => <EvaluationLink item={r} /> },
            ]}
          />
        )}
      </Async>
    </Section>
  );
}

interface Subject {
  assignmentId: string;
  area: AreaRef;
  official: OfficialSummary | null;
  group: GroupRef | null;
  /** The caller proposes this assignment's rating: they lead its group, or it is their own without a group. */
  proposes: boolean;
}

/** The assignments of the groups the caller leads, and their own; with each one's evaluations, newest first. */
async function loadMine(): Promise<{ subject: Subject; evaluation: Evaluation }[]> {
  const me = await api<Me>('/me');
  const led = await Promise.all(
    me.memberships.filter((m) => m.isLeader).map((m) => api<GroupDetail>(`/groups/${encodeURIComponent(m.group.id)}`)),
  );
  const subjects = new Map<string, Subject>();
  for (const group of led) {
    for (const a of group.assignments)
      subjects.set(a.id, { assignmentId: a.id, area: a.area, official: a.official, group: a.group, proposes: true });
  }
  for (const a of me.assignments) {
    if (a.state === 'awaitingApproval' || subjects.has(a.id)) continue;
    subjects.set(a.id, {
      assignmentId: a.id,
      area: a.area,
      official: me.official,
      group: a.group,
      proposes: a.group === null,
    });
  }
  const rows = await Promise.all(
    [...subjects.values()].map(async (subject) => {
      const { items } = await api<{ items: Evaluation[] }>(
        `/assignments/${encodeURIComponent(subject.assignmentId)}/evaluations`,
      ).catch(() => ({ items: [] as Evaluation[] }));
      return items.map((evaluation) => ({ subject, evaluation }));
    }),
  );
  return rows
    .flat()
    .sort(
      (a, b) => b.evaluation.year - a.evaluation.year || a.subject.area.name.localeCompare(b.subject.area.name, 'vi'),
    );
}

function Mine() {
  const { t, e } = useI18n();
  const loaded = useLoader(loadMine, []);
  return (
    <Section title={t('evals.mine')}>
      <Async loaded={loaded}>
        {(rows) => (
          <Table
            rows={rows}
            empty={t('evals.noneMine')}
            rowKey={(r) => r.evaluation.id}
            columns={[
              { header: t('common.area'), cell: (r) => r.subject.area.name },
              { header: t('common.official'), cell: (r) => r.subject.official?.fullName ?? '' },
              { header: t('common.year'), cell: (r) => r.evaluation.year },
              {
                header: t('common.state'),
                cell: (r) => (
                  <>
                    <Badge
                      tone={
                        r.evaluation.state === 'rated'
                          ? 'ok'
                          : r.subject.proposes && r.evaluation.state === 'areaEvaluationReceived'
                            ? 'warn'
                            : 'neutral'
                      }
                    >
                      {e('evaluationState', r.evaluation.state)}
                    </Badge>
                    {r.evaluation.rating && ` ${e('rating', r.evaluation.rating.rating)}`}
                  </>
                ),
              },
              {
                header: '',
                cell: (r) => {
                  const label =
                    r.subject.proposes && r.evaluation.state === 'areaEvaluationReceived'
                      ? t('evals.propose')
                      : t('evals.view');
                  return (
                    <Link
                      to={`/evaluations/${encodeURIComponent(r.subject.assignmentId)}/${r.evaluation.year}`}
                      aria-label={`${label}: ${r.subject.area.name} — ${r.evaluation.year}`}
                    >
                      {label}
                    </Link>
                  );
                },
              },
            ]}
          />
        )}
      </Async>
    </Section>
  );
}
