/**
 * The Board's organisation, as the administrator keeps it (and Board leadership reads it): what is still missing, the
 * officials with their accounts, the monitoring groups, the leaders in charge of areas (leadership's to decide), the
 * people import and the reorganisations of administrative units. Every change goes through the organisation's and the
 * areas' routes, dated and audited there.
 */
import { ErrorMessage, Loading, PageTitle, useLoader } from '../components';
import { useI18n } from '../i18n';
import { LEADERSHIP, useSession } from '../session';
import { GapsSection } from './organisation/gaps';
import { GroupsSection } from './organisation/groups';
import { LeadersInChargeSection } from './organisation/in-charge';
import { loadOrganisation } from './organisation/lists';
import { CommitteeAccountsImportSection, LeadersInChargeImportSection } from './organisation/more-imports';
import { OfficialsSection } from './organisation/officials';
import { PeopleImportSection } from './organisation/people-import';
import { ReorganisationSection } from './organisation/reorganisation';

export function OrganisationPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const roles = user?.roles ?? [];
  const isAdministrator = roles.includes('ADMINISTRATOR');
  const isLeadership = roles.some((role) => (LEADERSHIP as readonly string[]).includes(role));
  const lists = useLoader(() => loadOrganisation(isAdministrator), [isAdministrator]);
  const data = lists.data;

  return (
    <>
      <PageTitle intro={t('org.intro')}>{t('org.title')}</PageTitle>
      {lists.error ? <ErrorMessage error={lists.error} onRetry={lists.reload} /> : null}
      {!data ? (
        lists.error ? null : (
          <Loading />
        )
      ) : (
        <>
          <GapsSection gaps={data.gaps} />
          {isAdministrator && <OfficialsSection lists={data} onChange={lists.reload} />}
          {isAdministrator && <GroupsSection lists={data} onChange={lists.reload} />}
          <LeadersInChargeSection lists={data} canDecide={isLeadership} onChange={lists.reload} />
          {isAdministrator && <PeopleImportSection onImported={lists.reload} />}
          {(isAdministrator || isLeadership) && <LeadersInChargeImportSection onImported={lists.reload} />}
          {isAdministrator && <CommitteeAccountsImportSection onImported={lists.reload} />}
          {isAdministrator && <ReorganisationSection lists={data} onChange={lists.reload} />}
        </>
      )}
    </>
  );
}
