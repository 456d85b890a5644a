/**
 * "Cán bộ theo dõi xã": a provincial agency's head follows the agency's leaders' monitoring of communes and wards
 * (seed 001: the agency leadership's responsibility for its own leaders), and Board leadership and the auditor follow
 * any agency: for each leader, their communes this year with the yearly programme, the reports, the comment forms
 * received and the days at the grassroots the leaders' reports give (the days on hover).
 */
import { useState } from 'react';
import type { AgencyMonitoring, AgencySummary, MonitoredCommune } from '../../../contracts/agencies';
import { Async, Badge, type Column, PageTitle, Section, Select, Table, useApi } from '../components';
import { formatDate } from '../format';
import { useI18n } from '../i18n';
import { useSession } from '../session';
import { AGENCY_MONITORING_READERS } from '../../../machines/roles';
import { AgencyAdminForm } from './AgencyAdminForm';
import { CommuneCommentRatings } from './CommuneCommentRatings';

export function AgencyMonitoringPage() {
  const { t } = useI18n();
  const agencies = useApi<AgencySummary[]>('/agencies');
  const [chosen, setChosen] = useState('');
  const { has } = useSession();
  // The administrator enters agencies and their members; the monitoring itself is for those who follow it.
  if (has('ADMINISTRATOR') && !has(...AGENCY_MONITORING_READERS))
    return (
      <>
        <PageTitle intro={t('agencyAdmin.intro')}>{t('agencyAdmin.title')}</PageTitle>
        <Async loaded={agencies}>{(list) => <AgencyAdminForm agencies={list} onChanged={agencies.reload} />}</Async>
      </>
    );
  return (
    <>
      <PageTitle intro={t('agency.intro')}>{t('agency.title')}</PageTitle>
      <Async loaded={agencies}>
        {(list) => {
          if (list.length === 0) return <p>{t('agency.none')}</p>;
          const agencyId = chosen || list[0]!.id;
          return (
            <>
              {list.length > 1 && (
                <Select
                  label={t('agency.choose')}
                  value={agencyId}
                  onChange={setChosen}
                  options={list.map((a) => ({ value: a.id, label: a.name }))}
                />
              )}
              <AgencyMonitoringView key={agencyId} agencyId={agencyId} />
              <CommuneCommentRatings key={`ratings-${agencyId}`} agencyId={agencyId} />
            </>
          );
        }}
      </Async>
    </>
  );
}

function AgencyMonitoringView({ agencyId }: { agencyId: string }) {
  const { t } = useI18n();
  const monitoring = useApi<AgencyMonitoring>(`/agencies/${encodeURIComponent(agencyId)}/monitoring`);
  const columns: Column<MonitoredCommune>[] = [
    { header: t('agency.col.commune'), cell: (c) => c.areaName },
    { header: t('agency.col.from'), cell: (c) => formatDate(c.from) },
    {
      header: t('agency.col.plan'),
      cell: (c) =>
        c.programmePlan.built === null ? (
          <Badge tone="neutral">{t('agency.plan.noRecord', { due: formatDate(c.programmePlan.dueOn) })}</Badge>
        ) : c.programmePlan.built ? (
          <Badge tone="ok">{t('agency.plan.built')}</Badge>
        ) : (
          <Badge tone="bad">{t('agency.plan.notBuilt')}</Badge>
        ),
    },
    {
      header: t('agency.col.reports'),
      cell: (c) => {
        const count = (status: string) => c.reports.filter((r) => r.status === status).length;
        return `${count('ON_TIME')} / ${count('LATE')} / ${count('MISSING')}`;
      },
    },
    { header: t('agency.col.comments'), cell: (c) => String(c.commentsReceived.length) },
    {
      header: t('agency.col.fieldDays'),
      // The count, and the days themselves on hover.
      cell: (c) =>
        c.fieldDays.length === 0 ? (
          '0'
        ) : (
          <abbr title={t('agency.fieldDays.list', { days: c.fieldDays.map((d) => formatDate(d)).join(', ') })}>
            {String(c.fieldDays.length)}
          </abbr>
        ),
    },
  ];
  return (
    <Async loaded={monitoring}>
      {(m) => (
        <>
          <Section title={`${m.agency.name} — ${t('agency.year', { year: String(m.year) })}`}>
            {m.head && <p>{t('agency.head', { name: m.head.displayName, title: m.head.title })}</p>}
            {m.programmes.map((p) => (
              <p key={p.id}>
                {t('agency.programme', {
                  name: p.name,
                  version: p.version ?? '—',
                  programmeDue: formatDate(p.programmeDueOn),
                  yearlyDue: formatDate(p.yearlyReportDueOn),
                })}
              </p>
            ))}
            <p className="intro">{t('agency.noRecords')}</p>
          </Section>
          {m.leaders.map((leader) => (
            <Section
              key={leader.memberId}
              title={t('agency.leader', { name: leader.displayName, title: leader.title })}
            >
              <Table
                rows={leader.communes}
                columns={columns}
                rowKey={(c) => `${c.areaId}-${c.from}`}
                empty={t('agency.noCommunes')}
                caption={t('agency.leader.caption', { name: leader.displayName })}
              />
            </Section>
          ))}
        </>
      )}
    </Async>
  );
}
